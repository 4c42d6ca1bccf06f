package dev.rotation.app.evaluation;

import java.time.Instant;
import java.util.List;

/**
 * A FINAL signal the detector emitted in one evaluation run, reduced to what matching and
 * calibration need.
 *
 * @param run the run it came from (the simulator's seed)
 * @param windowStart its window's start (Monday 00:00Z for weekly windows)
 * @param type the signal type's name (e.g. ROTATION_TO_HIGH_BETA)
 * @param subjects the signal's subjects as emitted (e.g. {@code group:mainstream}, {@code
 *     region:US})
 * @param confidence its confidence, 0..1
 */
public record FinalSignal(
        long run, Instant windowStart, String type, List<String> subjects, double confidence) {
    public FinalSignal {
        subjects = List.copyOf(subjects);
    }
}
