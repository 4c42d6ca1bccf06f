package dev.rotation.processor.topology;

import static dev.rotation.processor.topology.Events.metal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Caveat;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Metal;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.model.events.InputEventType;
import dev.rotation.processor.confidence.Caveats;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A report is one fact: the rows of a report that announces its row count reach the rules together.
 * The seed week's 14-row report (SeedWeekGoldenTest) arrives row by row in orders a desk has seen
 * cause passing readings ("ETH held 100% of the gross outflow" until the BTC row lands), with a
 * duplicate and a revision among them.
 */
class ReportCompletenessTopologyTest {
    private static final long WEEK = Time.day("2026-01-19");
    private static final String REPORT = "coinshares/coinshares-2026-01-26";

    /** The seed week's prices and metals, its window still open (stream time 25 Jan). */
    private static void markets(DetectorDriver d) {
        SeedWeekGoldenTest.prices(d, "2026-01-12", "2026-01-18");
        d.pipe(metal(Metal.XAU, "2026-01-16", 4611.05));
        d.pipe(metal(Metal.XAG, "2026-01-16", 90.00));
        SeedWeekGoldenTest.prices(d, "2026-01-19", "2026-01-25");
        d.pipe(metal(Metal.XAU, "2026-01-23", 4986.00));
        d.pipe(metal(Metal.XAG, "2026-01-23", 100.94));
    }

    /** Stream time passes the week's end plus grace, and the quiet feeds go idle. */
    private static void closeTheWeek(DetectorDriver d) {
        SeedWeekGoldenTest.prices(d, "2026-01-26", "2026-01-30");
        d.idle();
    }

    private static boolean restsOnTheReport(Signal s) {
        return s.getWindowStart().toEpochMilli() == WEEK && s.getSources().contains("coinshares");
    }

    /** The report's rows without the count the producers stamp (a producer that announces none). */
    private static List<FundFlow> uncounted() {
        List<FundFlow> rows = SeedWeekGoldenTest.seedWeekReport();
        rows.forEach(f -> f.setReportRows(null));
        return rows;
    }

    private static FundFlow row(List<FundFlow> report, String key) {
        return report.stream().filter(f -> key(f).equals(key)).findFirst().orElseThrow();
    }

    /** The week's FINAL signals as a desk reads them, by signalId (revision numbers aside). */
    private static Map<String, String> finals(DetectorDriver d) {
        Map<String, String> out = new TreeMap<>();
        for (Signal s : d.latest().values()) {
            if (s.getWindowStart().toEpochMilli() == WEEK && s.getStatus() == SignalStatus.FINAL) {
                out.put(
                        s.getSignalId(),
                        s.getConfidenceLevel()
                                + " "
                                + s.getConfidence()
                                + " "
                                + s.getMagnitude()
                                + " "
                                + s.getCaveats().stream().map(Caveat::getCode).sorted().toList()
                                + " "
                                + s.getEvidence());
            }
        }
        return out;
    }

