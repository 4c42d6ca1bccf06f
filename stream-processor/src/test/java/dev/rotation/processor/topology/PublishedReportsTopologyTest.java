package dev.rotation.processor.topology;

import static dev.rotation.processor.topology.Events.flow;
import static dev.rotation.processor.topology.Events.metal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Breakdown;
import dev.rotation.model.Caveat;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Evidence;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Metal;
import dev.rotation.model.ScoreAdjustment;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.model.deadletter.DeadLetterHeaders;
import dev.rotation.processor.confidence.Caveats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports as providers publish them: a holiday period over two weeks, breakdowns that contradict
 * their total, revisions (same and new report id, identical re-publish), and a provider's daily
 * rows next to its weekly row. Each example is the one a new user tried.
 */
class PublishedReportsTopologyTest {
    private static final long WEEK = Time.day("2026-01-19");

    private static void markets(DetectorDriver d) {
        SeedWeekGoldenTest.prices(d, "2026-01-12", "2026-01-18");
        d.pipe(metal(Metal.XAU, "2026-01-16", 4611.05));
        d.pipe(metal(Metal.XAG, "2026-01-16", 90.00));
        SeedWeekGoldenTest.prices(d, "2026-01-19", "2026-01-25");
        d.pipe(metal(Metal.XAU, "2026-01-23", 4986.00));
        d.pipe(metal(Metal.XAG, "2026-01-23", 100.94));
    }

    private static void closeTheWeek(DetectorDriver d) {
        SeedWeekGoldenTest.prices(d, "2026-01-26", "2026-01-30");
        d.idle();
    }

    private static List<Signal> weekSignals(DetectorDriver d, SignalType type) {
        return d.latest().values().stream()
                .filter(s -> s.getType() == type && s.getWindowStart().toEpochMilli() == WEEK)
                .toList();
    }

    private static List<String> codes(Signal s) {
        return s.getCaveats().stream().map(Caveat::getCode).toList();
    }

    /** BTC's net flow as the CONCENTRATED_OUTFLOW asset reading of the week cites it. */
    private static double btcFlow(DetectorDriver d) {
        Signal s =
                weekSignals(d, SignalType.CONCENTRATED_OUTFLOW).stream()
                        .filter(x -> x.getSubjects().contains("asset:BTC"))
                        .findFirst()
                        .orElseThrow();
        return s.getEvidence().stream()
                .filter(e -> e.getMetric().equals("net_flow_usd") && e.getSubject().equals("BTC"))
                .mapToDouble(Evidence::getValue)
                .findFirst()
                .orElseThrow();
    }

    private static List<FundFlow> report(String reportId, double btc) {
        List<FundFlow> rows = new ArrayList<>();
        for (FundFlow f : SeedWeekGoldenTest.seedWeekReport()) {
            FundFlow copy =
                    flow(
                            "coinshares",
                            reportId,
                            "2026-01-19",
                            "2026-01-23",
                            f.getBreakdown(),
                            f.getKey(),
                            f.getKey().equals("BTC") ? btc : f.getNetFlowUsd(),
                            f.getReportRows());
            rows.add(copy);
        }
        return rows;
    }

