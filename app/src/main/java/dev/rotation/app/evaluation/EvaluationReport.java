package dev.rotation.app.evaluation;

import java.util.List;
import java.util.Map;

/**
 * Everything {@code evaluate} measured, as written to {@code evaluation.json}: the settings, the
 * per-type scores on planted scenarios, the calibration of confidence, the threshold sweep, the
 * real-history scorecard, and every scored signal and label (so each figure can be recomputed from
 * the file).
 *
 * @param command the command line that produced it
 * @param settings runs, weeks and threshold overrides
 * @param planted what the runs planted
 * @param types per signal type: true/false positives, false negatives, precision and recall with
 *     95% Wilson intervals
 * @param unscored FINAL signals of types the simulator does not plant, per type (not scored)
 * @param calibration reliability bins (deciles) and the Brier score over the scored FINAL signals
 * @param sweep precision and recall of the affected types as one threshold moves
 * @param scorecard what followed each FINAL signal on the bundled real history
 * @param signals every scored FINAL signal with its outcome
 * @param labels every label with its outcome
 */
public record EvaluationReport(
        String command,
        Settings settings,
        Planted planted,
        List<TypeScore> types,
        Map<String, Long> unscored,
        Calibration calibration,
        List<SweepPoint> sweep,
        HistoryScorecard.Result scorecard,
        List<SignalOutcome> signals,
        List<LabelOutcome> labels) {

    /** Targets at default thresholds, per type. */
    public static final double RECALL_TARGET = 0.95;

    public static final double PRECISION_TARGET = 0.90;

    /**
     * @param runs simulated runs (one seed each)
     * @param firstSeed the first run's seed; run k uses firstSeed + k
     * @param weeks weeks per run
     * @param thresholds the {@code --threshold} overrides, key to value
     * @param sweepRuns how many of the runs the sweep replays
     */
    public record Settings(
            int runs, long firstSeed, int weeks, Map<String, String> thresholds, int sweepRuns) {}

    /**
     * @param weeks simulated weeks over all runs
     * @param labels labels per type (planted and incidental)
     * @param incidentalLabels labels the flows met by construction rather than by a plan
     * @param nearMisses near misses per scenario
     * @param quietWeeks weeks with neither a scenario, a near miss nor a lead-in
     * @param events events replayed through the topology
     */
    public record Planted(
            long weeks,
            Map<String, Long> labels,
            long incidentalLabels,
            Map<String, Long> nearMisses,
            long quietWeeks,
            long events) {}

    /**
     * @param key the threshold moved
     * @param value its value at this point
     * @param type a type the threshold decides
     * @param precision that type's precision at this value
     * @param recall its recall
     */
    public record SweepPoint(
            String key, String value, String type, Proportion precision, Proportion recall) {}

    /** One scored FINAL signal and whether it matched a label. */
    public record SignalOutcome(
            long run,
            String windowStart,
            String type,
            List<String> subjects,
            double confidence,
            boolean matched) {}

    /** One label and whether a signal found it. */
    public record LabelOutcome(
            long run, String windowStart, String type, List<String> subjects, boolean found) {}
}
