package dev.rotation.benchmarks;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.TopicSettings;
import dev.rotation.model.topics.Topics;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.service.DetectorService;
import dev.rotation.processor.service.TopicSetup;
import dev.rotation.processor.topology.RotationTopology;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.PublishSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;

/** What every measurement shares: pre-loading topics, configuring and timing a processor run. */
final class Pipeline {
    private Pipeline() {}

    /**
     * Creates the input (and output) topics under {@code prefix} and publishes the events; returns
     * how many were acknowledged.
     */
    static long preload(
            ConnectionSettings connection,
            String prefix,
            int partitions,
            Iterable<SpecificRecord> events) {
        try (SchemaRegistryClient registry = connection.newRegistryClient()) {
            Topics topics = Topics.create(registry, connection.serdeConfig(), prefix);
            createKeptForever(
                    connection, topics.inputs().stream().map(Topic::name).toList(), partitions);
            TopicSetup.ensure(
                    connection.kafkaClientConfig(),
                    topics,
                    new TopicSettings(
                            partitions, Optional.of((short) 1), TopicSettings.KEEP_EVERYTHING));
            try (EventPublisher publisher =
                    new EventPublisher(connection, registry, prefix, Map.of())) {
                publisher.publishAll(events);
                PublishSummary summary = publisher.summary();
                if (!summary.allDelivered()) {
                    throw new IllegalStateException("pre-load lost events: " + summary.describe());
                }
                return summary.sent();
            }
        }
    }

