package dev.rotation.processor.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rotation.model.Breakdown;
import dev.rotation.model.Signal;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.topics.Topics;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.service.DetectorService;
import dev.rotation.processor.topology.Events;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.TopicSetup;
import dev.rotation.producers.sample.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Stage 1 batches its changes (window.update.interval), so a commit can hold accumulator changes
 * whose update has not reached stage 2. A detector stopped in that state must, on restart, re-send
 * them: its signals then match those of a run that sent every change at once. Real broker, real
 * registry, the bundled sample published twice under two topic prefixes.
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PendingUpdatesAfterRestartIntegrationTest {
    private LocalPlatform platform;
    private ConnectionSettings connection;
    private Path dir;
    private long published;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "pending-it");
        platform = LocalPlatform.startForTests(dir.resolve("platform"));
        connection = platform.connectionSettings();
        List<SpecificRecord> sample = new ArrayList<>(SampleData.load());
        // a report for a week after all the sample's data (it ends on 1 Apr 2026): nothing later
        // closes its window
        String report = "pending-it";
        sample.add(
                Events.flow(
                        "coinshares",
                        report,
                        "2026-04-06",
                        "2026-04-10",
                        Breakdown.TOTAL,
                        "ALL",
                        -1_730_000_000d));
        sample.add(
                Events.flow(
                        "coinshares",
                        report,
                        "2026-04-06",
                        "2026-04-10",
                        Breakdown.ASSET,
                        "BTC",
                        -1_090_000_000d));
        sample.add(
                Events.flow(
                        "coinshares",
                        report,
                        "2026-04-06",
                        "2026-04-10",
                        Breakdown.ASSET,
                        "ETH",
                        -630_000_000d));
        sample.add(
                Events.flow(
                        "coinshares",
                        report,
                        "2026-04-06",
                        "2026-04-10",
                        Breakdown.ASSET,
                        "SOL",
                        17_100_000d));
        for (String prefix : List.of("ref.", "held.")) {
            try (SchemaRegistryClient registry = connection.newRegistryClient()) {
                TopicSetup.ensureTopics(
                        connection,
                        Topics.create(registry, connection.serdeConfig(), prefix),
                        TopicSetup.DEFAULT_PARTITIONS);
            }
            try (SchemaRegistryClient registry = connection.newRegistryClient();
                    EventPublisher publisher =
                            new EventPublisher(connection, registry, prefix, Map.of())) {
                publisher.publishAll(sample);
                assertThat(publisher.summary().allDelivered())
                        .as(publisher.summary().describe())
                        .isTrue();
                published = publisher.summary().sent();
            }
        }
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aRestartSendsWhatTheLastCommitHeldBack() {
        // reference: one update per event, nothing ever pending
        Map<String, String> reference;
        try (DetectorService ref = detector("ref", "PT0S")) {
            awaitConsumed(ref);
            reference = awaitStable(ref);
        }
        String lastWeeksRotation =
                "ROTATION_TO_HIGH_BETA|2026-04-06|group:high-beta,group:mainstream";
        assertThat(reference).containsKey(lastWeeksRotation);

        // an update interval longer than the run: only windows that close are ever sent
        Map<String, String> beforeRestart;
        try (DetectorService held = detector("held", "PT1H")) {
            awaitConsumed(held);
            beforeRestart = awaitStable(held);
        } // a clean close commits the accumulators; the open windows' changes are still pending
        assertThat(beforeRestart)
                .as(
                        "the held-back run must be missing the last week's signal, or this test proves nothing")
                .doesNotContainKey(lastWeeksRotation);

        try (DetectorService restarted = detector("held", "PT0.05S")) {
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> restarted.metrics().sum(ProcessorMetrics.UPDATES_SENT) > 0);
            assertThat(restarted.metrics().sum(ProcessorMetrics.CONSUMED))
                    .as("nothing re-consumed")
                    .isZero();
            await().atMost(Duration.ofMinutes(1))
                    .untilAsserted(() -> assertThat(latest(restarted)).isEqualTo(reference));
        }
    }

    /**
     * A SIGKILL can leave a RocksDB store half-created (its CURRENT file names a MANIFEST that was
     * never written); Kafka Streams 4.x then fails inside start(). The detector wipes its local
     * state and restores it from the changelogs instead of refusing to start.
     */
    @Test
    void aStoreLeftHalfWrittenByAHardStopIsWipedAndRestored() throws Exception {
        Map<String, String> before;
        try (DetectorService first = detector("ref", "PT0.05S", "torn")) {
            awaitConsumed(first);
            before = awaitStable(first);
        }
        Path state = dir.resolve("streams-torn");
        List<Path> manifests;
        try (var files = Files.walk(state)) {
            manifests =
                    files.filter(
                                    f ->
                                            f.getFileName().toString().startsWith("MANIFEST-")
                                                    && f.toString().contains("dedupe"))
                            .toList();
        }
        assertThat(manifests).as("dedupe segments on disk under " + state).isNotEmpty();
        for (Path m : manifests) {
            Files.delete(m);
        }

        try (DetectorService restarted = detector("ref", "PT0.05S", "torn")) {
            await().atMost(Duration.ofMinutes(1))
                    .until(
                            () ->
                                    restarted.state()
                                            == org.apache.kafka.streams.KafkaStreams.State.RUNNING);
            assertThat(latest(restarted)).isEqualTo(before);
        }
    }

    private DetectorService detector(String name, String updateInterval) {
        return detector(name, updateInterval, name);
    }

    /**
     * A detector on the topics published under {@code prefix}, with its own application id and
     * state.
     */
    private DetectorService detector(String prefix, String updateInterval, String name) {
        Properties p = new Properties();
        p.setProperty("application.id", "pending-it-" + name);
        p.setProperty("topics.prefix", prefix + ".");
        p.setProperty("state.dir", dir.resolve("streams-" + name).toString());
        p.setProperty("http.port", "0");
        p.setProperty("window.update.interval", updateInterval);
        return new DetectorService(ProcessorConfig.load(null, Map.of(), p), connection).start();
    }

    private void awaitConsumed(DetectorService d) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> d.metrics().sum(ProcessorMetrics.CONSUMED) >= published);
    }

    /** The committed signals once they stop changing (a few commit intervals without news). */
    private Map<String, String> awaitStable(DetectorService d) {
        Map<String, String>[] last = new Map[] {Map.of()};
        await().atMost(Duration.ofMinutes(1))
                .pollDelay(Duration.ofSeconds(1))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            Map<String, String> now = latest(d);
                            boolean same = now.equals(last[0]);
                            last[0] = now;
                            return same;
                        });
        return last[0];
    }

    /**
     * Latest committed status and confidence level of every standing signal (PROVISIONAL or FINAL),
     * by signalId. Retracted ones are left out: which passing readings appear and are retracted
     * while a report's rows arrive depends on how the rows were batched, not on what was concluded.
     */
    private Map<String, String> latest(DetectorService d) {
        Map<String, String> out = new TreeMap<>();
        try (SchemaRegistryClient registry = connection.newRegistryClient()) {
            for (CommittedSignals.Committed c :
                    CommittedSignals.read(
                            connection,
                            registry,
                            d.topics().signals().stream().map(t -> t.name()).toList(),
                            Duration.ofSeconds(30))) {
                Signal s = c.signal();
                out.put(s.getSignalId(), s.getStatus() + " " + s.getConfidenceLevel());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        out.values().removeIf(v -> v.startsWith("RETRACTED"));
        return out;
    }
}
