package dev.rotation.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The Confluent compatibility levels, decided with Avro's own {@link SchemaCompatibility}.
 * BACKWARD: consumers on the new schema read data written with the old one. FORWARD: consumers on
 * the old schema read data written with the new one. FULL: both. Non-transitive levels compare with
 * the latest version only, transitive ones with every version.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    public static Optional<CompatibilityLevel> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(s.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean transitive() {
        return transitive;
    }

    /**
     * Problems of the candidate against the existing versions (oldest first); empty when it is
     * compatible. Only the latest version is considered unless the level is transitive.
     */
    public List<String> check(Schema candidate, List<Schema> existingOldestFirst) {
        List<String> problems = new ArrayList<>();
        if (this == NONE || existingOldestFirst.isEmpty()) {
            return problems;
        }
        List<Schema> against =
                transitive
                        ? existingOldestFirst
                        : List.of(existingOldestFirst.get(existingOldestFirst.size() - 1));
        for (Schema old : against) {
            if (backward) {
                describe(
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, old),
                        "BACKWARD",
                        problems);
            }
            if (forward) {
                describe(
                        SchemaCompatibility.checkReaderWriterCompatibility(old, candidate),
                        "FORWARD",
                        problems);
            }
        }
        return problems;
    }

    private static void describe(
            SchemaPairCompatibility result, String direction, List<String> problems) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        result.getResult()
                .getIncompatibilities()
                .forEach(
                        i ->
                                problems.add(
                                        "{errorType:'"
                                                + i.getType()
                                                + "', description:'"
                                                + i.getMessage()
                                                + "', location:'"
                                                + i.getLocation()
                                                + "', direction:'"
                                                + direction
                                                + "'}"));
        if (result.getResult().getIncompatibilities().isEmpty()) {
            problems.add(
                    "{direction:'"
                            + direction
                            + "', description:'"
                            + result.getDescription()
                            + "'}");
        }
    }
}