    /**
     * The simulator's events are stamped in 2025: under the broker's default retention (7 days)
     * their segments would be deleted within minutes of being written, in the middle of a run.
     */
    static void createKeptForever(
            ConnectionSettings connection, List<String> names, int partitions) {
        List<NewTopic> topics =
                names.stream()
                        .map(
                                n ->
                                        new NewTopic(n, partitions, (short) 1)
                                                .configs(
                                                        Map.of(
                                                                "retention.ms",
                                                                "-1",
                                                                "retention.bytes",
                                                                "-1")))
                        .toList();
        try (Admin admin = Admin.create(connection.kafkaClientConfig())) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create " + names + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("cannot create " + names + ": " + e, e);
        }
    }

    /**
     * The detector's configuration for one run: its own application id and state dir, HTTP on a
     * free port.
     */
    static ProcessorConfig detectorConfig(
            Path stateDir,
            String appId,
            String prefix,
            Integer partitions,
            String guarantee,
            int threads,
            HarnessOptions options) {
        Long commitIntervalMs = options.commitIntervalMs();
        Properties o = new Properties();
        o.setProperty("application.id", appId);
        o.setProperty("state.dir", stateDir.toString());
        o.setProperty("http.port", "0");
        o.setProperty("topics.prefix", prefix);
        if (partitions != null) {
            o.setProperty("topics.input.partitions", Integer.toString(partitions));
        }
        o.setProperty("processing.guarantee", guarantee);
        o.setProperty("num.stream.threads", Integer.toString(threads));
        if (commitIntervalMs != null) {
            o.setProperty("commit.interval.ms", Long.toString(commitIntervalMs));
        }
        // --set: any processor setting, checked by the configuration like a -D one
        options.settings().forEach(o::setProperty);
        return ProcessorConfig.load(null, System.getenv(), o);
    }

    /** A timed run of the detector over pre-loaded topics. */
    record DetectorRun(
            long events,
            double secondsToConsume,
            double secondsToDrain,
            long stateBytes,
            String guarantee,
            long commitIntervalMs,
            int threads) {
        double eventsPerSecond() {
            return events / secondsToConsume;
        }

        double drainedEventsPerSecond() {
            return Double.isNaN(secondsToDrain) ? Double.NaN : events / secondsToDrain;
        }
    }

    /**
     * Starts the detector, times it from {@code start()} until its consumed counter reaches {@code
     * events}, then until stage 2 has processed every update stage 1 sent (the thread-level {@code
     * process-total} of Kafka Streams reaching the input plus {@code rd.updates.sent}, with no
     * further batch sent within an update interval plus a commit interval), closes it and measures
     * its state directory on disk.
     */
    static DetectorRun runDetector(
            ConnectionSettings connection, ProcessorConfig config, long events, Duration timeout) {
        return runDetectors(connection, List.of(config), events, timeout).run();
    }

    /** A timed run of several instances, and which one held the stage-2 (snapshot) task. */
    record GroupRun(DetectorRun run, int snapshotInstance) {}

    /**
     * {@link #runDetector} for several instances of one application (same application id, their own
     * state dirs), started together: counters and {@code process-total} are summed over the
     * instances, the state size too. The instance holding the stage-2 task (the second
     * sub-topology) is read from Kafka Streams' task metadata once all input is consumed (-1 when
     * none does, e.g. during a rebalance).
     */
    static GroupRun runDetectors(
            ConnectionSettings connection,
            List<ProcessorConfig> configs,
            long events,
            Duration timeout) {
        List<DetectorService> detectors = new java.util.ArrayList<>();
        for (ProcessorConfig c : configs) {
            detectors.add(new DetectorService(c, connection));
        }
        ProcessorConfig config = configs.get(0);
        long t0 = System.nanoTime();
        double consumed;
        double drained = Double.NaN;
        int snapshotInstance = -1;
        try {
            detectors.forEach(DetectorService::start);
            java.util.function.DoubleSupplier consumedTotal =
                    () ->
                            detectors.stream()
                                    .mapToDouble(d -> d.metrics().sum(ProcessorMetrics.CONSUMED))
                                    .sum();
            java.util.function.DoubleSupplier sentTotal =
                    () ->
                            detectors.stream()
                                    .mapToDouble(
                                            d -> d.metrics().sum(ProcessorMetrics.UPDATES_SENT))
                                    .sum();
            long[] lastReport = {System.nanoTime()};
            if (!waitFor(
                    () -> {
                        double n = consumedTotal.getAsDouble();
                        if (System.nanoTime() - lastReport[0] > 10_000_000_000L) {
                            lastReport[0] = System.nanoTime();
                            System.err.printf(
                                    "  ... %s: consumed %,.0f of %,d, dead-lettered %,.0f, late %,.0f, state %s%n",
                                    config.applicationId(),
                                    n,
                                    events,
                                    detectors.stream()
                                            .mapToDouble(
                                                    d ->
                                                            d.metrics()
                                                                    .sum(
                                                                            ProcessorMetrics
                                                                                    .DEAD_LETTERED))
                                            .sum(),
                                    detectors.stream()
                                            .mapToDouble(
                                                    d -> d.metrics().sum(ProcessorMetrics.LATE))
                                            .sum(),
                                    detectors.stream().map(DetectorService::state).toList());
                        }
                        return n >= events;
                    },
                    timeout)) {
                throw new IllegalStateException(
                        "detector consumed only "
                                + (long) consumedTotal.getAsDouble()
                                + " of "
                                + events
                                + " events within "
                                + timeout);
            }
            consumed = seconds(t0);
            List<java.util.function.DoubleSupplier> totals =
                    detectors.stream().map(d -> processTotal(d.streams())).toList();
            java.util.function.DoubleSupplier processed =
                    () ->
                            totals.stream()
                                    .mapToDouble(java.util.function.DoubleSupplier::getAsDouble)
                                    .sum();
            // stage 2 has processed every update stage 1 sent; confirmed once no batch is still
            // due.
            // Without the repartition topic (one input partition) stage 2 takes the updates inside
            // stage 1's task: process-total then counts the input records only.
            boolean repartitioned =
                    RotationTopology.Settings.of(config, config.inputPartitions())
                            .repartitionsUpdates();
            long settleNanos =
                    config.updateInterval().toNanos()
                            + Duration.ofMillis(config.commitIntervalMs()).toNanos();
            while (Double.isNaN(drained)
                    && waitFor(
                            () ->
                                    processed.getAsDouble()
                                            >= events
                                                    + (repartitioned ? sentTotal.getAsDouble() : 0),
                            timeout)) {
                double at = seconds(t0);
                double sent = sentTotal.getAsDouble();
                java.util.concurrent.locks.LockSupport.parkNanos(settleNanos);
                if (sentTotal.getAsDouble() == sent) {
                    drained = at;
                }
            }
            for (int i = 0; i < detectors.size(); i++) {
                if (holdsSnapshotTask(detectors.get(i).streams())) {
                    snapshotInstance = i;
                }
            }
        } finally {
            detectors.forEach(d -> d.close(Duration.ofSeconds(30)));
        }
        long stateBytes = configs.stream().mapToLong(c -> directorySize(c.stateDir())).sum();
        return new GroupRun(
                new DetectorRun(
                        events,
                        consumed,
                        drained,
                        stateBytes,
                        config.processingGuarantee(),
                        config.commitIntervalMs(),
                        config.streamThreads()),
                snapshotInstance);
    }

    /** Whether one of the client's threads runs a task of the second sub-topology (stage 2). */
    private static boolean holdsSnapshotTask(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream()
                .flatMap(t -> t.activeTasks().stream())
                .anyMatch(t -> t.taskId().subtopology() == 1);
    }

    /**
     * Records processed by all stream threads of the client (every task, every sub-topology). The
     * metric objects are looked up once: copying the client's metrics map on every poll would steal
     * measurable CPU from the stream thread on a 2-core machine.
     */
    static java.util.function.DoubleSupplier processTotal(KafkaStreams streams) {
        List<Metric> found = new java.util.ArrayList<>();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            if (n.name().equals("process-total") && n.group().equals("stream-thread-metrics")) {
                found.add(e.getValue());
            }
        }
        return () ->
                found.stream()
                        .mapToDouble(m -> m.metricValue() instanceof Number v ? v.doubleValue() : 0)
                        .sum();
    }

    /** Polling granularity of the timings: 0.05 s, below 1% of any run worth recording. */
    static final long POLL_MS = 50;

    static boolean waitFor(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static long directorySize(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(
                            p -> {
                                try {
                                    return Files.size(p);
                                } catch (IOException e) {
                                    return 0; // a file removed while walking
                                }
                            })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: the folder is under target/
        }
    }

    static List<String> names(Topics topics) {
        return topics.inputs().stream().map(Topic::name).toList();
    }
}
