package dev.rotation.app;

import dev.rotation.model.Alert;
import dev.rotation.model.SignalStatus;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which alerts a desk sees and in what order. By default only settled ones: {@code FINAL} and
 * {@code RETRACTED}; {@code PROVISIONAL} readings of an open week only when asked for. The order is
 * by week (oldest first), then severity (most severe first), then rank (higher first: confidence,
 * FINAL before the rest), then type and subjects so that equal alerts keep one order.
 *
 * @param provisional whether {@code PROVISIONAL} alerts are shown too
 */
public record AlertSelection(boolean provisional) {

    /** The desk's order: week, severity, rank, type, subjects, then the alert id. */
    public static final Comparator<Alert> DESK_ORDER =
            Comparator.comparing(Alert::getWindowStart)
                    .thenComparing(Alert::getSeverity, Comparator.reverseOrder())
                    .thenComparing(Alert::getRank, Comparator.reverseOrder())
                    .thenComparing(a -> a.getType().name())
                    .thenComparing(a -> String.join(",", a.getSubjects()))
                    .thenComparing(Alert::getAlertId);

    /** FINAL and RETRACTED only. */
    public static AlertSelection settled() {
        return new AlertSelection(false);
    }

    /** Whether the desk sees {@code alert}. */
    public boolean shows(Alert alert) {
        return provisional || alert.getStatus() != SignalStatus.PROVISIONAL;
    }

    /** The alerts of {@code read} that are shown, in {@link #DESK_ORDER}. */
    public List<Alert> select(Collection<Alert> read) {
        return read.stream().filter(this::shows).sorted(DESK_ORDER).toList();
    }
}
