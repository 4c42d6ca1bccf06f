package dev.rotation.processor.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The /signals query: its parameters, and which windows {@code since} and {@code until} select. */
class SignalQueryTest {
    // weekly windows, Monday to Monday (end exclusive)
    private static final Instant WEEK_OF_12TH = day("2026-01-12");
    private static final Instant WEEK_OF_19TH = day("2026-01-19");
    private static final Instant WEEK_OF_26TH = day("2026-01-26");
    private static final Instant WEEK_OF_2ND = day("2026-02-02");

    @Test
    void aPlainDateAsUntilIncludesTheWindowThatStartsThatDay() {
        SignalQuery q = SignalQuery.parse(Map.of("since", "2026-01-19", "until", "2026-01-19"));
        assertThat(q.matchesWindow(WEEK_OF_19TH, WEEK_OF_26TH)).isTrue();
        assertThat(q.matchesWindow(WEEK_OF_12TH, WEEK_OF_19TH))
                .as("ends as the day begins")
                .isFalse();
        assertThat(q.matchesWindow(WEEK_OF_26TH, WEEK_OF_2ND)).isFalse();
        assertThat(q.until()).isEqualTo(Instant.parse("2026-01-19T23:59:59.999Z"));
    }

    @Test
    void datesSelectEveryWindowThatOverlapsThePeriodBothDaysIncluded() {
        SignalQuery q = SignalQuery.parse(Map.of("since", "2026-01-21", "until", "2026-01-26"));
        assertThat(q.matchesWindow(WEEK_OF_12TH, WEEK_OF_19TH)).isFalse();
        assertThat(q.matchesWindow(WEEK_OF_19TH, WEEK_OF_26TH)).as("contains the 21st").isTrue();
        assertThat(q.matchesWindow(WEEK_OF_26TH, WEEK_OF_2ND)).as("starts on the 26th").isTrue();
        assertThat(q.matchesWindow(WEEK_OF_2ND, day("2026-02-09"))).isFalse();
    }

    @Test
    void aDayInsideAWindowSelectsThatWindow() {
        SignalQuery q = SignalQuery.all().during(LocalDate.of(2026, 1, 22));
        assertThat(q.matchesWindow(WEEK_OF_19TH, WEEK_OF_26TH)).isTrue();
        assertThat(q.matchesWindow(WEEK_OF_12TH, WEEK_OF_19TH)).isFalse();
        assertThat(q.matchesWindow(WEEK_OF_26TH, WEEK_OF_2ND)).isFalse();
    }

    @Test
    void instantsAreInclusiveBoundsToo() {
        SignalQuery q =
                SignalQuery.parse(
                        Map.of("since", "2026-01-19T00:00:00Z", "until", "2026-01-19T00:00:00Z"));
        assertThat(q.matchesWindow(WEEK_OF_19TH, WEEK_OF_26TH)).isTrue();
        assertThat(q.matchesWindow(WEEK_OF_12TH, WEEK_OF_19TH)).isFalse();
        SignalQuery before = SignalQuery.parse(Map.of("until", "2026-01-18T23:59:59.999Z"));
        assertThat(before.matchesWindow(WEEK_OF_19TH, WEEK_OF_26TH)).isFalse();
        assertThat(before.matchesWindow(WEEK_OF_12TH, WEEK_OF_19TH)).isTrue();
    }

    @Test
    void noBoundsMatchEveryWindow() {
        SignalQuery q = SignalQuery.parse(Map.of());
        assertThat(q.matchesWindow(WEEK_OF_12TH, WEEK_OF_19TH)).isTrue();
        assertThat(q.limit()).isEqualTo(SignalQuery.DEFAULT_LIMIT);
        assertThat(q.type()).isNull();
        assertThat(q.status()).isNull();
    }

    @Test
    void enumsAreCaseInsensitive() {
        SignalQuery q =
                SignalQuery.parse(
                        Map.of("type", "rotation_to_high_beta", "status", "final", "limit", "5"));
        assertThat(q.type()).isEqualTo(SignalType.ROTATION_TO_HIGH_BETA);
        assertThat(q.status()).isEqualTo(SignalStatus.FINAL);
        assertThat(q.limit()).isEqualTo(5);
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> SignalQuery.parse(Map.of("colour", "red")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter 'colour'");
        assertThatThrownBy(() -> SignalQuery.parse(Map.of("type", "CAUSED_BY_SILVER")))
                .hasMessageContaining("type must be one of");
        assertThatThrownBy(() -> SignalQuery.parse(Map.of("status", "maybe")))
                .hasMessageContaining("status must be one of");
        assertThatThrownBy(() -> SignalQuery.parse(Map.of("since", "yesterday")))
                .hasMessageContaining("since must be a date");
        assertThatThrownBy(() -> SignalQuery.parse(Map.of("limit", "lots")))
                .hasMessage("limit must be a whole number between 1 and 10000, got 'lots'");
        assertThatThrownBy(() -> SignalQuery.parse(Map.of("limit", "99999999999999")))
                .hasMessage(
                        "limit must be a whole number between 1 and 10000, got '99999999999999'");
        assertThatThrownBy(() -> SignalQuery.parse(Map.of("type", "UNKNOWN")))
                .hasMessageContaining("type must be one of")
                .hasMessageNotContaining("UNKNOWN,");
        assertThatThrownBy(() -> SignalQuery.parse(Map.of("limit", "0")))
                .hasMessageContaining("limit must be between 1 and");
        assertThatThrownBy(
                        () ->
                                SignalQuery.parse(
                                        Map.of("since", "2026-01-20", "until", "2026-01-19")))
                .hasMessageContaining("until must not be before since");
    }

    private static Instant day(String isoDate) {
        return LocalDate.parse(isoDate).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
