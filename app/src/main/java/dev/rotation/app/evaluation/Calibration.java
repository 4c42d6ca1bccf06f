package dev.rotation.app.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * How well confidence ranks outcomes: FINAL signals binned by confidence into equal-width bins
 * (deciles by default), the share in each bin that matched a planted label (a reliability table),
 * and the Brier score over all of them.
 *
 * @param bins one per confidence interval, lowest first; empty bins included
 * @param brierScore mean of (confidence - outcome)^2 with outcome 1 for a matched signal and 0
 *     otherwise; 0 is perfect, 0.25 is what a constant 0.5 scores; null when there are no signals
 * @param signals how many signals were scored
 */
public record Calibration(List<Bin> bins, Double brierScore, long signals) {

    /**
     * @param lower lower bound of confidence, inclusive
     * @param upper upper bound, exclusive (inclusive for the last bin, so 1.0 is counted)
     * @param count signals in the bin
     * @param matched of them, those that matched a label
     * @param meanConfidence mean confidence of the bin's signals, null when empty
     * @param observed matched / count with its Wilson interval
     */
    public record Bin(
            double lower,
            double upper,
            long count,
            long matched,
            Double meanConfidence,
            Proportion observed) {}

    /** One scored outcome: a signal's confidence and whether it matched a label. */
    public record Outcome(double confidence, boolean matched) {}

    public static final int DECILES = 10;

    /**
     * @param outcomes confidences in [0, 1] with their outcomes
     * @param binCount number of equal-width bins over [0, 1]
     * @throws IllegalArgumentException for a confidence outside [0, 1] or fewer than one bin
     */
    public static Calibration of(List<Outcome> outcomes, int binCount) {
        if (binCount < 1) {
            throw new IllegalArgumentException("binCount must be at least 1: " + binCount);
        }
        long[] count = new long[binCount];
        long[] matched = new long[binCount];
        double[] sum = new double[binCount];
        for (Outcome o : outcomes) {
            double c = o.confidence();
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence must be within [0, 1]: " + c);
            }
            int b = Math.min(binCount - 1, (int) Math.floor(c * binCount));
            count[b]++;
            sum[b] += c;
            if (o.matched()) {
                matched[b]++;
            }
        }
        List<Bin> bins = new ArrayList<>(binCount);
        for (int b = 0; b < binCount; b++) {
            bins.add(
                    new Bin(
                            b / (double) binCount,
                            (b + 1) / (double) binCount,
                            count[b],
                            matched[b],
                            count[b] == 0 ? null : sum[b] / count[b],
                            Proportion.of(matched[b], count[b])));
        }
        return new Calibration(bins, brierScore(outcomes), outcomes.size());
    }

    /**
     * The Brier score: mean squared gap between confidence and outcome (1 matched, 0 not).
     *
     * @return the score in [0, 1], or null for no outcomes
     */
    public static Double brierScore(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return null;
        }
        double sum = 0;
        for (Outcome o : outcomes) {
            double gap = o.confidence() - (o.matched() ? 1 : 0);
            sum += gap * gap;
        }
        return sum / outcomes.size();
    }
}
