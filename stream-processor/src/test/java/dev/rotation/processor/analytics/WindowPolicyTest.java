package dev.rotation.processor.analytics;

import static dev.rotation.processor.topology.Time.at;
import static dev.rotation.processor.topology.Time.day;
import static dev.rotation.processor.topology.Time.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The window rules both stages apply: windows, close, lateness and retention, at their edges. */
class WindowPolicyTest {
    /** The defaults: weekly windows, 3 days of grace, 26 windows of signals kept. */
    private static final WindowPolicy WEEKLY =
            WindowPolicy.of(Duration.ofDays(7), Duration.ofDays(3), 26);

    private static final EventWindow SEED_WEEK =
            new EventWindow(day("2026-01-19"), day("2026-01-26"));

    @Test
    void weeklyWindowsRunMondayToMonday() {
        assertThat(WEEKLY.windowOf(at("2026-01-23T12:00:00Z"))).isEqualTo(SEED_WEEK);
        assertThat(WEEKLY.windowOf(day("2026-01-19")))
                .as("Monday 00:00 opens the week")
                .isEqualTo(SEED_WEEK);
        assertThat(WEEKLY.windowOf(at("2026-01-25T23:59:59.999Z")))
                .as("the last instant of Sunday")
                .isEqualTo(SEED_WEEK);
        assertThat(WEEKLY.windowOf(day("2026-01-26")).start())
                .as("the next Monday opens the next week")
                .isEqualTo(day("2026-01-26"));
        assertThat(WEEKLY.previous(SEED_WEEK))
                .isEqualTo(new EventWindow(day("2026-01-12"), day("2026-01-19")));
    }

    @Test
    void aWindowClosesAtItsEndPlusGrace() {
        // the seed week ends Monday 26 Jan; three days of grace close it on Thursday 29 Jan 00:00
        assertThat(WEEKLY.closeOf(SEED_WEEK)).isEqualTo(day("2026-01-29"));
        assertThat(WEEKLY.isOpen(SEED_WEEK, at("2026-01-28T23:59:59.999Z"))).isTrue();
        assertThat(WEEKLY.isOpen(SEED_WEEK, day("2026-01-29"))).isFalse();
        assertThat(WEEKLY.isOpen(SEED_WEEK, Long.MIN_VALUE)).as("no watermark yet").isTrue();
    }

    @Test
    void anEventExactlyAtTheCloseIsLate() {
        long reportTime = at("2026-01-23T23:59:59.999Z"); // the report's period ends Friday
        assertThat(WEEKLY.isLate(reportTime, at("2026-01-28T23:59:59.999Z"))).isFalse();
        assertThat(WEEKLY.isLate(reportTime, day("2026-01-29"))).isTrue();
        assertThat(WEEKLY.latenessMs(SEED_WEEK, day("2026-01-29"))).isZero();
        assertThat(WEEKLY.latenessMs(SEED_WEEK, day("2026-01-30"))).isEqualTo(days(1));
        assertThat(WEEKLY.latenessMs(SEED_WEEK, day("2026-01-28"))).isNegative();
    }

    @Test
    void graceDecidesWhatAReportPublishedAfterItsPeriodStillReaches() {
        long fridayReport = at("2026-01-23T23:59:59.999Z");
        long mondayPublication = at("2026-01-26T09:00:00Z");
        // with grace the Monday publication still counts; without it the week has closed
        assertThat(WEEKLY.isLate(fridayReport, mondayPublication)).isFalse();
        WindowPolicy noGrace = WindowPolicy.of(Duration.ofDays(7), Duration.ZERO, 26);
        assertThat(noGrace.closeOf(SEED_WEEK)).isEqualTo(SEED_WEEK.end());
        assertThat(noGrace.isLate(fridayReport, mondayPublication)).isTrue();
        assertThat(noGrace.isLate(at("2026-01-25T23:59:59.999Z"), day("2026-01-26")))
                .as("the end is the close")
                .isTrue();
        // an event of the next week at that stream time is in its own, open window
        assertThat(noGrace.isLate(day("2026-01-26"), day("2026-01-26"))).isFalse();
    }

    @Test
    void dailyWindowsRunMidnightToMidnightWithTheirOwnGrace() {
        WindowPolicy daily = WindowPolicy.of(Duration.ofDays(1), Duration.ofHours(6), 26);
        EventWindow friday = daily.windowOf(at("2026-01-30T23:00:00Z"));
        assertThat(friday).isEqualTo(new EventWindow(day("2026-01-30"), day("2026-01-31")));
        assertThat(daily.previous(friday))
                .isEqualTo(new EventWindow(day("2026-01-29"), day("2026-01-30")));
        assertThat(daily.closeOf(friday)).isEqualTo(at("2026-01-31T06:00:00Z"));
        assertThat(daily.isLate(at("2026-01-30T23:00:00Z"), at("2026-01-31T05:59:59.999Z")))
                .isFalse();
        assertThat(daily.isLate(at("2026-01-30T23:00:00Z"), at("2026-01-31T06:00:00Z"))).isTrue();
    }

