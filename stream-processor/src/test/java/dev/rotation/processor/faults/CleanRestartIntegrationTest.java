package dev.rotation.processor.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.topics.TopicSettings;
import dev.rotation.model.topics.Topics;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.processor.service.TopicSetup;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.sample.SampleData;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clean stop (SIGTERM, as Ctrl-C or an orchestrator sends it) and a restart on the same state
 * directory: the restarted detector reuses its local state instead of declaring its tasks corrupted
 * and restoring them from the changelogs, gets its tasks back without waiting for its predecessor's
 * session to expire, and answers {@code /signals} with what it answered before within seconds of
 * RUNNING. The detector runs as operators run it, {@code process} in its own JVM.
 */
@Tag("integration")
@Tag("fault")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CleanRestartIntegrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(CleanRestartIntegrationTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Far longer than the restart may take: a closed member that stayed in the group would hold its
     * tasks this long, so a regression shows as a timeout instead of hiding in a slow machine.
     */
    private static final Duration SESSION_TIMEOUT = Duration.ofMinutes(2);

    /**
     * How soon after RUNNING the signals must be served (the query API answers from local state).
     */
    private static final Duration SIGNALS_AFTER_RUNNING = Duration.ofSeconds(5);

    private final Path work =
            Path.of(
                    "target",
                    "fault-tests",
                    "clean-restart-" + UUID.randomUUID().toString().substring(0, 8));
    private LocalPlatform platform;
    private int published;
    private String prefix;

    @BeforeAll
    void startPlatformAndPublish() throws Exception {
        platform = LocalPlatform.startForTests(work.resolve("platform"));
        ConnectionSettings connection = platform.connectionSettings();
        List<SpecificRecord> sample = SampleData.load();
        prefix = "restart-";
        try (SchemaRegistryClient registry = connection.newRegistryClient();
                EventPublisher publisher =
                        new EventPublisher(connection, registry, prefix, Map.of())) {
            Topics topics = Topics.create(registry, connection.serdeConfig(), prefix);
            // the sample's records carry their event time (Nov 2025 - Mar 2026): keep everything
            TopicSetup.ensure(
                    connection.kafkaClientConfig(),
                    topics,
                    new TopicSettings(3, Optional.of((short) 1), TopicSettings.KEEP_EVERYTHING));
            publisher.publishAll(sample);
            assertThat(publisher.summary().allDelivered())
                    .as(publisher.summary().describe())
                    .isTrue();
        }
        published = sample.size();
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aCleanStopLeavesStateThatTheRestartReuses() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("application.id", "rd-clean-restart");
        settings.put("state.dir", work.resolve("state").toAbsolutePath().toString());
        settings.put("topics.prefix", prefix);
        settings.put("http.bind", "127.0.0.1");
        // internal topics (changelogs, repartition) hold event-time stamped records too
        settings.put("streams.topic.retention.ms", "-1");
        settings.put("streams.session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()));
        String classpath = ChildProcessor.snapshotClasspath(work.resolve("classpath"));

        JsonNode before;
        ChildProcessor first = start("first", classpath, settings);
        try {
            await("first run consumes the sample")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> first.consumed() >= published);
            before = awaitStableSignals(first);
            assertThat(before.size()).as("signals served before the stop").isPositive();
            assertThat(first.terminate(Duration.ofSeconds(60)))
                    .as("SIGTERM stops the detector within 60 s")
                    .isTrue();
        } catch (Throwable t) {
            first.kill();
            throw t;
        }
        assertThat(first.log())
                .as("the shutdown hook closed the Streams client")
                .contains("Streams state PENDING_SHUTDOWN -> NOT_RUNNING");

        try (ChildProcessor second = start("second", classpath, settings)) {
            long endpointsAt = System.nanoTime();
            await("second run RUNNING")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> running(second));
            long runningAt = System.nanoTime();
            AtomicReference<JsonNode> after = new AtomicReference<>();
            await("/signals after RUNNING")
                    .atMost(SIGNALS_AFTER_RUNNING)
                    .pollInterval(Duration.ofMillis(50))
                    .until(
                            () -> {
                                after.set(signals(second));
                                return after.get() != null;
                            });
            long answeredAt = System.nanoTime();
            LOG.info(
                    "Restart: RUNNING {} ms after the endpoints came up, /signals {} ms after RUNNING",
                    (runningAt - endpointsAt) / 1_000_000,
                    (answeredAt - runningAt) / 1_000_000);
            String log = second.log();
            assertThat(log)
                    .as("restart log of " + second.name())
                    .doesNotContain("TaskCorruptedException")
                    .doesNotContain("did not find checkpoint offsets")
                    .doesNotContain("Wiping this instance's local state");
            assertThat(Duration.ofNanos(runningAt - endpointsAt))
                    .as("time to RUNNING: no wait for the old member's session")
                    .isLessThan(SESSION_TIMEOUT.dividedBy(2));
            assertThat(after.get()).as("/signals after the restart").isEqualTo(before);
        }
    }

    private ChildProcessor start(String name, String classpath, Map<String, String> settings)
            throws IOException {
        Files.createDirectories(work);
        ChildProcessor child =
                ChildProcessor.start(
                        name,
                        work.resolve(name + ".log"),
                        classpath,
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

    private static boolean running(ChildProcessor child) throws IOException {
        HttpResponse<String> r = child.get("/health");
        return r != null
                && r.statusCode() == 200
                && "RUNNING".equals(JSON.readTree(r.body()).path("streamsState").asText());
    }

    /** The signals array /signals serves, or null while it does not answer 200. */
    private static JsonNode signals(ChildProcessor child) throws IOException {
        HttpResponse<String> r = child.get("/signals?limit=1000");
        return r == null || r.statusCode() != 200 ? null : JSON.readTree(r.body()).path("signals");
    }

    /** The signals once they stop changing for a few seconds (the last windows settle). */
    private static JsonNode awaitStableSignals(ChildProcessor child) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        long[] since = {System.nanoTime()};
        await(child.name() + " signals settle")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            JsonNode now = signals(child);
                            if (now == null || !now.equals(last.getAndSet(now))) {
                                since[0] = System.nanoTime();
                                return false;
                            }
                            return System.nanoTime() - since[0] >= Duration.ofSeconds(5).toNanos();
                        });
        return last.get();
    }
}
