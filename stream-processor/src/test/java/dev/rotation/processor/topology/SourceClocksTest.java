package dev.rotation.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceClocksTest {
    private static final long IDLE = 10_000;

    @Test
    void watermarkIsTheSlowestActiveSource() {
        SourceClocks c = new SourceClocks(IDLE, 0);
        assertThat(c.watermark(0)).isEqualTo(Long.MIN_VALUE);
        c.observe("prices-0", Time.day("2026-03-01"), 0);
        c.observe("flows-0", Time.day("2026-01-23"), 0);
        assertThat(c.watermark(1_000)).isEqualTo(Time.day("2026-01-23"));
    }

    @Test
    void anIdleSourceStopsHoldingTheWatermarkBack() {
        SourceClocks c = new SourceClocks(IDLE, 0);
        c.observe("flows-0", Time.day("2026-01-23"), 0);
        c.observe("prices-0", Time.day("2026-01-20"), 0);
        // prices keep advancing while flows stay put
        c.observe("prices-0", Time.day("2026-02-01"), 5_000);
        c.observe("prices-0", Time.day("2026-02-15"), 10_000);
        c.observe("prices-0", Time.day("2026-03-01"), 15_000);
        assertThat(c.watermark(15_000)).isEqualTo(Time.day("2026-03-01"));
        // nothing advancing (an outage, a restore): the slowest rules, nothing closes early
        assertThat(c.watermark(60_000)).isEqualTo(Time.day("2026-01-23"));
    }

    @Test
    void onlyAnAdvanceCountsAsActivity() {
        SourceClocks c = new SourceClocks(IDLE, 0);
        assertThat(c.observe("flows-0", 100, 0)).isTrue();
        assertThat(c.observe("flows-0", 50, 5_000)).isFalse();
        c.observe("prices-0", 300, 4_000);
        c.observe("prices-0", 400, 9_000);
        c.observe("prices-0", 500, 12_000);
        assertThat(c.watermark(12_000)).isEqualTo(500);
    }

    @Test
    void restoredSourcesCountAsActiveAgain() {
        SourceClocks c = new SourceClocks(IDLE, 0);
        c.restore("flows-0", 100, 50_000);
        c.observe("prices-0", 900, 50_000);
        assertThat(c.watermark(50_001)).isEqualTo(100);
    }

    @Test
    void afterARestartAndAPauseTheFirstSourceToResumeCannotRunAheadOfTheRestoredOnes() {
        SourceClocks c = new SourceClocks(IDLE, 3);
        c.restore("task-0_0", Time.day("2026-01-20"), 0);
        c.restore("task-0_1", Time.day("2026-01-20"), 0);
        c.restore("task-0_2", Time.day("2026-01-20"), 0);
        // nothing arrives for longer than the idle timeout (input paused, tasks still restoring);
        // then task 0_0 resumes with a backlog and reports a month of progress in one batch
        c.observe("task-0_0", Time.day("2026-02-20"), IDLE + 5_000);
        assertThat(c.watermark(IDLE + 5_001)).isEqualTo(Time.day("2026-01-20"));
        // the others resume too: the watermark follows the slowest again
        c.observe("task-0_1", Time.day("2026-01-25"), IDLE + 5_100);
        c.observe("task-0_2", Time.day("2026-01-24"), IDLE + 5_200);
        assertThat(c.watermark(IDLE + 5_300)).isEqualTo(Time.day("2026-01-24"));
    }

    @Test
    void clearForgetsEverySourceAndTheWait() {
        SourceClocks c = new SourceClocks(IDLE, 2);
        c.observe("task-0_0", Time.day("2026-03-01"), 0);
        c.observe("task-0_1", Time.day("2026-03-01"), 0);
        c.clear();
        assertThat(c.size()).isZero();
        c.restore("task-0_0", Time.day("2026-01-10"), 1_000);
        // task 0_1 is expected again: nothing closes on task 0_0 alone until the wait times out
        assertThat(c.watermark(2_000)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void noWindowClosesUntilEveryExpectedTaskHasReportedOrTheWaitTimesOut() {
        SourceClocks c = new SourceClocks(IDLE, 3);
        c.observe("task-0_0", Time.day("2026-03-01"), 0);
        c.observe("task-0_1", Time.day("2026-03-01"), 1_000);
        assertThat(c.watermark(2_000)).isEqualTo(Long.MIN_VALUE);
        c.observe("task-0_2", Time.day("2026-01-10"), 3_000);
        assertThat(c.watermark(3_000)).isEqualTo(Time.day("2026-01-10"));

        SourceClocks lonely = new SourceClocks(IDLE, 3);
        lonely.observe("task-0_0", Time.day("2026-03-01"), 0);
        assertThat(lonely.watermark(IDLE + 1)).isEqualTo(Time.day("2026-03-01"));
    }

    @Test
    void afterAStallTheFirstSourceToResumeCannotRunAheadOfTheOthers() {
        SourceClocks c = new SourceClocks(IDLE, 0);
        c.observe("task-0_0", Time.day("2026-01-20"), 0);
        c.observe("task-0_1", Time.day("2026-01-21"), 0);
        // a broker outage of a minute: nothing advances; then task 0_1 resumes first
        c.observe("task-0_1", Time.day("2026-02-10"), 60_000);
        assertThat(c.watermark(60_001)).isEqualTo(Time.day("2026-01-20"));
        // task 0_0 really has gone quiet while 0_1 progresses: after the timeout it is passed over
        c.observe("task-0_1", Time.day("2026-02-10") + 1, 66_000);
        c.observe("task-0_1", Time.day("2026-02-10") + 2, 72_000);
        c.observe("task-0_1", Time.day("2026-02-11"), 75_000);
        assertThat(c.watermark(75_000)).isEqualTo(Time.day("2026-02-11"));
    }

    @Test
    void aSourceStillCatchingUpMayDeliverEventsBeforeATimeAQuietOneMayNot() {
        SourceClocks c = new SourceClocks(IDLE, 2);
        long weekEnd = Time.day("2026-01-26") - 1;
        c.observe("task-0_0", weekEnd, 0);
        // task 0_1 not heard from yet: within the start-up wait it may still deliver anything
        assertThat(c.advancingBefore(weekEnd, 1_000)).isTrue();
        // it reports, behind the week's end, and keeps advancing through a backlog
        c.observe("task-0_1", Time.day("2025-12-01"), 2_000);
        c.observe("task-0_1", Time.day("2026-01-05"), 9_000);
        assertThat(c.advancingBefore(weekEnd, 15_000)).isTrue();
        // once it reaches the week's last instant, nothing before it is still to come
        c.observe("task-0_1", weekEnd, 16_000);
        assertThat(c.advancingBefore(weekEnd, 16_000)).isFalse();

        // a source that stopped short of the time and went quiet is given up on after the timeout
        SourceClocks quiet = new SourceClocks(IDLE, 0);
        quiet.observe("task-0_0", Time.day("2026-01-05"), 0);
        assertThat(quiet.advancingBefore(weekEnd, IDLE)).isTrue();
        assertThat(quiet.advancingBefore(weekEnd, IDLE + 1)).isFalse();
    }
}
