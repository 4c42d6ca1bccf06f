package dev.rotation.processor.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rotation.model.Caveat;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.topics.Topics;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.service.DetectorService;
import dev.rotation.processor.topology.CapturedLog;
import dev.rotation.processor.topology.Events;
import dev.rotation.processor.topology.ReportFixtures;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.TopicSetup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A report is one fact whatever partition each row lands on. On a real broker with three input
 * partitions, the seed week's 14 rows are keyed onto every partition and published one at a time,
 * ETH first and BTC last (the order that made "ETH held 100% of the gross outflow"): on time, and
 * after prices ran to 8 Feb and the week became FINAL. Neither run may show a reading built from
 * part of the report; the late one revises the FINAL week as a whole, nothing goes to the
 * late-events topic, and the operator is told at WARN with the report's name.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LateReportAcrossPartitionsIntegrationTest {
    private static final int PARTITIONS = 3;
    private static final long WEEK = LocalDate.parse("2026-01-19").toEpochDay() * 86_400_000L;
    private static final String REPORT = "coinshares/coinshares-2026-01-26";

    private LocalPlatform platform;
    private ConnectionSettings connection;
    private Path dir;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "late-report-it");
        platform = LocalPlatform.startForTests(dir.resolve("platform"));
        connection = platform.connectionSettings();
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aReportArrivingRowByRowOverEveryPartitionIsReadOnlyWhole() throws Exception {
        String prefix = "ontime.";
        createTopics(prefix);
        try (DetectorService detector = detector(prefix)) {
            publish(prefix, markets("2026-01-25"));
            publishRowByRow(prefix, ethFirstBtcLast());
            assertRowsOnEveryPartition();
            publish(prefix, markets("2026-02-08"));

            List<Signal> week = awaitStableWeek(detector, SignalStatus.FINAL);
            List<Signal> fromTheReport = restingOnTheReport(week);
            assertThat(fromTheReport).isNotEmpty();
            // every reading was raised from the whole report, once, and none was retracted
            assertThat(fromTheReport)
                    .extracting(Signal::getStatus)
                    .doesNotContain(SignalStatus.RETRACTED);
            // a provisional reading may be revised as later prices land, but every figure it
            // takes from the report is the whole report's: the same as its FINAL reading's
            assertThat(fromTheReport)
                    .filteredOn(s -> s.getStatus() == SignalStatus.PROVISIONAL)
                    .allSatisfy(
                            s ->
                                    assertThat(reportFigures(s))
                                            .isEqualTo(reportFigures(finalOf(s, fromTheReport))));
            assertWholeReport(fromTheReport);
        }
    }

    @Test
    void aReportForAFinalWeekWithKeysOnEveryPartitionRevisesItAsAWhole() throws Exception {
        String prefix = "late.";
        createTopics(prefix);
        try (CapturedLog log =
                        new CapturedLog("dev.rotation.processor.topology.SnapshotProcessor");
                DetectorService detector = detector(prefix)) {
            publish(prefix, markets("2026-02-08"));
            List<Signal> closed = awaitStableWeek(detector, SignalStatus.FINAL);
            assertThat(restingOnTheReport(closed)).isEmpty();
            int before = closed.size();

            publishRowByRow(prefix, ethFirstBtcLast());
            assertRowsOnEveryPartition();
            await().atMost(Duration.ofMinutes(1))
                    .until(
                            () ->
                                    detector.metrics()
                                                    .count(
                                                            ProcessorMetrics.REPORTS,
                                                            "outcome",
                                                            "late_revision")
                                            == 1);
            List<Signal> week = awaitStableWeek(detector, SignalStatus.FINAL);
            List<Signal> revisions = week.subList(before, week.size());

            assertThat(revisions)
                    .isNotEmpty()
                    .allSatisfy(
                            s -> {
                                assertThat(s.getStatus())
                                        .isIn(SignalStatus.FINAL, SignalStatus.RETRACTED);
                                assertThat(s.getCaveats())
                                        .extracting(Caveat::getCode)
                                        .contains("LATE_DATA_REVISION");
                            });
            assertWholeReport(restingOnTheReport(revisions));
            assertThat(count(detector.topics().lateEvents().name())).isZero();
            assertThat(detector.metrics().sum(ProcessorMetrics.LATE)).isZero();
            assertThat(log.warnings())
                    .anySatisfy(w -> assertThat(w).contains(REPORT).contains("arrived after"))
                    .anySatisfy(
                            w ->
                                    assertThat(w)
                                            .contains(REPORT)
                                            .contains("revises the FINAL week as a whole"));
        }
    }

    /**
     * The waiting is state, not memory: a detector stopped with 10 of the 14 rows in, its local
     * state wiped, restores the held report from the changelogs and counts it whole when the rest
     * arrive.
     */
    @Test
    void aReportHeldWhenTheDetectorStopsIsCountedWholeAfterARestart() throws Exception {
        String prefix = "restart.";
        createTopics(prefix);
        List<FundFlow> rows = ethFirstBtcLast();
        List<SpecificRecord> before = new ArrayList<>(markets("2026-01-25"));
        before.addAll(rows.subList(0, 10));
        try (DetectorService detector = detector(prefix)) {
            publish(prefix, before);
            await().atMost(Duration.ofMinutes(1))
                    .until(
                            () ->
                                    detector.metrics().sum(ProcessorMetrics.CONSUMED)
                                            >= before.size());
            awaitStableWeek(detector, SignalStatus.PROVISIONAL);
            assertThat(restingOnTheReport(week(detector))).isEmpty();
        }
        deleteRecursively(dir.resolve("streams-" + prefix));

        publish(prefix, rows.subList(10, rows.size()));
        try (DetectorService restarted = detector(prefix)) {
            await().atMost(Duration.ofMinutes(1))
                    .until(
                            () ->
                                    restarted
                                                    .metrics()
                                                    .count(
                                                            ProcessorMetrics.REPORTS,
                                                            "outcome",
                                                            "complete")
                                            == 1);
            List<Signal> fromTheReport =
                    restingOnTheReport(awaitStableWeek(restarted, SignalStatus.PROVISIONAL));
            assertThat(fromTheReport)
                    .isNotEmpty()
                    .allSatisfy(
                            s -> {
                                assertThat(s.getStatus()).isEqualTo(SignalStatus.PROVISIONAL);
                                assertThat(s.getRevision()).isEqualTo(1);
                                assertThat(s.getCaveats())
                                        .extracting(Caveat::getCode)
                                        .doesNotContain("REPORT_INCOMPLETE");
                            });
            assertWholeReport(fromTheReport);
        }
    }

    private static void deleteRecursively(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The rotation names both legs of the outflow and the concentration both assets. */
    private static void assertWholeReport(List<Signal> fromTheReport) {
        assertThat(fromTheReport)
                .filteredOn(s -> s.getType() == SignalType.ROTATION_TO_HIGH_BETA)
                .isNotEmpty()
                .allSatisfy(
                        s ->
                                assertThat(s.getMagnitude().getLeavingUsd())
                                        .isEqualTo(1_720_000_000d));
        assertThat(fromTheReport)
                .filteredOn(s -> s.getType() == SignalType.CONCENTRATED_OUTFLOW)
                .extracting(s -> s.getSubjects().toString())
                .contains("[asset:BTC, asset:ETH]")
                .doesNotContain("[asset:ETH]");
    }

    /**
     * The figures a signal takes from the report: its coinshares evidence, by metric and subject.
     */
    private static Map<String, Double> reportFigures(Signal signal) {
        Map<String, Double> figures = new TreeMap<>();
        signal.getEvidence().stream()
                .filter(e -> "coinshares".equals(e.getSource()))
                .forEach(e -> figures.put(e.getMetric() + " " + e.getSubject(), e.getValue()));
        return figures;
    }

    private static Signal finalOf(Signal provisional, List<Signal> signals) {
        return signals.stream()
                .filter(s -> s.getStatus() == SignalStatus.FINAL)
                .filter(s -> s.getSignalId().equals(provisional.getSignalId()))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no FINAL reading for " + provisional.getSignalId()));
    }

    private static List<Signal> restingOnTheReport(List<Signal> signals) {
        return signals.stream().filter(s -> s.getSources().contains("coinshares")).toList();
    }

    /** ETH first, BTC last. */
    private static List<FundFlow> ethFirstBtcLast() {
        List<FundFlow> rows = new ArrayList<>(ReportFixtures.seedWeekReport());
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

    /**
     * Daily closes from 12 Jan to the given date of one instrument per input partition (so every
     * stage-1 task's clock moves on), BTC and ETH among them, and the seed week's metals.
     */
    private static List<SpecificRecord> markets(String toInclusive) {
        Map<Integer, String> byPartition = new HashMap<>();
        for (String i :
                List.of(
                        "BTC-USD",
                        "ETH-USD",
                        "SOL-USD",
                        "XRP-USD",
                        "ADA-USD",
                        "DOT-USD",
                        "AVAX-USD",
                        "LINK-USD")) {
            byPartition.putIfAbsent(partition(i), i);
        }
        byPartition.put(partition("BTC-USD"), "BTC-USD");
        byPartition.put(partition("ETH-USD"), "ETH-USD");
        assertThat(byPartition).as("an instrument on every partition").hasSize(PARTITIONS);
        List<SpecificRecord> out = new ArrayList<>();
        LocalDate end = LocalDate.parse(toInclusive);
        for (LocalDate day = LocalDate.parse("2026-01-12");
                !day.isAfter(end);
                day = day.plusDays(1)) {
            double[] c = ReportFixtures.close(day.toString());
            for (String instrument : byPartition.values()) {
                double close =
                        instrument.equals("BTC-USD")
                                ? c[0]
                                : instrument.equals("ETH-USD") ? c[1] : 10;
                out.add(Events.dailyClose(instrument, day.toString(), close, close));
            }
            if (day.toString().equals("2026-01-16")) {
                out.add(Events.metal(dev.rotation.model.Metal.XAU, "2026-01-16", 4611.05));
                out.add(Events.metal(dev.rotation.model.Metal.XAG, "2026-01-16", 90.00));
            }
            if (day.toString().equals("2026-01-23")) {
                out.add(Events.metal(dev.rotation.model.Metal.XAU, "2026-01-23", 4986.00));
                out.add(Events.metal(dev.rotation.model.Metal.XAG, "2026-01-23", 100.94));
            }
        }
        return out;
    }

    /** The input partition the default partitioner gives a key. */
    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static void assertRowsOnEveryPartition() {
        Set<Integer> partitions = new TreeSet<>();
        for (FundFlow f : ReportFixtures.seedWeekReport()) {
            partitions.add(partition(InputEventType.FLOWS.key(f)));
        }
        assertThat(partitions).as("the report's keys land on every partition").hasSize(PARTITIONS);
    }

    private void createTopics(String prefix) {
        try (SchemaRegistryClient registry = connection.newRegistryClient()) {
            TopicSetup.ensureTopics(
                    connection,
                    Topics.create(registry, connection.serdeConfig(), prefix),
                    PARTITIONS);
        }
    }

    private void publish(String prefix, List<? extends SpecificRecord> events) {
        try (SchemaRegistryClient registry = connection.newRegistryClient();
                EventPublisher publisher =
                        new EventPublisher(connection, registry, prefix, Map.of())) {
            publisher.publishAll(events);
            assertThat(publisher.summary().allDelivered()).isTrue();
        }
    }

    /** One row at a time, each delivered before the next is sent, well apart in time. */
    private void publishRowByRow(String prefix, List<FundFlow> rows) throws InterruptedException {
        try (SchemaRegistryClient registry = connection.newRegistryClient();
                EventPublisher publisher =
                        new EventPublisher(connection, registry, prefix, Map.of())) {
            for (FundFlow row : rows) {
                publisher.publish(row);
                assertThat(publisher.summary().allDelivered()).isTrue();
                Thread.sleep(300);
            }
        }
    }

    private DetectorService detector(String prefix) {
        Properties p = new Properties();
        p.setProperty("application.id", "late-report-it-" + prefix.replace(".", ""));
        p.setProperty("topics.prefix", prefix);
        p.setProperty("topics.input.partitions", Integer.toString(PARTITIONS));
        p.setProperty("state.dir", dir.resolve("streams-" + prefix).toString());
        p.setProperty("http.port", "0");
        p.setProperty("window.idle.timeout", "PT5S");
        return new DetectorService(ProcessorConfig.load(null, Map.of(), p), connection).start();
    }

    /**
     * Every committed signal record of the seed week, in commit order per signal, once the week has
     * one of the given status and nothing new has been committed for a few seconds.
     */
    private List<Signal> awaitStableWeek(DetectorService d, SignalStatus status) {
        List<List<Signal>> last = new ArrayList<>(List.of(List.of()));
        await().atMost(Duration.ofMinutes(2))
                .pollDelay(Duration.ofSeconds(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> {
                            List<Signal> now = week(d);
                            boolean same =
                                    now.size() == last.get(0).size()
                                            && now.stream().anyMatch(s -> s.getStatus() == status);
                            last.set(0, now);
                            return same;
                        });
        return last.get(0);
    }

    private List<Signal> week(DetectorService d) {
        try (SchemaRegistryClient registry = connection.newRegistryClient()) {
            return CommittedSignals.read(
                            connection,
                            registry,
                            d.topics().signals().stream().map(t -> t.name()).toList(),
                            Duration.ofSeconds(30))
                    .stream()
                    .map(CommittedSignals.Committed::signal)
                    .filter(s -> s.getWindowStart().toEpochMilli() == WEEK)
                    .sorted(
                            Comparator.comparing((Signal s) -> s.getEmittedAt())
                                    .thenComparing(Signal::getRevision))
                    .toList();
        }
    }

    private long count(String topic) {
        return CommittedSignals.count(connection, List.of(topic), Duration.ofSeconds(30));
    }
}
