package dev.rotation.processor.topology;

import static dev.rotation.processor.topology.Events.metal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Caveat;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Metal;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.model.deadletter.DeadLetterHeaders;
import dev.rotation.model.events.InputEventType;
import dev.rotation.processor.confidence.Caveats;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lateness belongs to the report and the week: prices run to 8 Feb, the week of 19 Jan is FINAL,
 * then its 14-row report is published. It revises the FINAL week as a whole, or not at all; never a
 * FINAL reading from part of it. (The same report with its keys on every partition of a real
 * broker: {@code LateReportAcrossPartitionsIntegrationTest}.)
 */
class ReportLatenessTopologyTest {
    private static final long WEEK = Time.day("2026-01-19");
    private static final String REPORT = "coinshares/coinshares-2026-01-26";

    /**
     * The seed week's markets, then prices on to 8 Feb: the week of 19 Jan closes without flows.
     */
    private static void weekClosedWithoutItsReport(DetectorDriver d) {
        SeedWeekGoldenTest.prices(d, "2026-01-12", "2026-01-18");
        d.pipe(metal(Metal.XAU, "2026-01-16", 4611.05));
        d.pipe(metal(Metal.XAG, "2026-01-16", 90.00));
        SeedWeekGoldenTest.prices(d, "2026-01-19", "2026-01-25");
        d.pipe(metal(Metal.XAU, "2026-01-23", 4986.00));
        d.pipe(metal(Metal.XAG, "2026-01-23", 100.94));
        SeedWeekGoldenTest.prices(d, "2026-01-26", "2026-02-01");
        for (int day = 2; day <= 8; day++) {
            String date = String.format("2026-02-%02d", day);
            d.pipe(Events.dailyClose("BTC-USD", date, 78000, 77000));
            d.pipe(Events.dailyClose("ETH-USD", date, 2500, 2450));
        }
        assertThat(ofTheWeek(d.signals))
                .as("the week is FINAL before its report arrives")
                .anySatisfy(s -> assertThat(s.getStatus()).isEqualTo(SignalStatus.FINAL));
    }

    private static List<Signal> ofTheWeek(List<Signal> signals) {
        return signals.stream().filter(s -> s.getWindowStart().toEpochMilli() == WEEK).toList();
    }

    /** ETH first, BTC last: the order that made "ETH held 100.0% of the $630M gross outflow". */
    private static List<FundFlow> ethFirstBtcLast() {
        List<FundFlow> rows = new ArrayList<>(SeedWeekGoldenTest.seedWeekReport());
        rows.sort(
                Comparator.comparing(
                        (FundFlow f) ->
                                switch (InputEventType.FLOWS.key(f)) {
                                    case "ASSET:ETH" -> 0;
                                    case "ASSET:BTC" -> 2;
                                    default -> 1;
                                }));
        return rows;
    }

