package dev.rotation.processor.confidence;

import dev.rotation.model.Correlation;
import dev.rotation.processor.analytics.Stats;

/**
 * Pearson correlation with its 95% Fisher-z interval: z = atanh(r), se = 1 / sqrt(n - 3), interval
 * tanh(z -/+ 1.96 se). The interval is what keeps a correlation over a handful of weekly windows
 * honest: at n = 5 even r = -0.8 spans roughly [-0.99, 0.28].
 */
public final class TrailingCorrelation {

    public static final double Z_95 = 1.959963984540054;
    private static final double R_LIMIT = 0.999999;

    private TrailingCorrelation() {}

    /**
     * The correlation of two aligned series, or null when n is below {@code minSamples} (at least
     * 4) or a series is constant.
     */
    public static Correlation of(String between, double[] x, double[] y, int minSamples) {
        int n = x.length;
        if (n < Math.max(4, minSamples)) {
            return null;
        }
        double r = Stats.pearson(x, y);
        if (Double.isNaN(r)) {
            return null;
        }
        double[] ci = fisherInterval(r, n);
        return new Correlation(between, r, n, ci[0], ci[1]);
    }

    /** The 95% interval {lower, upper} of a correlation r over n > 3 samples. */
    public static double[] fisherInterval(double r, int n) {
        if (n <= 3) {
            throw new IllegalArgumentException("the Fisher-z interval needs n > 3, got " + n);
        }
        double rc = Math.max(-R_LIMIT, Math.min(R_LIMIT, r));
        double z = 0.5 * Math.log((1 + rc) / (1 - rc));
        double se = 1 / Math.sqrt(n - 3);
        return new double[] {Math.tanh(z - Z_95 * se), Math.tanh(z + Z_95 * se)};
    }

    /**
     * 1 - half the interval's width, in [0, 1]: 1 for a point estimate, 0 for an interval spanning
     * [-1, 1].
     */
    public static double narrowness(Correlation c) {
        return ConfidenceInputs.clamp(1 - (c.getUpper95() - c.getLower95()) / 2);
    }
}
