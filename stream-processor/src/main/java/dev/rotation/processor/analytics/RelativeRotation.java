package dev.rotation.processor.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RS-Ratio and RS-Momentum of one series of relative-strength ratios: an <b>open approximation</b>
 * of the JdK relative rotation measures, whose exact formulas are proprietary (docs/signals.md,
 * "QUADRANT_TRANSITION"). With ratios x<sub>1</sub>..x<sub>T</sub> (asset against benchmark, one
 * per window, oldest first), n ratio windows and m momentum windows:
 *
 * <ul>
 *   <li>RS-Ratio<sub>t</sub> = 100 + (x<sub>t</sub> − mean(x<sub>t−n+1..t</sub>)) /
 *       sd(x<sub>t−n+1..t</sub>), for t ≥ n;
 *   <li>ROC<sub>t</sub> = 100 × (RS-Ratio<sub>t</sub> / RS-Ratio<sub>t−1</sub> − 1), for t ≥ n + 1;
 *   <li>RS-Momentum<sub>t</sub> = 100 + (ROC<sub>t</sub> − mean(ROC<sub>t−m+1..t</sub>)) /
 *       sd(ROC<sub>t−m+1..t</sub>), for t ≥ n + m.
 * </ul>
 *
 * sd is the sample standard deviation (n − 1 in the denominator); a window whose values are all
 * equal has a z-score of 0. Both measures are dimensionless, centred on 100, in standard deviations
 * of their own trailing window.
 */
public final class RelativeRotation {

    /** The centre of both axes. */
    public static final double CENTRE = 100.0;

    /**
     * RS-Ratio and RS-Momentum at one position of the input.
     *
     * @param index position in the input series (0-based)
     * @param ratio the relative-strength ratio there
     */
    public record Point(int index, double ratio, double rsRatio, double rsMomentum) {
        public Quadrant quadrant() {
            return Quadrant.of(rsRatio, rsMomentum);
        }
    }

    private final int ratioWindows;
    private final int momentumWindows;

    /**
     * @param ratioWindows n, the windows of the ratio's moving average and deviation (at least 2)
     * @param momentumWindows m, the windows of the rate of change's average and deviation (at least
     *     2)
     */
    public RelativeRotation(int ratioWindows, int momentumWindows) {
        if (ratioWindows < 2 || momentumWindows < 2) {
            throw new IllegalArgumentException(
                    "ratio and momentum windows must be at least 2: "
                            + ratioWindows
                            + ", "
                            + momentumWindows);
        }
        this.ratioWindows = ratioWindows;
        this.momentumWindows = momentumWindows;
    }

    /** Ratios needed for the first point: n + m. */
    public int minimumRatios() {
        return ratioWindows + momentumWindows;
    }

    /**
     * Every point the ratios allow, oldest first: one for each index from n + m − 1 (0-based) on;
     * empty when there are fewer than n + m ratios.
     *
     * @param ratios relative-strength ratios, one per window, oldest first; positive and finite
     * @throws IllegalArgumentException for a ratio that is not positive and finite
     */
    public List<Point> points(double[] ratios) {
        for (double r : ratios) {
            if (!(r > 0) || !Double.isFinite(r)) {
                throw new IllegalArgumentException("ratios must be positive and finite: " + r);
            }
        }
        int t = ratios.length;
        List<Point> out = new ArrayList<>();
        if (t < minimumRatios()) {
            return out;
        }
        double[] rsRatio = new double[t];
        for (int i = ratioWindows - 1; i < t; i++) {
            rsRatio[i] = CENTRE + zScore(ratios, i, ratioWindows);
        }
        double[] roc = new double[t];
        for (int i = ratioWindows; i < t; i++) {
            roc[i] = 100 * (rsRatio[i] / rsRatio[i - 1] - 1);
        }
        for (int i = ratioWindows + momentumWindows - 1; i < t; i++) {
            double rsMomentum = CENTRE + zScore(roc, i, momentumWindows);
            out.add(new Point(i, ratios[i], rsRatio[i], rsMomentum));
        }
        return out;
    }

    /** z-score of xs[last] against xs[last − window + 1 .. last]; 0 when they are all equal. */
    private static double zScore(double[] xs, int last, int window) {
        double[] w = Arrays.copyOfRange(xs, last - window + 1, last + 1);
        double sd = Stats.sampleStdev(w);
        if (!(sd > 0)) {
            return 0;
        }
        return (xs[last] - Stats.mean(w)) / sd;
    }
}
