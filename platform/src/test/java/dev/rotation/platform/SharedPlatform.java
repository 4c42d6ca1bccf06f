package dev.rotation.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local platform for every test class that uses this extension, started on free ports the first
 * time it is needed and closed by JUnit when the whole run ends. Tests stay isolated by using their
 * own topics and subjects.
 */
final class SharedPlatform implements BeforeAllCallback {

    private static volatile LocalPlatform platform;

    @Override
    public void beforeAll(ExtensionContext context) {
        Holder holder =
                context.getRoot()
                        .getStore(ExtensionContext.Namespace.GLOBAL)
                        .computeIfAbsent(Holder.class.getName(), k -> new Holder(), Holder.class);
        platform = holder.platform;
    }

    static LocalPlatform platform() {
        if (platform == null) {
            throw new IllegalStateException(
                    "annotate the test class with @ExtendWith(SharedPlatform.class)");
        }
        return platform;
    }

    static Path newDir(String prefix) {
        try {
            return Files.createDirectories(
                    Path.of("target", "it-data", prefix + "-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static final class Holder implements AutoCloseable {
        final LocalPlatform platform = LocalPlatform.startForTests(newDir("shared-platform"));

        @Override
        public void close() {
            platform.close();
        }
    }
}
