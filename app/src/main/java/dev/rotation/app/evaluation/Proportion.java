package dev.rotation.app.evaluation;

/**
 * A share with its sample: {@code successes} out of {@code trials}, the point estimate and its 95%
 * Wilson interval.
 *
 * @param successes how many of the trials succeeded
 * @param trials how many there were
 * @param value successes / trials, or null when there were no trials
 * @param interval the 95% Wilson interval, or null when there were no trials
 */
public record Proportion(long successes, long trials, Double value, WilsonInterval interval) {

    public static Proportion of(long successes, long trials) {
        WilsonInterval interval = WilsonInterval.of(successes, trials);
        return new Proportion(
                successes, trials, trials == 0 ? null : successes / (double) trials, interval);
    }
}
