package dev.rotation.processor.query;

import dev.rotation.model.Signal;
import java.util.List;

/**
 * What the detector keeps of one signal's revisions. Every revision is a record on its signal
 * topic, keyed by {@code signalId}, numbered 1 to {@code revisionsEmitted}; stage 2's state keeps
 * the latest one in full, plus the lifecycle's memory of it (revision and status), for as long as
 * its window is kept. Earlier revisions are read from the topic.
 *
 * @param revisionsEmitted how many records (revisions) the signal has had
 * @param kept the revisions kept in state, oldest first, in full (today: the latest one)
 */
public record SignalHistory(String signalId, int revisionsEmitted, List<Signal> kept) {

    public SignalHistory {
        kept = List.copyOf(kept);
    }

    /** The latest revision. */
    public Signal latest() {
        return kept.get(kept.size() - 1);
    }
}
