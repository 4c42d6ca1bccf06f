package dev.rotation.processor.leadlag;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Benjamini–Hochberg step-up procedure for the false discovery rate across several tests run
 * together (one per pair of series): sort the m p-values ascending, {@code q(i) = min over j >= i
 * of min(1, p(j) m / j)}; a test passes at level alpha when its q-value is at most alpha. The
 * adjusted values are those of R's {@code p.adjust(method = "BH")} and statsmodels' {@code
 * multipletests(method = "fdr_bh")}.
 */
public final class BenjaminiHochberg {
    private BenjaminiHochberg() {}

    /**
     * The BH-adjusted q-value of each p-value, in the order given.
     *
     * @throws IllegalArgumentException for a p-value outside [0, 1] or NaN
     */
    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        for (double p : pValues) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p-value outside [0, 1]: " + p);
            }
        }
        Integer[] order =
                IntStream.range(0, m)
                        .boxed()
                        .sorted(Comparator.comparingDouble(i -> pValues[i]))
                        .toArray(Integer[]::new);
        double[] q = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, Math.min(1, pValues[i] * m / rank));
            q[i] = running;
        }
        return q;
    }

    /** Which tests pass at false-discovery rate {@code alpha}, in the order given. */
    public static boolean[] passing(double[] pValues, double alpha) {
        double[] q = adjust(pValues);
        boolean[] out = new boolean[q.length];
        for (int i = 0; i < q.length; i++) {
            out[i] = q[i] <= alpha;
        }
        return out;
    }
}
