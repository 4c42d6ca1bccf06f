package dev.rotation.app;

import dev.rotation.model.Alert;
import dev.rotation.model.SignalStatus;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which alerts a desk sees and in what order. By default only settled ones: {@code FINAL} and
 * {@code RETRACTED}; {@code PROVISIONAL} readings of an open week only when asked for. The order is
 * by week (oldest first), then severity (most severe first), then rank (higher first: confidence,
 * FINAL before the rest), then type and subjects so that equal alerts keep one order. In the
 * settled view a signal revised after it settled shows only at its latest reading.
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

    /**
     * The alerts of {@code read} that are shown, in {@link #DESK_ORDER}. In the settled view a
     * signal shows once, at its latest settled reading (highest revision): a report that arrives
     * after its week became FINAL revises the FINAL reading, and the earlier one no longer stands.
     * With {@code provisional} every reading shows, the history of each signal included.
     */
    public List<Alert> select(Collection<Alert> read) {
        List<Alert> shown = read.stream().filter(this::shows).toList();
        if (!provisional) {
            Map<String, Alert> latest = new LinkedHashMap<>();
            for (Alert a : shown) {
                latest.merge(a.getSignalId(), a, (x, y) -> LATEST.compare(x, y) >= 0 ? x : y);
            }
            shown = List.copyOf(latest.values());
        }
        return shown.stream().sorted(DESK_ORDER).toList();
    }

    /** Later revision first-class: the higher revision, then the later emission. */
    private static final Comparator<Alert> LATEST =
            Comparator.comparingInt(Alert::getRevision).thenComparing(Alert::getEmittedAt);
}
