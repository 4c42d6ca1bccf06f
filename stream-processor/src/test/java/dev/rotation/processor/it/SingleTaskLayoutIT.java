package dev.rotation.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rotation.model.Signal;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.service.DetectorService;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.PublishSummary;
import dev.rotation.producers.sample.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One input partition: stage 2 runs inside the one stage-1 task, with no repartition topic between
 * them, on a real broker under exactly-once. The bundled sample's seed week reaches a
 * read_committed consumer with the four final signal types the two-stage layout gives ({@link
 * EmbeddedPipelineIT}), the accounting identity holds, and the application has no {@code
 * snapshot-updates} topic.
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SingleTaskLayoutIT {
    @Test
    void theSeedWeekFinalSignalsComeOutOfOneTaskWithoutARepartitionTopic() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "single-task-it");
        try (LocalPlatform platform = LocalPlatform.startForTests(dir.resolve("platform"))) {
            ConnectionSettings connection = platform.connectionSettings();
            Properties p = new Properties();
            p.setProperty("application.id", "single-task-it");
            p.setProperty("state.dir", dir.resolve("streams").toString());
            p.setProperty("http.port", "0");
            p.setProperty("window.idle.timeout", "PT3S");
            p.setProperty("topics.input.partitions", "1");
            DetectorService detector =
                    new DetectorService(ProcessorConfig.load(null, Map.of(), p), connection)
                            .start();
            try {
                long published;
                try (SchemaRegistryClient registry = connection.newRegistryClient();
                        EventPublisher publisher =
                                new EventPublisher(connection, registry, "", Map.of())) {
                    publisher.publishAll(SampleData.load());
                    PublishSummary summary = publisher.summary();
                    assertThat(summary.allDelivered()).as(summary.describe()).isTrue();
                    published = summary.sent();
                }
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () ->
                                        detector.metrics().sum(ProcessorMetrics.CONSUMED)
                                                >= published);

                assertThat(SeedWeekFinals.await(connection, detector, "single-task-it-reader"))
                        .extracting(Signal::getType)
                        .containsAll(SeedWeekFinals.TYPES);

                ProcessorMetrics m = detector.metrics();
                assertThat(m.sum(ProcessorMetrics.CONSUMED))
                        .isEqualTo(
                                m.sum(ProcessorMetrics.AGGREGATED)
                                        + m.sum(ProcessorMetrics.DEAD_LETTERED)
                                        + m.sum(ProcessorMetrics.LATE));
                assertThat(detector.streams().metadataForLocalThreads())
                        .flatExtracting(t -> t.activeTasks())
                        .extracting(t -> t.taskId().toString())
                        .containsExactly("0_0");
                try (Admin admin = Admin.create(connection.kafkaClientConfig())) {
                    Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                    assertThat(topics)
                            .anyMatch(t -> t.startsWith("single-task-it-"))
                            .noneMatch(t -> t.contains("snapshot-updates"));
                }
            } finally {
                detector.close(Duration.ofSeconds(20));
            }
        }
    }
}
