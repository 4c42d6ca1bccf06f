package dev.rotation.processor.topology;

import static dev.rotation.processor.topology.Events.dailyClose;
import static dev.rotation.processor.topology.Events.flow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Breakdown;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grace is what lets a weekly report published days after its period still count. */
class WatermarkTopologyTest {

    @Test
    void aReportPublishedWithinGraceStillMakesTheFinalSignal(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            // prices run on past the week's end (Monday 26 Jan) into the grace period
            for (int day = 19; day <= 28; day++) {
                d.pipe(
                        dailyClose(
                                "BTC-USD",
                                String.format("2026-01-%02d", day),
                                90000,
                                90000 - day * 100));
            }
            long week = Time.day("2026-01-19");
            assertThat(d.signals).noneMatch(s -> s.getStatus() == SignalStatus.FINAL);

            // the report of Monday 26 Jan for 19-23 Jan arrives on the 28th: inside grace
            d.pipe(
                    flow(
                            "coinshares",
                            "r1",
                            "2026-01-19",
                            "2026-01-23",
                            Breakdown.ASSET,
                            "BTC",
                            -1_090_000_000d));
            d.pipe(
                    flow(
                            "coinshares",
                            "r1",
                            "2026-01-19",
                            "2026-01-23",
                            Breakdown.ASSET,
                            "ETH",
                            -630_000_000d));
            d.pipe(
                    flow(
                            "coinshares",
                            "r1",
                            "2026-01-19",
                            "2026-01-23",
                            Breakdown.ASSET,
                            "SOL",
                            17_100_000d));
            assertThat(d.lateEvents()).isEmpty();
            assertThat(d.latest(SignalType.ROTATION_TO_HIGH_BETA, SignalStatus.PROVISIONAL))
                    .hasSize(1);

            // stream time passes end + grace (29 Jan): the week closes with the report in it
            d.pipe(dailyClose("BTC-USD", "2026-01-30", 87000, 86000));
            assertThat(d.latest(SignalType.ROTATION_TO_HIGH_BETA, SignalStatus.FINAL))
                    .singleElement()
                    .satisfies(s -> assertThat(s.getWindowStart().toEpochMilli()).isEqualTo(week));

            // a report for that week arriving now is not a late event: it is held, then revises
            // the FINAL week as a whole (see ReportLatenessTopologyTest)
            d.pipe(
                    flow(
                            "coinshares",
                            "r1b",
                            "2026-01-19",
                            "2026-01-23",
                            Breakdown.ASSET,
                            "XRP",
                            -18_200_000d));
            assertThat(d.lateEvents()).isEmpty();
            d.settle();
            assertThat(d.metrics.count(ProcessorMetrics.REPORTS, "outcome", "late_revision"))
                    .isEqualTo(1);

            // a price of that week is late as before: routed to the late-events topic, counted
            d.pipe(dailyClose("BTC-USD", "2026-01-22", 90000, 90007));
            assertThat(d.lateEvents()).hasSize(1);
            assertThat(d.metrics.count(ProcessorMetrics.LATE, "kind", "prices")).isEqualTo(1);
        }
    }
}
