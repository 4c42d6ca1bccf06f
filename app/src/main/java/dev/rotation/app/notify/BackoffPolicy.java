package dev.rotation.app.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently one alert is offered to the webhook: at most {@code maxAttempts}
 * attempts; after the n-th failed attempt the wait is {@code initialBackoff × 2^(n−1)}, capped at
 * {@code maxBackoff}, less a random part of up to {@code jitter} of it (so several notifiers that
 * failed together do not retry together). A receiver's {@code Retry-After} replaces the computed
 * wait, capped at {@code maxBackoff} too. Immutable.
 *
 * @param maxAttempts attempts per alert, the first included; at least 1
 * @param initialBackoff the wait after the first failed attempt (before jitter); positive
 * @param maxBackoff the longest wait; at least {@code initialBackoff}
 * @param jitter the largest fraction of a wait that is taken off at random, in [0, 1]; 0 makes the
 *     waits exact
 */
public record BackoffPolicy(
        int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

    /** 8 attempts, 1 s doubling to at most 60 s, up to half of each wait taken off at random. */
    public static final BackoffPolicy DEFAULTS =
            new BackoffPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5);

    public BackoffPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "--max-attempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException(
                    "--initial-backoff must be positive, got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "--max-backoff ("
                            + maxBackoff
                            + ") must be at least --initial-backoff ("
                            + initialBackoff
                            + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1], got " + jitter);
        }
    }

    /** True when another attempt may follow {@code attemptsMade} attempts. */
    public boolean allowsAnotherAttempt(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /**
     * The exponential wait after {@code failedAttempts} failed attempts, before jitter: {@code
     * initialBackoff × 2^(failedAttempts−1)}, at most {@code maxBackoff}.
     *
     * @param failedAttempts at least 1
     */
    public Duration exponentialDelay(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException(
                    "failedAttempts must be at least 1, got " + failedAttempts);
        }
        long initial = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long delay = initial;
        for (int i = 1; i < failedAttempts && delay < cap; i++) {
            delay *= 2;
        }
        return Duration.ofMillis(Math.min(delay, cap));
    }

    /**
     * The wait after {@code failedAttempts} failed attempts, with jitter: the exponential delay
     * less {@code draw × jitter} of it.
     *
     * @param draw a uniform random number in [0, 1)
     * @return between {@code (1 − jitter) ×} and {@code 1 ×} the exponential delay, never more than
     *     {@code maxBackoff}
     */
    public Duration delayAfter(int failedAttempts, double draw) {
        if (!(draw >= 0 && draw < 1)) {
            throw new IllegalArgumentException("draw must be in [0, 1), got " + draw);
        }
        long exponential = exponentialDelay(failedAttempts).toMillis();
        return Duration.ofMillis(exponential - Math.round(exponential * jitter * draw));
    }

    /**
     * The wait after {@code failedAttempts} failed attempts: the receiver's {@code Retry-After}
     * when it sent one (capped at {@code maxBackoff}), else {@link #delayAfter(int, double)} with a
     * draw from {@code random}.
     */
    public Duration delayAfter(
            int failedAttempts, Optional<Duration> retryAfter, RandomGenerator random) {
        if (retryAfter.isPresent() && !retryAfter.get().isNegative()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(maxBackoff) > 0 ? maxBackoff : asked;
        }
        return delayAfter(failedAttempts, random.nextDouble());
    }

    /**
     * The longest one alert can take: every attempt taking {@code perAttempt} and every wait {@code
     * maxBackoff} (a receiver's {@code Retry-After} can ask for that much each time).
     */
    public Duration worstCase(Duration perAttempt) {
        return perAttempt.multipliedBy(maxAttempts).plus(maxBackoff.multipliedBy(maxAttempts - 1L));
    }
}
