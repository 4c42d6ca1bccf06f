package dev.rotation.processor.lifecycle;

import dev.rotation.model.SignalStatus;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the lifecycle remembers of a signal it emitted: enough to revise or retract it, and to
 * decide whether a revision is news for a desk. Kept in the window's state record (changelogged),
 * so the decisions, and the alert ids, are the same after a restart.
 *
 * @param revision the last revision emitted
 * @param status the status of that revision
 * @param fingerprint what makes the signal what it is: type, subjects, confidence level, scale,
 *     caveat codes and the shape of its evidence ({@link SignalLifecycle#fingerprint})
 * @param figures the numbers of that revision, compared with a tolerance ({@link
 *     SignalLifecycle#figures})
 * @param alertState the state ({@link AlertFactory#state}) of the last alert raised for the signal,
 *     or null before the first
 * @param alertEventTime the window's event time when that alert was raised, epoch ms
 * @param alertPending a change of state is waiting for the cooldown to pass
 * @param alerted how many alerts were raised in each state (so an alert that returns to an earlier
 *     state gets an id of its own)
 */
public record EmittedSignal(
        String signalId,
        int revision,
        SignalStatus status,
        String fingerprint,
        List<Double> figures,
        String alertState,
        long alertEventTime,
        boolean alertPending,
        Map<String, Integer> alerted) {

    public EmittedSignal {
        figures = figures == null ? List.of() : List.copyOf(figures);
        alerted = alerted == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(alerted));
    }

    /** A signal emitted for the first time, not yet alerted. */
    static EmittedSignal first(
            String signalId,
            int revision,
            SignalStatus status,
            String fingerprint,
            List<Double> figures) {
        return new EmittedSignal(
                signalId, revision, status, fingerprint, figures, null, 0, false, Map.of());
    }

    /** A new revision of this signal; what was alerted stays. */
    EmittedSignal revised(
            int revision, SignalStatus status, String fingerprint, List<Double> figures) {
        return new EmittedSignal(
                signalId,
                revision,
                status,
                fingerprint,
                figures,
                alertState,
                alertEventTime,
                alertPending,
                alerted);
    }

    /** An alert was raised for the signal in {@code state}. */
    EmittedSignal alertedIn(String state, long eventTime) {
        Map<String, Integer> counts = new TreeMap<>(alerted);
        counts.merge(state, 1, Integer::sum);
        return new EmittedSignal(
                signalId, revision, status, fingerprint, figures, state, eventTime, false, counts);
    }

    /** Whether an alert is waiting for the cooldown. */
    EmittedSignal withAlertPending(boolean pending) {
        return pending == alertPending
                ? this
                : new EmittedSignal(
                        signalId,
                        revision,
                        status,
                        fingerprint,
                        figures,
                        alertState,
                        alertEventTime,
                        pending,
                        alerted);
    }

    /** How many alerts were raised in {@code state} so far. */
    int alertsIn(String state) {
        return alerted.getOrDefault(state, 0);
    }
}