    /** The reference: the report without counts, as published, evaluated when the week closes. */
    private static Map<String, String> wholeReportFinals(Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            markets(d);
            uncounted().forEach(d::pipe);
            closeTheWeek(d);
            return finals(d);
        }
    }

    static Stream<Arguments> adversarialOrders() {
        List<FundFlow> published = SeedWeekGoldenTest.seedWeekReport();
        List<Arguments> orders = new ArrayList<>();
        orders.add(Arguments.of("as published", published));
        List<FundFlow> reversed = new ArrayList<>(published);
        Collections.reverse(reversed);
        orders.add(Arguments.of("reversed", reversed));
        // ETH first and BTC last: read alone, ETH "held 100% of the gross outflow"
        List<FundFlow> ethFirst = new ArrayList<>(published);
        ethFirst.sort(
                Comparator.comparing(
                        (FundFlow f) ->
                                switch (key(f)) {
                                    case "ASSET:ETH" -> 0;
                                    case "ASSET:BTC" -> 2;
                                    default -> 1;
                                }));
        orders.add(Arguments.of("ETH first, BTC last", ethFirst));
        // the outflows last: inflows alone read as a rotation into everything
        List<FundFlow> inflowsFirst = new ArrayList<>(published);
        inflowsFirst.sort(Comparator.comparingDouble(f -> -f.getNetFlowUsd()));
        orders.add(Arguments.of("inflows first", inflowsFirst));
        for (long seed = 1; seed <= 3; seed++) {
            List<FundFlow> shuffled = new ArrayList<>(published);
            Collections.shuffle(shuffled, new Random(seed));
            orders.add(Arguments.of("shuffled, seed " + seed, shuffled));
        }
        return orders.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adversarialOrders")
    void aReportArrivingRowByRowGivesNoSignalUntilCompleteThenTheWholeReportsSignals(
            String order, List<FundFlow> rows, @TempDir Path dir, @TempDir Path referenceDir) {
        Map<String, String> reference = wholeReportFinals(referenceDir);
        try (DetectorDriver d = new DetectorDriver(dir)) {
            markets(d);
            for (FundFlow row : rows.subList(0, rows.size() - 1)) {
                d.pipe(row);
                assertThat(d.signals)
                        .as("after " + key(row))
                        .noneMatch(ReportCompletenessTopologyTest::restsOnTheReport);
            }
            d.pipe(rows.get(rows.size() - 1));

            List<Signal> fromTheReport =
                    d.signals.stream()
                            .filter(ReportCompletenessTopologyTest::restsOnTheReport)
                            .toList();
            assertThat(fromTheReport).isNotEmpty();
            // each reading is raised once, from the whole report, and none is retracted
            assertThat(fromTheReport)
                    .allSatisfy(
                            s -> {
                                assertThat(s.getStatus()).isEqualTo(SignalStatus.PROVISIONAL);
                                assertThat(s.getRevision()).isEqualTo(1);
                            });
            Signal rotation =
                    fromTheReport.stream()
                            .filter(s -> s.getType() == SignalType.ROTATION_TO_HIGH_BETA)
                            .findFirst()
                            .orElseThrow();
            assertThat(rotation.getMagnitude().getLeavingUsd()).isEqualTo(1_720_000_000d);

            closeTheWeek(d);
            assertThat(finals(d)).isEqualTo(reference);
            assertThat(d.metrics.count(ProcessorMetrics.REPORTS, "outcome", "complete"))
                    .isEqualTo(1);
            assertThat(d.lateEvents()).isEmpty();
        }
    }

    @Test
    void duplicatesAndRevisionsOfARowCountOnce(@TempDir Path dir, @TempDir Path referenceDir) {
        Map<String, String> reference = wholeReportFinals(referenceDir);
        List<FundFlow> report = SeedWeekGoldenTest.seedWeekReport();
        try (DetectorDriver d = new DetectorDriver(dir)) {
            markets(d);
            // a first figure for ETH, later corrected; rows published twice
            FundFlow ethFirstEstimate = row(SeedWeekGoldenTest.seedWeekReport(), "ASSET:ETH");
            ethFirstEstimate.setNetFlowUsd(-600_000_000d);
            d.pipe(ethFirstEstimate);
            for (FundFlow f : report.subList(0, 13)) {
                d.pipe(f);
                d.pipe(f);
            }
            assertThat(d.signals).noneMatch(ReportCompletenessTopologyTest::restsOnTheReport);

            d.pipe(report.get(13));
            assertThat(d.signals).anyMatch(ReportCompletenessTopologyTest::restsOnTheReport);
            closeTheWeek(d);
            // the corrected figure counts, flagged as a revision of a published figure
            Map<String, String> finals = finals(d);
            assertThat(finals.keySet()).isEqualTo(reference.keySet());
            assertThat(d.latest().values())
                    .filteredOn(s -> s.getType() == SignalType.ROTATION_TO_HIGH_BETA)
                    .singleElement()
                    .satisfies(
                            s -> {
                                assertThat(s.getMagnitude().getLeavingUsd())
                                        .isEqualTo(1_720_000_000d);
                                assertThat(s.getCaveats())
                                        .extracting(Caveat::getCode)
                                        .contains(Caveats.LATE_DATA_REVISION);
                            });
        }
    }

    @Test
    void anIncompleteReportCountsAfterTheSettleTimeoutAndSaysSo(@TempDir Path dir) {
        List<FundFlow> report = SeedWeekGoldenTest.seedWeekReport();
        try (DetectorDriver d = new DetectorDriver(dir);
                CapturedLog log = new CapturedLog(SnapshotProcessor.class)) {
            markets(d);
            report.subList(0, 13).forEach(d::pipe); // REGION:CA never comes
            assertThat(d.signals).noneMatch(ReportCompletenessTopologyTest::restsOnTheReport);

            d.settle();
            List<Signal> fromTheReport =
                    d.signals.stream()
                            .filter(ReportCompletenessTopologyTest::restsOnTheReport)
                            .toList();
            assertThat(fromTheReport)
                    .isNotEmpty()
                    .allSatisfy(
                            s ->
                                    assertThat(s.getCaveats())
                                            .filteredOn(
                                                    c ->
                                                            c.getCode()
                                                                    .equals(
                                                                            Caveats
                                                                                    .REPORT_INCOMPLETE))
                                            .singleElement()
                                            .satisfies(
                                                    c ->
                                                            assertThat(c.getText())
                                                                    .contains(
                                                                            REPORT
                                                                                    + " had 13 of its 14 rows")));
            // a reading that does not rest on the report does not carry it
            assertThat(d.latest().values())
                    .filteredOn(s -> s.getType() == SignalType.LEVEL_BREACH)
                    .isNotEmpty()
                    .allSatisfy(
                            s ->
                                    assertThat(s.getCaveats())
                                            .extracting(Caveat::getCode)
                                            .doesNotContain(Caveats.REPORT_INCOMPLETE));
            assertThat(d.metrics.count(ProcessorMetrics.REPORTS, "outcome", "incomplete"))
                    .isEqualTo(1);
            assertThat(log.warnings())
                    .anySatisfy(
                            w ->
                                    assertThat(w)
                                            .contains(REPORT)
                                            .contains("13 of its 14 rows")
                                            .contains("REPORT_INCOMPLETE"));

            // the missing row arrives after all: the readings are revised without the caveat
            d.pipe(report.get(13));
            assertThat(d.latest().values())
                    .filteredOn(ReportCompletenessTopologyTest::restsOnTheReport)
                    .allSatisfy(
                            s ->
                                    assertThat(s.getCaveats())
                                            .extracting(Caveat::getCode)
                                            .doesNotContain(Caveats.REPORT_INCOMPLETE));
        }
    }

    @Test
    void aWeekDoesNotCloseWhileItsReportIsStillArriving(
            @TempDir Path dir, @TempDir Path referenceDir) {
        Map<String, String> reference = wholeReportFinals(referenceDir);
        Properties longSettle = new Properties();
        longSettle.setProperty("report.settle.timeout", "PT5M");
        List<FundFlow> report = SeedWeekGoldenTest.seedWeekReport();
        try (DetectorDriver d = new DetectorDriver(dir, longSettle)) {
            markets(d);
            report.subList(0, 10).forEach(d::pipe);
            closeTheWeek(d); // past end plus grace, every other feed idle
            assertThat(d.signals)
                    .filteredOn(s -> s.getWindowStart().toEpochMilli() == WEEK)
                    .extracting(Signal::getStatus)
                    .doesNotContain(SignalStatus.FINAL);

            report.subList(10, 14).forEach(d::pipe);
            // complete: the week closes at once, on the whole report
            assertThat(finals(d)).isEqualTo(reference);
            assertThat(d.signals).noneMatch(s -> s.getStatus() == SignalStatus.RETRACTED);
        }
    }

    @Test
    void aWeekWaitingForAReportClosesWhenTheReportSettles(@TempDir Path dir) {
        List<FundFlow> report = SeedWeekGoldenTest.seedWeekReport();
        try (DetectorDriver d = new DetectorDriver(dir)) {
            markets(d);
            report.subList(0, 12).forEach(d::pipe);
            SeedWeekGoldenTest.prices(d, "2026-01-26", "2026-01-30");
            assertThat(d.signals).filteredOn(s -> s.getStatus() == SignalStatus.FINAL).isEmpty();

            d.settle(); // also longer than the idle timeout
            assertThat(d.latest().values())
                    .filteredOn(ReportCompletenessTopologyTest::restsOnTheReport)
                    .isNotEmpty()
                    .allSatisfy(
                            s -> {
                                assertThat(s.getStatus()).isEqualTo(SignalStatus.FINAL);
                                assertThat(s.getCaveats())
                                        .extracting(Caveat::getCode)
                                        .contains(Caveats.REPORT_INCOMPLETE);
                            });
        }
    }

    @Test
    void withoutASettleTimeoutAPartialReportCountsAtOnceAndSaysSo(@TempDir Path dir) {
        Properties noWait = new Properties();
        noWait.setProperty("report.settle.timeout", "PT0S");
        List<FundFlow> report = SeedWeekGoldenTest.seedWeekReport();
        try (DetectorDriver d = new DetectorDriver(dir, noWait)) {
            markets(d);
            d.pipe(row(report, "ASSET:ETH"));
            assertThat(d.signals)
                    .filteredOn(ReportCompletenessTopologyTest::restsOnTheReport)
                    .isNotEmpty()
                    .allSatisfy(
                            s ->
                                    assertThat(s.getCaveats())
                                            .extracting(Caveat::getCode)
                                            .contains(Caveats.REPORT_INCOMPLETE));
            report.forEach(d::pipe);
            assertThat(d.latest().values())
                    .filteredOn(ReportCompletenessTopologyTest::restsOnTheReport)
                    .filteredOn(s -> s.getStatus() != SignalStatus.RETRACTED)
                    .isNotEmpty()
                    .allSatisfy(
                            s ->
                                    assertThat(s.getCaveats())
                                            .extracting(Caveat::getCode)
                                            .doesNotContain(Caveats.REPORT_INCOMPLETE));
        }
    }

    @Test
    void reportsThatAnnounceNoCountStillCountRowByRow(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            markets(d);
            d.pipe(row(uncounted(), "ASSET:ETH"));
            // as before: the one row is read at once ("ETH held 100% of the gross outflow")
            assertThat(d.signals)
                    .filteredOn(ReportCompletenessTopologyTest::restsOnTheReport)
                    .extracting(Signal::getType)
                    .contains(SignalType.CONCENTRATED_OUTFLOW);
            assertThat(d.metrics.sum(ProcessorMetrics.REPORTS)).isZero();
        }
    }

    /** The record key a row is published under (ASSET:BTC). */
    private static String key(FundFlow f) {
        return InputEventType.FLOWS.key(f);
    }
}
