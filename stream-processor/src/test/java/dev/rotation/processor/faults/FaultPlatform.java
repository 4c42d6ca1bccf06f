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
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded platform (broker and registry) for the fault tests, the bundled sample, and an
 * undisturbed baseline run of it to compare each disturbed run with. Test classes share one through
 * {@link Shared}, so that the platform starts and the baseline runs once per test JVM. Every {@link
 * Run} has its own topics (prefix), application id and state directory; the settings are identical
 * across runs except for those names. What counts is what a read_committed consumer sees.
 */
final class FaultPlatform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FaultPlatform.class);

    /** Short, so that the last windows close soon after the input stops (same in every run). */
    static final String IDLE_TIMEOUT = "PT20S";

    /**
     * Output must stay unchanged this long once the input is consumed: idle timeout + punctuation +
     * commit.
     */
    private static final Duration QUIET = Duration.ofSeconds(6);

    static final int INPUT_PARTITIONS = 3;

    final Path work;
    final LocalPlatform platform;
    final ConnectionSettings connection;
    final SchemaRegistryClient registry;
    final List<SpecificRecord> sample;
    private List<Committed> baselineRecords;
    private Map<FinalSignal, Long> baseline;
    private String baselineRejected;

    private FaultPlatform(Path work) throws IOException {
        this.work = work;
        this.platform = LocalPlatform.startForTests(work.resolve("platform"));
        this.connection = platform.connectionSettings();
        this.registry = connection.newRegistryClient();
        this.sample = SampleData.load();
    }

    /**
     * The platform and baseline every test class that registers this extension shares: started
     * before the first such class, closed when the whole test run ends (the root store closes what
     * it holds). {@code @RegisterExtension static final FaultPlatform.Shared RIG = new
     * FaultPlatform.Shared();}, then {@link #get()} in or after {@code @BeforeAll}.
     */
    static final class Shared implements BeforeAllCallback {
        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(FaultPlatform.class);
        private FaultPlatform rig;

        @Override
        public void beforeAll(ExtensionContext context) {
            rig =
                    context.getRoot()
                            .getStore(NAMESPACE)
                            .computeIfAbsent(
                                    "platform",
                                    k -> {
                                        try {
                                            return startWithBaseline("faults");
                                        } catch (Exception e) {
                                            throw new IllegalStateException(
                                                    "the fault tests' platform or baseline failed",
                                                    e);
                                        }
                                    },
                                    FaultPlatform.class);
        }

        FaultPlatform get() {
            return rig;
        }
    }

    /** Starts a platform under target/fault-tests and runs the undisturbed baseline on it. */
    static FaultPlatform startWithBaseline(String name) throws Exception {
        FaultPlatform f =
                new FaultPlatform(
                        Path.of(
                                "target",
                                "fault-tests",
                                name + "-" + UUID.randomUUID().toString().substring(0, 8)));
        try {
            f.runBaseline();
        } catch (Exception | Error e) {
            f.close();
            throw e;
        }
        return f;
    }

    /**
     * The sample published at once, then processed by an in-process detector that nothing disturbs.
     */
    private void runBaseline() {
        Run run = newRun("baseline");
        publishAll(run);
        try (DetectorService detector = new DetectorService(run.config(), connection).start()) {
            awaitConsumed(run, detector, sample.size(), Duration.ofSeconds(90));
            assertThat(detector.metrics().sum(ProcessorMetrics.CONSUMED)).isEqualTo(sample.size());
            awaitSettled(run, Duration.ofSeconds(90));
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

    @Override
    public void close() {
        registry.close();
        platform.close();
    }

    /** How many FINAL signal records the undisturbed run committed. */
    long baselineFinals() {
        return baseline.values().stream().mapToLong(Long::longValue).sum();
    }

    Run newRun(String name) {
        return Run.create(this, name);
    }

    // ---- comparison with the baseline ----------------------------------------------------------

    /**
     * How the run's committed FINAL signals differ from the baseline's, field by field, plus any
     * (signalId, revision) committed twice; empty when they are the same.
     */
    String differenceFromBaseline(Run run) {
        List<Committed> committed = run.committedSignals();
        Map<FinalSignal, Long> finals = CommittedSignals.finals(committed);
        LOG.info(
                "{}: {} committed signal records, {} FINAL signals, {}",
                run.name(),
                committed.size(),
                finals.values().stream().mapToLong(Long::longValue).sum(),
                run.rejected());
        StringBuilder out = new StringBuilder();
        List<String> duplicates = CommittedSignals.duplicateRevisions(committed);
        if (!duplicates.isEmpty()) {
            out.append("(signalId, revision) committed more than once:\n  ")
                    .append(String.join("\n  ", duplicates))
                    .append('\n');
        }
        String difference = CommittedSignals.difference(baseline, finals);
        if (!difference.isEmpty()) {
            Set<String> ids = new TreeSet<>();
            baseline.keySet().stream()
                    .filter(f -> !baseline.get(f).equals(finals.get(f)))
                    .forEach(f -> ids.add(f.signalId()));
            finals.keySet().stream()
                    .filter(f -> !finals.get(f).equals(baseline.get(f)))
                    .forEach(f -> ids.add(f.signalId()));
            out.append(
                    String.format(
                            "FINAL signals of %s differ from the undisturbed run's (%s; baseline %s):%n%s"
                                    + "baseline history:%n%s%s history:%n%s",
                            run.name(),
                            run.rejected(),
                            baselineRejected,
                            difference,
                            CommittedSignals.history(baselineRecords, ids),
                            run.name(),
                            CommittedSignals.history(committed, ids)));
        }
        if (out.length() > 0) {
            LOG.error("{}", out);
        }
        return out.toString();
    }

    // ---- input ---------------------------------------------------------------------------------

    void publishAll(Run run) {
        PublishSummary summary = publishPaced(run, 100_000, new AtomicInteger());
        assertThat(summary.allDelivered()).as(summary.describe()).isTrue();
    }

    /**
     * Publishes the sample in event-time order at a steady rate (a live feed rather than a dump).
     */
    PublishSummary publishPaced(Run run, double eventsPerSecond, AtomicInteger published) {
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

    // ---- processors ----------------------------------------------------------------------------

    /** {@code process} in its own JVM on the run's settings, with its endpoints up. */
    ChildProcessor startChild(Run run, Map<String, String> settings, String life)
            throws IOException {
        ChildProcessor child =
                ChildProcessor.start(
                        life,
                        run.dir().resolve(life + ".log"),
                        ChildProcessor.snapshotClasspath(work.resolve("classpath")),
                        platform.bootstrapServers(),
                        platform.registryUrl(),
                        settings);
        try {
            return child.awaitEndpoints(Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            try {
                child.kill();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    void awaitConsumed(Run run, DetectorService detector, int records, Duration atMost) {
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
    void awaitSettled(Run run, Duration atMost) {
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

    private Progress progress(Run run) {
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

    /**
     * The application's committed offset on each partition it has committed (inputs and
     * repartition).
     */
    Map<TopicPartition, Long> committedOffsets(Run run) {
        try {
            Map<TopicPartition, Long> out = new LinkedHashMap<>();
            platform.admin()
                    .listConsumerGroupOffsets(run.applicationId())
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((tp, o) -> out.put(tp, o.offset()));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot read the committed offsets of " + run.name(), e);
        }
    }

    /** The end offset (read_uncommitted) of every partition of the topics. */
    Map<TopicPartition, Long> endOffsets(List<String> topics) {
        try {
            Admin admin = platform.admin();
            return ends(admin, partitions(admin, topics), IsolationLevel.READ_UNCOMMITTED);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics, e);
        }
    }

    /** Input records the application has committed, over all input partitions. */
    long committedInput(Run run) {
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

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // ---- runs ----------------------------------------------------------------------------------

    /** One isolated run: its own topics, application id and state directory. */
    record Run(
            FaultPlatform on,
            String name,
            String applicationId,
            String prefix,
            Path dir,
            Topics topics) {
        static Run create(FaultPlatform on, String name) {
            String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            Topics topics = Topics.create(on.registry, on.connection.serdeConfig(), id + "-");
            // The sample's records carry their event time (Nov 2025 - Mar 2026); a time retention
            // would delete them unread, so the product's topics keep everything (retention -1)
            TopicSetup.ensure(
                    on.connection.kafkaClientConfig(),
                    topics,
                    new TopicSettings(
                            INPUT_PARTITIONS,
                            Optional.of((short) 1),
                            TopicSettings.KEEP_EVERYTHING));
            return new Run(
                    on, name, "rd-" + id, id + "-", on.work.resolve(id).toAbsolutePath(), topics);
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

        /**
         * The settings of a child JVM that is killed and restarted: static membership, so that a
         * restarted instance takes its predecessor's place at once instead of waiting for the
         * killed member's session to time out (45 s by default).
         */
        Map<String, String> childSettings() {
            Map<String, String> s = new LinkedHashMap<>(settings());
            s.put("streams.group.instance.id", applicationId + "-child");
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
                            on.connection,
                            List.of(topics.lateEvents().name()),
                            Duration.ofSeconds(30))
                    + ", dead letters "
                    + CommittedSignals.count(
                            on.connection,
                            List.of(topics.deadLetter().name()),
                            Duration.ofSeconds(30));
        }

        List<Committed> committedSignals() {
            return CommittedSignals.read(
                    on.connection, on.registry, signalTopics(), Duration.ofSeconds(60));
        }
    }
}
