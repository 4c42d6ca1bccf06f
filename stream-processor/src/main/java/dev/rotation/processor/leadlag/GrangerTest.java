package dev.rotation.processor.leadlag;

import java.util.Objects;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * A Granger-style lead-lag test: does the past of one series (the candidate leader) help predict
 * another (the follower) beyond the follower's own past? Two OLS regressions with an intercept
 * (commons-math3), on the observations that have {@code p} lags:
 *
 * <pre>
 *   restricted:   y[t] = c + a1 y[t-1] + ... + ap y[t-p]
 *   unrestricted: y[t] = c + a1 y[t-1] + ... + ap y[t-p] + b1 x[t-1] + ... + bp x[t-p]
 *   F = ((SSR_r - SSR_u) / p) / (SSR_u / (n - 2p - 1)),  n = T - p,  F ~ F(p, n - 2p - 1)
 * </pre>
 *
 * This is the {@code ssr_ftest} of statsmodels' {@code grangercausalitytests}, checked against it
 * in the tests. The lag order is chosen by the Akaike information criterion of the unrestricted
 * model, {@code n ln(SSR_u / n) + 2k} with {@code k = 2p + 1}, over 1..maxLag, every order fitted
 * on the same last {@code T - maxLag} observations so the criteria compare like with like; the F
 * test at the chosen order then uses all {@code T - p} observations, as statsmodels does. A small
 * p-value says the leader's past adds predictive power: temporal precedence, never causation.
 */
public final class GrangerTest {

    /**
     * One test's outcome.
     *
     * @param lag the lag order p tested
     * @param fStatistic the F statistic
     * @param pValue P(F(p, dfDenominator) >= fStatistic)
     * @param dfNumerator p
     * @param dfDenominator n - 2p - 1
     * @param observations n, the observations regressed (T - p)
     */
    public record Result(
            int lag,
            double fStatistic,
            double pValue,
            int dfNumerator,
            int dfDenominator,
            int observations) {}

    private GrangerTest() {}

    /**
     * The shortest series a test at order {@code lag} needs, 3p + 2: one residual degree of
     * freedom.
     */
    public static int minLength(int lag) {
        return 3 * lag + 2;
    }

    /**
     * The F test of "leader does not precede follower" at lag order {@code lag}.
     *
     * @param leader x, oldest first
     * @param follower y, aligned with x, oldest first
     * @throws IllegalArgumentException for series of different lengths, a lag below 1, or a series
     *     shorter than {@link #minLength}
     */
    public static Result atLag(double[] leader, double[] follower, int lag) {
        check(leader, follower, lag);
        int n = follower.length - lag;
        double ssrU = ssr(leader, follower, lag, lag, true);
        double ssrR = ssr(leader, follower, lag, lag, false);
        int dfDen = n - 2 * lag - 1;
        double f = ((ssrR - ssrU) / lag) / (ssrU / dfDen);
        double p;
        if (!Double.isFinite(f)) {
            p = f > 0 ? 0 : 1;
        } else {
            p = 1 - new FDistribution(lag, dfDen).cumulativeProbability(Math.max(0, f));
        }
        return new Result(lag, f, p, lag, dfDen, n);
    }

    /**
     * The test at the lag order, 1..maxLag, with the lowest AIC of the unrestricted model; the
     * longest order the series allows when maxLag is more than that.
     */
    public static Result selectingLag(double[] leader, double[] follower, int maxLag) {
        Objects.requireNonNull(leader, "leader");
        Objects.requireNonNull(follower, "follower");
        int max = maxLag;
        while (max > 1 && follower.length < minLength(max)) {
            max--;
        }
        check(leader, follower, max);
        int n = follower.length - max;
        int best = 1;
        double bestAic = Double.POSITIVE_INFINITY;
        for (int p = 1; p <= max; p++) {
            double ssr = ssr(leader, follower, p, max, true);
            double aic = n * Math.log(ssr / n) + 2.0 * (2 * p + 1);
            if (aic < bestAic) {
                bestAic = aic;
                best = p;
            }
        }
        return atLag(leader, follower, best);
    }

    /**
     * The residual sum of squares of regressing y[t] on p lags of y (and of x when {@code
     * withLeader}), for t from {@code start} (so {@code start >= p}).
     */
    private static double ssr(double[] x, double[] y, int p, int start, boolean withLeader) {
        int rows = y.length - start;
        int cols = withLeader ? 2 * p : p;
        double[] ys = new double[rows];
        double[][] xs = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            int t = start + r;
            ys[r] = y[t];
            for (int k = 1; k <= p; k++) {
                xs[r][k - 1] = y[t - k];
                if (withLeader) {
                    xs[r][p + k - 1] = x[t - k];
                }
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(ys, xs);
        return ols.calculateResidualSumOfSquares();
    }

    private static void check(double[] x, double[] y, int lag) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "series of different lengths: " + x.length + " and " + y.length);
        }
        if (lag < 1) {
            throw new IllegalArgumentException("lag must be at least 1: " + lag);
        }
        if (y.length < minLength(lag)) {
            throw new IllegalArgumentException(
                    "a test at lag "
                            + lag
                            + " needs at least "
                            + minLength(lag)
                            + " observations, got "
                            + y.length);
        }
    }
}
