package dev.rotation.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Exponential backoff with bounded jitter, as a plain value. */
class BackoffPolicyTest {

    private static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    private final BackoffPolicy policy = new BackoffPolicy(6, ms(100), ms(1000), 0.5);

    @Test
    void theWaitDoublesFromTheInitialBackoffUpToTheCap() {
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(policy::exponentialDelay))
                .containsExactly(ms(100), ms(200), ms(400), ms(800), ms(1000), ms(1000), ms(1000));
        // no overflow however many attempts
        assertThat(policy.exponentialDelay(10_000)).isEqualTo(ms(1000));
    }

    @Test
    void jitterTakesOffAtMostItsFractionAndNeverAddsToTheWait() {
        assertThat(policy.delayAfter(3, 0.0)).isEqualTo(ms(400));
        assertThat(policy.delayAfter(3, 0.5)).isEqualTo(ms(300));
        assertThat(policy.delayAfter(3, 0.999_999)).isEqualTo(ms(200));
        Random random = new Random(42);
        for (int failed = 1; failed <= 8; failed++) {
            long exponential = policy.exponentialDelay(failed).toMillis();
            for (int i = 0; i < 200; i++) {
                Duration d = policy.delayAfter(failed, Optional.empty(), random);
                assertThat(d.toMillis()).isBetween(exponential / 2, exponential);
                assertThat(d).isLessThanOrEqualTo(policy.maxBackoff());
            }
        }
        BackoffPolicy exact = new BackoffPolicy(3, ms(100), ms(1000), 0);
        assertThat(exact.delayAfter(2, 0.9)).isEqualTo(ms(200));
    }

    @Test
    void aReceiversRetryAfterReplacesTheWaitUpToTheCap() {
        Random random = new Random(1);
        assertThat(policy.delayAfter(1, Optional.of(ms(700)), random)).isEqualTo(ms(700));
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofHours(1)), random))
                .isEqualTo(ms(1000));
        assertThat(policy.delayAfter(1, Optional.of(Duration.ZERO), random)).isZero();
    }

    @Test
    void attemptsAreCountedFirstIncluded() {
        assertThat(policy.allowsAnotherAttempt(5)).isTrue();
        assertThat(policy.allowsAnotherAttempt(6)).isFalse();
        BackoffPolicy once = new BackoffPolicy(1, ms(100), ms(100), 0.5);
        assertThat(once.allowsAnotherAttempt(1)).isFalse();
    }

    @Test
    void theWorstCaseIsEveryAttemptTimingOutAndEveryWaitAsLongAsAllowed() {
        // 6 attempts of 2 s, 5 waits of at most 1 s (a Retry-After may ask for the cap each time)
        assertThat(policy.worstCase(Duration.ofSeconds(2))).isEqualTo(ms(12_000 + 5_000));
        assertThat(BackoffPolicy.DEFAULTS.worstCase(Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofSeconds(8 * 10 + 7 * 60));
    }

    @Test
    void nonsenseIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> new BackoffPolicy(0, ms(100), ms(100), 0.5))
                .hasMessage("--max-attempts must be at least 1, got 0");
        assertThatThrownBy(() -> new BackoffPolicy(3, Duration.ZERO, ms(100), 0.5))
                .hasMessageStartingWith("--initial-backoff must be positive");
        assertThatThrownBy(() -> new BackoffPolicy(3, ms(500), ms(100), 0.5))
                .hasMessage("--max-backoff (PT0.1S) must be at least --initial-backoff (PT0.5S)");
        assertThatThrownBy(() -> new BackoffPolicy(3, ms(100), ms(100), 1.5))
                .hasMessageContaining("jitter");
    }
}