    @Test
    void aReportForAFinalWeekRevisesItAsAWholeOnceComplete(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir);
                CapturedLog log = new CapturedLog(SnapshotProcessor.class)) {
            weekClosedWithoutItsReport(d);
            int before = d.signals.size();
            List<FundFlow> rows = ethFirstBtcLast();
            for (FundFlow row : rows.subList(0, rows.size() - 1)) {
                d.pipe(row);
                assertThat(d.signals.subList(before, d.signals.size()))
                        .as("after " + InputEventType.FLOWS.key(row))
                        .isEmpty();
            }
            assertThat(log.warnings())
                    .anySatisfy(
                            w ->
                                    assertThat(w)
                                            .contains(REPORT)
                                            .contains(
                                                    "arrived after the week of 2026-01-19 closed"));

            d.pipe(rows.get(rows.size() - 1));
            List<Signal> revisions = ofTheWeek(d.signals.subList(before, d.signals.size()));
            assertThat(revisions)
                    .isNotEmpty()
                    .allSatisfy(
                            s -> {
                                assertThat(s.getStatus())
                                        .isIn(SignalStatus.FINAL, SignalStatus.RETRACTED);
                                assertThat(s.getCaveats())
                                        .extracting(Caveat::getCode)
                                        .contains(Caveats.LATE_DATA_REVISION);
                            });
            // the whole report: both legs of the outflow, never ETH's alone
            assertThat(revisions)
                    .filteredOn(s -> s.getType() == SignalType.ROTATION_TO_HIGH_BETA)
                    .singleElement()
                    .satisfies(
                            s ->
                                    assertThat(s.getMagnitude().getLeavingUsd())
                                            .isEqualTo(1_720_000_000d));
            assertThat(revisions)
                    .filteredOn(s -> s.getType() == SignalType.CONCENTRATED_OUTFLOW)
                    .extracting(s -> s.getSubjects().toString())
                    .contains("[asset:BTC, asset:ETH]");
            assertThat(d.lateEvents()).isEmpty();
            assertThat(d.metrics.count(ProcessorMetrics.LATE, "kind", "flows")).isZero();
            assertThat(d.metrics.count(ProcessorMetrics.REPORTS, "outcome", "late_revision"))
                    .isEqualTo(1);
            assertThat(log.warnings())
                    .anySatisfy(
                            w ->
                                    assertThat(w)
                                            .contains(REPORT)
                                            .contains("14 rows")
                                            .contains("revises the FINAL week as a whole"));
        }
    }

    @Test
    void aLateReportStillIncompleteWhenItSettlesIsSetAsideAndTheFinalWeekStands(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir);
                CapturedLog log = new CapturedLog(SnapshotProcessor.class)) {
            weekClosedWithoutItsReport(d);
            int before = d.signals.size();
            List<FundFlow> rows = ethFirstBtcLast();
            rows.subList(0, rows.size() - 1).forEach(d::pipe); // BTC is missing

            d.settle();
            assertThat(d.signals.subList(before, d.signals.size())).isEmpty();
            assertThat(d.metrics.count(ProcessorMetrics.REPORTS, "outcome", "set_aside"))
                    .isEqualTo(1);
            assertThat(log.warnings())
                    .anySatisfy(
                            w ->
                                    assertThat(w)
                                            .contains(REPORT)
                                            .contains("13 of its 14 rows")
                                            .contains("set aside, the FINAL week stands"));

            // its last row arrives after all: now whole, the report revises the week
            d.pipe(rows.get(rows.size() - 1));
            assertThat(ofTheWeek(d.signals.subList(before, d.signals.size())))
                    .filteredOn(s -> s.getType() == SignalType.ROTATION_TO_HIGH_BETA)
                    .singleElement()
                    .satisfies(
                            s -> {
                                assertThat(s.getStatus()).isEqualTo(SignalStatus.FINAL);
                                assertThat(s.getMagnitude().getLeavingUsd())
                                        .isEqualTo(1_720_000_000d);
                            });
        }
    }

    @Test
    void aReportRowForAWeekNoLongerKeptIsALateEvent(@TempDir Path dir) {
        Properties oneWeekKept = new Properties();
        oneWeekKept.setProperty("signals.retention.windows", "1");
        try (DetectorDriver d = new DetectorDriver(dir, oneWeekKept)) {
            weekClosedWithoutItsReport(d);
            for (int day = 9; day <= 15; day++) {
                d.pipe(
                        Events.dailyClose(
                                "BTC-USD", String.format("2026-02-%02d", day), 77000, 76000));
            }
            SeedWeekGoldenTest.seedWeekReport().forEach(d::pipe);

            assertThat(d.lateEvents())
                    .hasSize(14)
                    .allSatisfy(
                            r ->
                                    assertThat(
                                                    DetectorDriver.header(
                                                            r.headers(), DeadLetterHeaders.REASON))
                                            .isEqualTo("LATE"));
            assertThat(d.metrics.count(ProcessorMetrics.LATE, "kind", "flows")).isEqualTo(14);
            assertThat(ofTheWeek(d.signals)).noneMatch(s -> s.getSources().contains("coinshares"));
        }
    }
}
