package dev.rotation.app.notify;

import dev.rotation.model.Alert;
import dev.rotation.model.Severity;
import dev.rotation.model.SignalType;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which alerts go to the webhook: those of at least {@code minSeverity} (severities rank INFO <
 * NOTICE < WARNING < CRITICAL) whose type is one of {@code types}. Immutable.
 *
 * @param minSeverity the lowest severity delivered
 * @param types the signal types delivered; all of them when built from an empty set
 */
public record AlertFilter(Severity minSeverity, Set<SignalType> types) {
    /** Why an alert was held back: the tag value of the {@code rd.notify.filtered} counter. */
    public static final String BY_SEVERITY = "severity";

    public static final String BY_TYPE = "type";

    public AlertFilter {
        Objects.requireNonNull(minSeverity, "minSeverity");
        if (types != null && types.contains(SignalType.UNKNOWN)) {
            // the schema's fallback for a type written by a newer producer, never a type to ask for
            throw new IllegalArgumentException(
                    "--types UNKNOWN is not a signal type; the types are "
                            + EnumSet.complementOf(EnumSet.of(SignalType.UNKNOWN))
                            + ".");
        }
        types =
                types == null || types.isEmpty()
                        ? Set.copyOf(EnumSet.allOf(SignalType.class))
                        : Set.copyOf(types);
    }

    /** Every alert. */
    public static AlertFilter all() {
        return new AlertFilter(Severity.INFO, Set.of());
    }

    /**
     * Empty when {@code alert} is to be delivered, else why not ({@link #BY_SEVERITY} or {@link
     * #BY_TYPE}).
     */
    public Optional<String> rejection(Alert alert) {
        if (alert.getSeverity().ordinal() < minSeverity.ordinal()) {
            return Optional.of(BY_SEVERITY);
        }
        if (!types.contains(alert.getType())) {
            return Optional.of(BY_TYPE);
        }
        return Optional.empty();
    }
}