    @Test
    void stageOneKeepsAnAccumulatorUntilTheSecondWindowAfterItsOwnHasClosed() {
        // the seed week's successor (26 Jan) reads its last close; the week of 2 Feb closes on 12
        // Feb
        EventWindow secondAfter = new EventWindow(day("2026-02-02"), day("2026-02-09"));
        assertThat(WEEKLY.closeOf(secondAfter)).isEqualTo(day("2026-02-12"));
        assertThat(WEEKLY.keepsAccumulator(SEED_WEEK, day("2026-02-12"))).isTrue();
        assertThat(WEEKLY.keepsAccumulator(SEED_WEEK, day("2026-02-12") + 1)).isFalse();
        assertThat(WEEKLY.accumulatorHorizon(day("2026-02-12") + 1))
                .isEqualTo(SEED_WEEK.start() + 1);
        // a window still open is never purged
        assertThat(WEEKLY.keepsAccumulator(SEED_WEEK, day("2026-01-28"))).isTrue();
    }

    @Test
    void stageTwoKeepsTheMostRecentClosedWindows() {
        WindowPolicy keepTwo = WindowPolicy.of(Duration.ofDays(7), Duration.ofDays(3), 2);
        // the second week after the seed week (2-9 Feb) closes on 12 Feb: the seed week goes then
        assertThat(keepTwo.keepsSnapshot(SEED_WEEK, at("2026-02-11T23:59:59.999Z"))).isTrue();
        assertThat(keepTwo.keepsSnapshot(SEED_WEEK, day("2026-02-12"))).isFalse();
        assertThat(keepTwo.keepsSnapshot(WEEKLY.windowOf(day("2026-01-26")), day("2026-02-12")))
                .isTrue();
        assertThat(keepTwo.snapshotHorizon(day("2026-02-12"))).isEqualTo(SEED_WEEK.end());
        // the default keeps half a year of weeks
        assertThat(WEEKLY.keepsSnapshot(SEED_WEEK, day("2026-07-30") - 1)).isTrue();
        assertThat(WEEKLY.keepsSnapshot(SEED_WEEK, day("2026-07-30"))).isFalse();
    }

    @Test
    void reportRowsAreTakenForAsLongAsStageTwoKeepsTheirWeekPlusOne() {
        WindowPolicy keepTwo = WindowPolicy.of(Duration.ofDays(7), Duration.ofDays(3), 2);
        // stage 2 keeps the seed week until the week of 2 Feb closes (12 Feb); stage 1 takes its
        // report rows one week longer, to 19 Feb, whatever the week's close (29 Jan)
        assertThat(keepTwo.keepsSnapshot(SEED_WEEK, day("2026-02-11"))).isTrue();
        assertThat(keepTwo.keepsSnapshot(SEED_WEEK, day("2026-02-12"))).isFalse();
        assertThat(keepTwo.takesReportRow(SEED_WEEK, day("2026-02-01"))).isTrue();
        assertThat(keepTwo.takesReportRow(SEED_WEEK, day("2026-02-18"))).isTrue();
        assertThat(keepTwo.takesReportRow(SEED_WEEK, day("2026-02-19"))).isFalse();
    }

    @Test
    void aClockNotKnownYetKeepsEverything() {
        assertThat(WEEKLY.keepsSnapshot(SEED_WEEK, Long.MIN_VALUE)).isTrue();
        assertThat(WEEKLY.takesReportRow(SEED_WEEK, Long.MIN_VALUE)).isTrue();
        assertThat(WEEKLY.keepsAccumulator(SEED_WEEK, Long.MIN_VALUE)).isTrue();
    }

    @Test
    void eventIdsAreRememberedPastTheirWindowsClose() {
        // stage 1 keeps a window's event ids with its accumulators: an event can be re-delivered
        // until its window closes, and is still recognised then
        assertThat(WEEKLY.keepsAccumulator(SEED_WEEK, WEEKLY.closeOf(SEED_WEEK))).isTrue();
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> WindowPolicy.of(Duration.ofDays(7), Duration.ofDays(-1), 26))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grace");
        assertThatThrownBy(() -> WindowPolicy.of(Duration.ofDays(7), Duration.ofDays(3), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retained windows");
        assertThatThrownBy(() -> WindowPolicy.of(Duration.ZERO, Duration.ofDays(3), 26))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