    @Test
    void aTwoWeekHolidayFlowIsRefusedWithItsReasonAndNoWeekTakesIt(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            markets(d);
            String[][] rows = {{"TOTAL", "ALL"}, {"REGION", "US"}, {"REGION", "DE"}};
            double[] values = {-1_730_000_000d, -1_800_000_000d, 70_000_000d};
            for (int i = 0; i < rows.length; i++) {
                d.pipe(
                        flow(
                                "coinshares",
                                "coinshares-holiday",
                                "2026-01-12",
                                "2026-01-23",
                                Breakdown.valueOf(rows[i][0]),
                                rows[i][1],
                                values[i],
                                rows.length));
            }
            closeTheWeek(d);

            assertThat(d.deadLetters())
                    .hasSize(3)
                    .allSatisfy(
                            r ->
                                    assertThat(
                                                    DetectorDriver.header(
                                                            r.headers(), DeadLetterHeaders.REASON))
                                            .isEqualTo("PERIOD_SPANS_WINDOWS"));
            assertThat(d.signals)
                    .noneMatch(s -> s.getType() == SignalType.CONCENTRATED_OUTFLOW)
                    .noneMatch(s -> s.getSources().contains("coinshares"));
        }
    }

    @Test
    void aRefusedTypoDoesNotMakeTheNextCorrectReportLate(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            markets(d);
            // 2026-02-23 to 2026-10-26 typed for the week of 2026-01-19: refused, and its period's
            // end must not become the partition's stream time
            d.pipe(
                    flow(
                            "coinshares",
                            "coinshares-typo",
                            "2026-02-23",
                            "2026-10-26",
                            Breakdown.ASSET,
                            "BTC",
                            -1_090_000_000d,
                            1));
            SeedWeekGoldenTest.seedWeekReport().forEach(d::pipe);
            closeTheWeek(d);

            assertThat(d.deadLetters())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(
                                                DetectorDriver.header(
                                                        r.headers(), DeadLetterHeaders.REASON))
                                        .isEqualTo("PERIOD_SPANS_WINDOWS");
                                // the dates as the report writes them, not epoch milliseconds
                                assertThat(
                                                DetectorDriver.header(
                                                        r.headers(), DeadLetterHeaders.MESSAGE))
                                        .contains(
                                                "the period 2026-02-23 to 2026-10-26 spans the"
                                                        + " windows from 2026-02-23 to 2026-11-01"
                                                        + " (window.size P7D)");
                            });
            assertThat(d.lateEvents()).isEmpty();
            assertThat(btcFlow(d)).isEqualTo(-1_090_000_000d);
            assertThat(weekSignals(d, SignalType.ROTATION_TO_HIGH_BETA))
                    .singleElement()
                    .satisfies(
                            s -> {
                                assertThat(s.getStatus()).isEqualTo(SignalStatus.FINAL);
                                assertThat(s.getExplanation()).contains("$1.72B", "$17.1M");
                            });
        }
    }

    @Test
    void breakdownsThatContradictTheTotalAreFlaggedLowerAndNamed(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            markets(d);
            Object[][] rows = {
                {Breakdown.TOTAL, "ALL", -53_700_000d},
                {Breakdown.ASSET, "BTC", -40_000_000d},
                {Breakdown.ASSET, "ETH", -20_000_000d},
                {Breakdown.ASSET, "SOL", 6_300_000d},
                {Breakdown.REGION, "US", -12_400_000_000d},
                {Breakdown.REGION, "DE", 5_000_000d},
                {Breakdown.REGION, "CH", -38_700_000d}
            };
            for (Object[] r : rows) {
                d.pipe(
                        flow(
                                "coinshares",
                                "coinshares-reprint",
                                "2026-01-19",
                                "2026-01-23",
                                (Breakdown) r[0],
                                (String) r[1],
                                (Double) r[2],
                                rows.length));
            }
            closeTheWeek(d);

            Signal us =
                    weekSignals(d, SignalType.CONCENTRATED_OUTFLOW).stream()
                            .filter(s -> s.getSubjects().contains("region:US"))
                            .findFirst()
                            .orElseThrow();
            assertThat(us.getStatus()).isEqualTo(SignalStatus.FINAL);
            assertThat(codes(us))
                    .contains(Caveats.BREAKDOWNS_INCONSISTENT)
                    .doesNotContain(Caveats.REGIONS_NOT_EXHAUSTIVE);
            assertThat(us.getConfidence()).isLessThanOrEqualTo(0.30);
            assertThat(us.getConfidenceLevel()).isEqualTo(ConfidenceLevel.LOW);
            // the halving is on the signal's components, after the single-source cap of 0.6
            assertThat(us.getConfidenceComponents().getAdjustment())
                    .isEqualTo(new ScoreAdjustment(Caveats.BREAKDOWNS_INCONSISTENT, 0.5));
            assertThat(us.getConfidenceComponents().getCap().getValue()).isEqualTo(0.6);
            assertThat(us.getConfidence()).isEqualTo(0.6 * 0.5);
            assertThat(us.getExplanation())
                    .contains("regions sum to -$12.4B against a reported total of -$53.7M");
        }
    }

    @Test
    void aRevisedReportReplacesItsFiguresAndAnIdenticalOneChangesNothing(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            markets(d);
            report("coinshares-2026-01-26", -1_090_000_000d).forEach(d::pipe);
            assertThat(btcFlow(d)).isEqualTo(-1_090_000_000d);

            // the same report id, BTC corrected: replaced, never added
            report("coinshares-2026-01-26", -1_200_000_000d).forEach(d::pipe);
            assertThat(btcFlow(d)).isEqualTo(-1_200_000_000d);
            assertThat(weekSignals(d, SignalType.CONCENTRATED_OUTFLOW))
                    .allSatisfy(s -> assertThat(codes(s)).contains(Caveats.LATE_DATA_REVISION));

            // re-published identical: no new revision of anything
            int published = d.signals.size();
            report("coinshares-2026-01-26", -1_200_000_000d).forEach(d::pipe);
            assertThat(d.signals).hasSize(published);

            // a new report id for the same period, BTC corrected again: replaced, never added
            report("coinshares-2026-01-26-r2", -1_100_000_000d).forEach(d::pipe);
            closeTheWeek(d);
            Signal btcEth =
                    weekSignals(d, SignalType.CONCENTRATED_OUTFLOW).stream()
                            .filter(s -> s.getSubjects().contains("asset:BTC"))
                            .findFirst()
                            .orElseThrow();
            assertThat(btcEth.getStatus()).isEqualTo(SignalStatus.FINAL);
            assertThat(btcFlow(d)).isEqualTo(-1_100_000_000d);
            assertThat(codes(btcEth)).contains(Caveats.LATE_DATA_REVISION);
        }
    }

    @Test
    void dailyRowsAndTheWeeklyRowOfOneSourceCountTheWeekOnce(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            markets(d);
            report("coinshares-2026-01-26", -1_090_000_000d).forEach(d::pipe);
            String[] days = {"2026-01-19", "2026-01-20", "2026-01-21", "2026-01-22", "2026-01-23"};
            for (String day : days) {
                d.pipe(
                        flow(
                                "coinshares",
                                "coinshares-daily-" + day,
                                day,
                                day,
                                Breakdown.ASSET,
                                "BTC",
                                -218_000_000d,
                                1));
            }
            closeTheWeek(d);

            // five daily rows of -218M: the week's -1.09B once, not -2.18B
            assertThat(btcFlow(d))
                    .isEqualTo(-1_090_000_000d, org.assertj.core.api.Assertions.within(1.0));
            Signal s =
                    weekSignals(d, SignalType.CONCENTRATED_OUTFLOW).stream()
                            .filter(x -> x.getSubjects().contains("asset:BTC"))
                            .findFirst()
                            .orElseThrow();
            assertThat(s.getCaveats())
                    .filteredOn(c -> c.getCode().equals(Caveats.OVERLAPPING_PERIODS))
                    .singleElement()
                    .satisfies(
                            c ->
                                    assertThat(c.getText())
                                            .contains(
                                                    "coinshares ASSET:BTC for 2026-01-19 to"
                                                            + " 2026-01-23 (left out; 5 finer rows"
                                                            + " covering its whole period"
                                                            + " counted)"));
        }
    }

    @Test
    void aWeeklyRowStandsOverPartialDailyRowsWhicheverArrivesFirst(@TempDir Path dir) {
        for (boolean dailyFirst : new boolean[] {false, true}) {
            try (DetectorDriver d = new DetectorDriver(dir.resolve("daily-first-" + dailyFirst))) {
                markets(d);
                List<FundFlow> partial =
                        List.of(
                                flow(
                                        "coinshares",
                                        "coinshares-monday",
                                        "2026-01-19",
                                        "2026-01-19",
                                        Breakdown.ASSET,
                                        "BTC",
                                        -10_000_000d,
                                        1),
                                flow(
                                        "coinshares",
                                        "coinshares-tuesday",
                                        "2026-01-20",
                                        "2026-01-20",
                                        Breakdown.ASSET,
                                        "BTC",
                                        -12_000_000d,
                                        1));
                if (dailyFirst) {
                    partial.forEach(d::pipe);
                }
                report("coinshares-2026-01-26", -1_480_000_000d).forEach(d::pipe);
                if (!dailyFirst) {
                    partial.forEach(d::pipe);
                }
                closeTheWeek(d);

                // the week's -1.48B, not the Monday's -10M (nor -22M, nor the sum)
                assertThat(btcFlow(d)).isEqualTo(-1_480_000_000d);
                Signal s =
                        weekSignals(d, SignalType.CONCENTRATED_OUTFLOW).stream()
                                .filter(x -> x.getSubjects().contains("asset:BTC"))
                                .findFirst()
                                .orElseThrow();
                assertThat(s.getCaveats())
                        .filteredOn(c -> c.getCode().equals(Caveats.OVERLAPPING_PERIODS))
                        .singleElement()
                        .satisfies(
                                c ->
                                        assertThat(c.getText())
                                                .contains(
                                                        "coinshares ASSET:BTC for 2026-01-19 to"
                                                                + " 2026-01-19 (left out; it covers"
                                                                + " only part of the row for"
                                                                + " 2026-01-19 to 2026-01-23, which"
                                                                + " counts)",
                                                        "coinshares ASSET:BTC for 2026-01-20 to"
                                                                + " 2026-01-20 (left out; it covers"
                                                                + " only part of the row for"
                                                                + " 2026-01-19 to 2026-01-23, which"
                                                                + " counts)"));
            }
        }
    }
}
