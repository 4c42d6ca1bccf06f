package dev.rotation.app.evaluation;

import java.time.Instant;
import java.util.List;

/**
 * A signal the simulator planted: one row of its ground-truth label file.
 *
 * @param run the run it belongs to (the simulator's seed)
 * @param windowStart Monday 00:00Z of the planted week
 * @param type the signal type it is meant to trigger
 * @param subjects the assets, regions, metals or instruments involved (e.g. {@code BTC}, {@code
 *     US}, {@code CRYPTO}, {@code XAG}, {@code BTC-USD})
 */
public record PlantedLabel(long run, Instant windowStart, String type, List<String> subjects) {
    public PlantedLabel {
        subjects = List.copyOf(subjects);
    }
}
