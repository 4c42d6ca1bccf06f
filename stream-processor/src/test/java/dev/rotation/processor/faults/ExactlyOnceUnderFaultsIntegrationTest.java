package dev.rotation.processor.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.TopicSettings;
import dev.rotation.model.topics.Topics;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.faults.CommittedSignals.Committed;
import dev.rotation.processor.faults.CommittedSignals.FinalSignal;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.service.DetectorService;
import dev.rotation.processor.service.TopicSetup;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.Pacer;
import dev.rotation.producers.publish.PublishSummary;
import dev.rotation.producers.sample.SampleData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processing is exactly-once (docs/operations.md); a crash or a broker restart mid-stream produces
 * no duplicate and no lost signal. The bundled sample is run once undisturbed (the baseline); each
 * fault run must then commit the same FINAL signals, each as often as the baseline did, and never
 * the same (signalId, revision) twice. What counts is what a read_committed consumer sees.
 *
 * <p>Every run has its own topics (prefix), application id and state directory on one embedded
 * platform; the settings are identical across runs except for those names.
 */
@Tag("integration")
@Tag("fault")
@Timeout(value = 360, unit = TimeUnit.SECONDS)
class ExactlyOnceUnderFaultsIntegrationTest {
    private static final Logger LOG =
            LoggerFactory.getLogger(ExactlyOnceUnderFaultsIntegrationTest.class);

    /** Short, so that the last windows close soon after the input stops (same in every run). */
    private static final String IDLE_TIMEOUT = "PT20S";

    /**
     * Output must stay unchanged this long once the input is consumed: idle timeout + punctuation +
     * commit.
     */
    private static final Duration QUIET = Duration.ofSeconds(6);

    private static final int INPUT_PARTITIONS = 3;

    private static final Path WORK =
            Path.of("target", "fault-tests", "run-" + UUID.randomUUID().toString().substring(0, 8));
    private static LocalPlatform platform;
    private static ConnectionSettings connection;
    private static SchemaRegistryClient registry;
    private static List<SpecificRecord> sample;
    private static List<Committed> baselineRecords;
    private static Map<FinalSignal, Long> baseline;
    private static String baselineRejected;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void startPlatformAndRunBaseline() throws Exception {
        platform = LocalPlatform.startForTests(WORK.resolve("platform"));
        connection = platform.connectionSettings();
        registry = connection.newRegistryClient();
        sample = SampleData.load();

        Run run = Run.create("baseline");
        PublishSummary published;
        try (EventPublisher publisher =
                new EventPublisher(connection, registry, run.prefix(), Map.of())) {
            publisher.publishAll(sample);
            published = publisher.summary();
        }
        assertThat(published.allDelivered()).as(published.describe()).isTrue();
        try (DetectorService detector = new DetectorService(run.config(), connection).start()) {
            awaitConsumed(run, detector, sample.size(), Duration.ofSeconds(60));
            assertThat(detector.metrics().sum(ProcessorMetrics.CONSUMED)).isEqualTo(sample.size());
            awaitSettled(run, Duration.ofSeconds(60));
        }
        baselineRecords = run.committedSignals();
        assertThat(CommittedSignals.duplicateRevisions(baselineRecords)).isEmpty();
        baseline = CommittedSignals.finals(baselineRecords);
        baselineRejected = run.rejected();
        LOG.info(
                "Baseline: {} committed signal records, {} FINAL signals, {}",
                baselineRecords.size(),
                baseline.values().stream().mapToLong(Long::longValue).sum(),
                baselineRejected);
        assertThat(baseline).as("the sample yields FINAL signals").isNotEmpty();
    }

