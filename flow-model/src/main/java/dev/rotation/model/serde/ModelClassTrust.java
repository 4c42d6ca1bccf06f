package dev.rotation.model.serde;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to load classes named in schemas unless they are trusted. The product's own
 * generated classes ({@code dev.rotation.model}) are trusted here, once, on top of whatever the JVM
 * already trusts; nothing else is added.
 */
final class ModelClassTrust {
    private static final String MODEL_PACKAGE = "dev.rotation.model";
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private ModelClassTrust() {}

    static void ensure() {
        if (DONE.compareAndSet(false, true)) {
            ClassSecurityValidator.ClassSecurityPredicate model =
                    c -> c.getPackageName().equals(MODEL_PACKAGE);
            ClassSecurityValidator.setGlobal(
                    ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), model));
        }
    }
}
