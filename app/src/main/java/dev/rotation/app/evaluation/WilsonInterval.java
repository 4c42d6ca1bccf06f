package dev.rotation.app.evaluation;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * The Wilson score interval of a proportion (successes out of trials), the interval every precision
 * and recall of the evaluation carries.
 *
 * @param lower lower bound, 0..1
 * @param upper upper bound, 0..1
 */
public record WilsonInterval(double lower, double upper) {

    /** The confidence level of every interval in the report. */
    public static final double LEVEL = 0.95;

    /**
     * The 95% Wilson score interval of {@code successes} out of {@code trials}.
     *
     * @return the interval, or null when there are no trials (nothing to estimate)
     * @throws IllegalArgumentException when successes is negative or exceeds trials
     */
    public static WilsonInterval of(long successes, long trials) {
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    "successes must be within 0.." + trials + ": " + successes);
        }
        if (trials == 0) {
            return null;
        }
        ConfidenceInterval ci =
                new WilsonScoreInterval()
                        .createInterval(Math.toIntExact(trials), Math.toIntExact(successes), LEVEL);
        return new WilsonInterval(Math.max(0, ci.getLowerBound()), Math.min(1, ci.getUpperBound()));
    }
}
