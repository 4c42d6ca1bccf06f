package dev.rotation.processor.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowCalendarTest {

    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void weeklyWindowsRunMondayToMondayUtc() {
        EventWindow w = WindowCalendar.weekly().windowFor(t("2026-01-23T23:59:59.999Z"));
        assertThat(w)
                .isEqualTo(new EventWindow(t("2026-01-19T00:00:00Z"), t("2026-01-26T00:00:00Z")));
        assertThat(WindowCalendar.weekly().windowFor(t("2026-01-26T00:00:00Z")).start())
                .isEqualTo(t("2026-01-26T00:00:00Z"));
        assertThat(WindowCalendar.weekly().windowFor(t("2026-01-25T23:59:59.999Z")).start())
                .isEqualTo(t("2026-01-19T00:00:00Z"));
        assertThat(WindowCalendar.weekly().previous(w))
                .isEqualTo(new EventWindow(t("2026-01-12T00:00:00Z"), t("2026-01-19T00:00:00Z")));
        assertThat(WindowCalendar.weekly().size()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void dailyAndSubDailyWindowsAlignToUtcMidnight() {
        assertThat(WindowCalendar.daily().windowFor(t("2026-01-30T13:00:00Z")))
                .isEqualTo(new EventWindow(t("2026-01-30T00:00:00Z"), t("2026-01-31T00:00:00Z")));
        assertThat(WindowCalendar.of(Duration.ofHours(6)).windowFor(t("2026-01-30T13:00:00Z")))
                .isEqualTo(new EventWindow(t("2026-01-30T12:00:00Z"), t("2026-01-30T18:00:00Z")));
        assertThat(
                        WindowCalendar.of(Duration.ofDays(14))
                                        .windowFor(t("2026-01-21T00:00:00Z"))
                                        .start()
                                % Duration.ofDays(1).toMillis())
                .isZero();
    }

    @Test
    void timesBeforeTheEpochStillFallIntoAlignedWindows() {
        EventWindow w = WindowCalendar.weekly().windowFor(t("1969-12-31T12:00:00Z"));
        assertThat(Instant.ofEpochMilli(w.start()))
                .isEqualTo(Instant.parse("1969-12-29T00:00:00Z"));
        assertThat(w.contains(t("1969-12-31T12:00:00Z"))).isTrue();
    }

    @Test
    void invalidSizesAndWindowsAreRejected() {
        assertThatThrownBy(() -> WindowCalendar.of(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventWindow(5, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