    @AfterAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    static void stopPlatform() {
        if (registry != null) {
            registry.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /**
     * The processor in its own JVM is SIGKILLed four times while the sample streams in, and
     * restarted each time on the same application id; the third restart starts from an empty state
     * directory, so its state comes back from the changelogs.
     */
    @Test
    void processorKilledRepeatedlyMidStreamCommitsTheSameFinalSignals() throws Exception {
        Run run = Run.create("kill");
        Map<String, String> settings = new LinkedHashMap<>(run.settings());
        // static membership: a restarted instance takes its predecessor's place at once instead of
        // waiting for the killed member's session to time out (45 s by default)
        settings.put("streams.group.instance.id", run.applicationId() + "-child");
        int[] killAfterConsumed = {150, 60, 120, 40};
        ExecutorService executor = Executors.newSingleThreadExecutor();
        AtomicInteger published = new AtomicInteger();
        List<String> kills = new ArrayList<>();
        try {
            // ~55 s of input at 25 events/s: every kill and restart (~10 s each) happens while it
            // still flows
            Future<PublishSummary> publishing =
                    executor.submit(() -> publishPaced(run, 25, published));
            for (int life = 0; life < killAfterConsumed.length; life++) {
                if (life == 2) {
                    deleteTree(run.stateDir());
                }
                try (ChildProcessor child = startChild(run, settings, "life-" + (life + 1))) {
                    int threshold = killAfterConsumed[life];
                    await(child.name() + " consumes " + threshold)
                            .atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(50))
                            .until(
                                    () -> {
                                        double consumed = child.consumed();
                                        return consumed >= threshold
                                                || (publishing.isDone() && consumed >= 1);
                                    });
                    double consumed = child.consumed();
                    child.kill();
                    String kill =
                            String.format(
                                    "%s (pid %d%s) killed after consuming %.0f; published %d; "
                                            + "input committed %d; committed signal records %d",
                                    child.name(),
                                    child.pid(),
                                    life == 2 ? ", empty state dir" : "",
                                    consumed,
                                    published.get(),
                                    committedInput(run),
                                    run.committedSignals().size());
                    kills.add(kill);
                    LOG.info("Kill: {}", kill);
                }
            }
            try (ChildProcessor child = startChild(run, settings, "final")) {
                await("publishing").atMost(Duration.ofSeconds(60)).until(publishing::isDone);
                PublishSummary summary = publishing.get();
                assertThat(summary.allDelivered()).as(summary.describe()).isTrue();
                awaitSettled(run, Duration.ofSeconds(90));
                assertThat(child.alive()).as(child.name() + " still runs").isTrue();
                assertSameFinalSignalsAsBaseline(run);
            }
        } finally {
            executor.shutdownNow();
            LOG.info("Kills:\n  {}", String.join("\n  ", kills));
        }
        assertThat(kills).hasSize(killAfterConsumed.length);
    }

    /**
     * The broker is stopped and started again (same ports, same data) while the in-process
     * processor runs and the sample is still being published; the processor must recover on its
     * own.
     */
    @Test
    void brokerRestartedMidStreamCommitsTheSameFinalSignals() throws Exception {
        Run run = Run.create("broker");
        // The input is in the topics before the processor starts, so what is disturbed is the
        // processing (fetches, transactions, commits) and not the input's arrival order. With
        // input still being published, per-partition batches resume at different moments after
        // the restart; at this replay speed (months of event time a minute) that turns weekly
        // reports into late events, which is correct event-time behaviour but another test.
        PublishSummary summary = publishPaced(run, 100_000, new AtomicInteger());
        assertThat(summary.allDelivered()).as(summary.describe()).isTrue();
        try (DetectorService detector = new DetectorService(run.config(), connection).start()) {
            int restartAt = sample.size() * 3 / 10;
            awaitConsumed(run, detector, restartAt, Duration.ofSeconds(60));
            double before = detector.metrics().sum(ProcessorMetrics.CONSUMED);
            LOG.info("Restarting the broker: consumed {}", before);
            platform.broker().restart();
            LOG.info(
                    "Broker back: consumed {}, streams {}",
                    detector.metrics().sum(ProcessorMetrics.CONSUMED),
                    detector.state());
            assertThat(before).as("restarted mid-stream").isLessThan(sample.size());
            awaitSettled(run, Duration.ofSeconds(90));
            assertThat(detector.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertSameFinalSignalsAsBaseline(run);
        }
    }

    private static void assertSameFinalSignalsAsBaseline(Run run) {
        List<Committed> committed = run.committedSignals();
        Map<FinalSignal, Long> finals = CommittedSignals.finals(committed);
        LOG.info(
                "{}: {} committed signal records, {} FINAL signals, {}",
                run.name(),
                committed.size(),
                finals.values().stream().mapToLong(Long::longValue).sum(),
                run.rejected());
        String difference = CommittedSignals.difference(baseline, finals);
        if (!difference.isEmpty()) {
            Set<String> ids = new TreeSet<>();
            baseline.keySet().stream()
                    .filter(f -> !baseline.get(f).equals(finals.get(f)))
                    .forEach(f -> ids.add(f.signalId()));
            finals.keySet().stream()
                    .filter(f -> !finals.get(f).equals(baseline.get(f)))
                    .forEach(f -> ids.add(f.signalId()));
            Set<String> neverEmitted = new TreeSet<>(ids);
            committed.forEach(c -> neverEmitted.remove(c.signal().getSignalId()));
            LOG.error(
                    "FINAL signals of {} differ from the baseline ({}; baseline {}):\n{}\nno record at all in {}: {}\n"
                            + "baseline history:\n{}{} history:\n{}",
                    run.name(),
                    run.rejected(),
                    baselineRejected,
                    difference,
                    run.name(),
                    neverEmitted,
                    CommittedSignals.history(baselineRecords, ids),
                    run.name(),
                    CommittedSignals.history(committed, ids));
        }
        assertThat(CommittedSignals.duplicateRevisions(committed))
                .as("(signalId, revision) committed more than once")
                .isEmpty();
        assertThat(difference)
                .as(
                        "FINAL signals of %s against the undisturbed run (lost: expected > committed, duplicated: committed > expected)",
                        run.name())
                .isEmpty();
    }

    // ---- runs, input and progress --------------------------------------------------------------

    /** One isolated run: its own topics, application id and state directory. */
    record Run(String name, String applicationId, String prefix, Path dir, Topics topics) {
        static Run create(String name) {
            String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            Topics topics = Topics.create(registry, connection.serdeConfig(), id + "-");
            // The sample's records carry their event time (Nov 2025 - Mar 2026); a time retention
            // would delete them unread, so the product's topics keep everything (retention -1)
            TopicSetup.ensure(
                    connection.kafkaClientConfig(),
                    topics,
                    new TopicSettings(
                            INPUT_PARTITIONS,
                            Optional.of((short) 1),
                            TopicSettings.KEEP_EVERYTHING));
            return new Run(name, "rd-" + id, id + "-", WORK.resolve(id).toAbsolutePath(), topics);
        }

        Path stateDir() {
            return dir.resolve("state");
        }

        /** The processor settings of this run, as flags or properties. */
        Map<String, String> settings() {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("application.id", applicationId);
            s.put("state.dir", stateDir().toString());
            s.put("topics.prefix", prefix);
            s.put("topics.input.partitions", Integer.toString(INPUT_PARTITIONS));
            s.put("window.idle.timeout", IDLE_TIMEOUT);
            // the replay runs five months of event time in about a minute, so the default grace
            // (3 days) is about a second of wall time: one producer burst after the broker comes
            // back would make a weekly report late. Scale grace to the replay, in every run alike.
            s.put("window.grace", "P21D");
            // internal topics (changelogs, repartition) hold event-time stamped records too
            s.put("streams.topic.retention.ms", "-1");
            s.put("http.bind", "127.0.0.1");
            s.put("http.port", "0");
            return s;
        }

        ProcessorConfig config() {
            Properties p = new Properties();
            p.putAll(settings());
            return ProcessorConfig.load(null, Map.of(), p);
        }

        List<String> signalTopics() {
            return topics.signals().stream().map(Topic::name).toList();
        }

        List<String> outputTopics() {
            List<String> out = new ArrayList<>(signalTopics());
            out.add(topics.alerts().name());
            return out;
        }

        List<String> sourceTopics() {
            List<String> in = new ArrayList<>(topics.inputs().stream().map(Topic::name).toList());
            in.add(applicationId + "-snapshot-updates-repartition");
            return in;
        }

        /** Records the run set aside, by topic: late events and dead letters. */
        String rejected() {
            return "late events "
                    + CommittedSignals.count(
                            connection, List.of(topics.lateEvents().name()), Duration.ofSeconds(30))
                    + ", dead letters "
                    + CommittedSignals.count(
                            connection,
                            List.of(topics.deadLetter().name()),
                            Duration.ofSeconds(30));
        }

        List<Committed> committedSignals() {
            return CommittedSignals.read(
                    connection, registry, signalTopics(), Duration.ofSeconds(60));
        }
    }

    private static ChildProcessor startChild(Run run, Map<String, String> settings, String life)
            throws IOException {
        ChildProcessor child =
                ChildProcessor.start(
                        life,
                        run.dir().resolve(life + ".log"),
                        ChildProcessor.snapshotClasspath(WORK.resolve("classpath")),
                        platform.bootstrapServers(),
                        platform.registryUrl(),
                        settings);
        try {
            return child.awaitEndpoints(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            try {
                child.kill();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    /**
     * Publishes the sample in event-time order at a steady rate (a live feed rather than a dump).
     */
    private static PublishSummary publishPaced(
            Run run, double eventsPerSecond, AtomicInteger published) {
        try (EventPublisher publisher =
                new EventPublisher(connection, registry, run.prefix(), Map.of())) {
            Pacer pacer = new Pacer(eventsPerSecond);
            for (SpecificRecord event : sample) {
                pacer.acquire();
                publisher.publish(event);
                published.incrementAndGet();
            }
            return publisher.summary();
        }
    }

    private static void awaitConsumed(
            Run run, DetectorService detector, int records, Duration atMost) {
        try {
            await(run.name() + " consumes " + records)
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> detector.metrics().sum(ProcessorMetrics.CONSUMED) >= records);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    run.name()
                            + " consumed "
                            + detector.metrics().sum(ProcessorMetrics.CONSUMED)
                            + " of "
                            + records
                            + " within "
                            + atMost
                            + " (streams "
                            + detector.state()
                            + "): "
                            + progress(run).lagging(),
                    e);
        }
    }

    private record Progress(
            boolean caughtUp, Map<TopicPartition, Long> outputEnds, String lagging) {}

    /**
     * Waits until the application has committed every input record and the output has then stayed
     * unchanged (and free of open transactions) for {@link #QUIET}.
     */
    private static void awaitSettled(Run run, Duration atMost) {
        AtomicLong since = new AtomicLong(System.nanoTime());
        AtomicReference<Progress> last =
                new AtomicReference<>(new Progress(false, Map.of(), "not polled yet"));
        try {
            await(run.name() + " settled")
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> {
                                Progress p = progress(run);
                                Progress before = last.getAndSet(p);
                                if (!p.caughtUp() || !p.outputEnds().equals(before.outputEnds())) {
                                    since.set(System.nanoTime());
                                    return false;
                                }
                                return System.nanoTime() - since.get() >= QUIET.toNanos();
                            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    run.name() + " did not settle within " + atMost + ": " + last.get().lagging(),
                    e);
        }
    }

    private static Progress progress(Run run) {
        try {
            Admin admin = platform.admin();
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(run.applicationId())
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS);
            List<TopicPartition> sources = partitions(admin, run.sourceTopics());
            List<TopicPartition> outputs = partitions(admin, run.outputTopics());
            Map<TopicPartition, Long> sourceEnds =
                    ends(admin, sources, IsolationLevel.READ_UNCOMMITTED);
            Map<TopicPartition, Long> outputEnds =
                    ends(admin, outputs, IsolationLevel.READ_UNCOMMITTED);
            Map<TopicPartition, Long> outputStable =
                    ends(admin, outputs, IsolationLevel.READ_COMMITTED);
            List<String> lagging = new ArrayList<>();
            for (TopicPartition tp : sources) {
                OffsetAndMetadata c = committed.get(tp);
                long at = c == null ? 0 : c.offset();
                if (at < sourceEnds.get(tp)) {
                    lagging.add(tp + " committed " + at + " of " + sourceEnds.get(tp));
                }
            }
            for (TopicPartition tp : outputs) {
                if (!outputStable.get(tp).equals(outputEnds.get(tp))) {
                    lagging.add(
                            tp
                                    + " open transaction: stable "
                                    + outputStable.get(tp)
                                    + " of "
                                    + outputEnds.get(tp));
                }
            }
            return new Progress(lagging.isEmpty(), outputEnds, String.join("; ", lagging));
        } catch (Exception e) {
            return new Progress(false, Map.of(), e.toString());
        }
    }

    private static List<TopicPartition> partitions(Admin admin, List<String> topics)
            throws Exception {
        return admin
                .describeTopics(topics)
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .values()
                .stream()
                .flatMap(
                        d ->
                                d.partitions().stream()
                                        .map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
    }

    private static Map<TopicPartition, Long> ends(
            Admin admin, List<TopicPartition> partitions, IsolationLevel level) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(level))
                .all()
                .get(10, TimeUnit.SECONDS)
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** Input records the application has committed, over all input partitions. */
    private static long committedInput(Run run) {
        try {
            List<String> inputs = run.topics().inputs().stream().map(Topic::name).toList();
            return platform
                    .admin()
                    .listConsumerGroupOffsets(run.applicationId())
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)
                    .entrySet()
                    .stream()
                    .filter(e -> inputs.contains(e.getKey().topic()))
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
