package dev.rotation.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rotation.model.Scale;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroDeserializer;
import dev.rotation.model.topics.Topic;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.service.DetectorService;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.PublishSummary;
import dev.rotation.producers.sample.SampleData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The whole pipeline against a real Kafka broker (apache/kafka, KRaft) and a real Confluent Schema
 * Registry in containers, with the processor in this JVM: the bundled sample goes in, the seed
 * week's FINAL signals come out of the signal topics. The images are the ones of {@code
 * docker/compose.yaml}. Skipped (not failed) where there is no Docker engine; the same scenario
 * runs on the embedded platform in every build (stream-processor's EmbeddedPipelineIT), so this
 * test adds what only the real images can show: byte compatibility with Confluent's registry and
 * the broker's exactly-once transactions as deployed.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ContainersPipelineTest {
    private static final LocalDate SEED_WEEK = LocalDate.of(2026, 1, 19);
    private static final Set<SignalType> EXPECTED =
            EnumSet.of(
                    SignalType.ROTATION_TO_HIGH_BETA,
                    SignalType.CONCENTRATED_OUTFLOW,
                    SignalType.RISK_OFF_SHIFT,
                    SignalType.LEVEL_BREACH);

    private static final Network NETWORK = Network.newNetwork();

    /** The broker, also reachable from the registry container at kafka:19092. */
    @Container
    private static final KafkaContainer KAFKA =
            new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.0"))
                    .withNetwork(NETWORK)
                    .withNetworkAliases("kafka")
                    .withListener("kafka:19092");

    @Container
    private static final GenericContainer<?> REGISTRY =
            new GenericContainer<>(DockerImageName.parse("confluentinc/cp-schema-registry:7.9.0"))
                    .withNetwork(NETWORK)
                    .withNetworkAliases("schema-registry")
                    .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                    .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                    .withEnv(
                            "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS",
                            "PLAINTEXT://kafka:19092")
                    .withEnv("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "1")
                    .withExposedPorts(8081)
                    .dependsOn(KAFKA)
                    .waitingFor(
                            Wait.forHttp("/subjects")
                                    .forStatusCode(200)
                                    .withStartupTimeout(Duration.ofMinutes(2)));

    private DetectorService detector;

    @AfterEach
    void stopDetector() {
        if (detector != null) {
            detector.close(Duration.ofSeconds(20));
        }
    }

    @Test
    void sampleDataYieldsTheSeedWeeksFinalSignals() {
        ConnectionSettings connection =
                ConnectionSettings.of(
                        KAFKA.getBootstrapServers(),
                        "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081));
        String run = UUID.randomUUID().toString().substring(0, 8);

        Properties overrides = new Properties();
        // unique application id and topics: nothing is shared with another run on the same broker
        overrides.setProperty("application.id", "rd-containers-" + run);
        overrides.setProperty("topics.prefix", "it-" + run + ".");
        overrides.setProperty("state.dir", Path.of("target", "containers-it", run).toString());
        overrides.setProperty("http.port", "0");
        ProcessorConfig config = ProcessorConfig.load(null, Map.of(), overrides);
        detector = new DetectorService(config, connection).start();

        List<SpecificRecord> sample = SampleData.load();
        PublishSummary published;
        try (SchemaRegistryClient registry = connection.newRegistryClient();
                EventPublisher publisher =
                        new EventPublisher(connection, registry, config.topicPrefix(), Map.of())) {
            publisher.publishAll(sample);
            published = publisher.summary();
        }
        assertThat(published.allDelivered()).as(published.describe()).isTrue();

        Map<String, Signal> latest = new HashMap<>();
        long seedStart = SEED_WEEK.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        try (SchemaRegistryClient registry = connection.newRegistryClient();
                KafkaConsumer<String, Signal> consumer =
                        signalConsumer(connection, registry, run)) {
            consumer.subscribe(detector.topics().signals().stream().map(Topic::name).toList());
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                for (ConsumerRecord<String, Signal> r :
                                        consumer.poll(Duration.ofMillis(500))) {
                                    latest.merge(
                                            r.value().getSignalId(),
                                            r.value(),
                                            (a, b) -> b.getRevision() >= a.getRevision() ? b : a);
                                }
                                return finalTypes(latest, seedStart).containsAll(EXPECTED);
                            });
        }

        List<Signal> finals = finals(latest, seedStart);
        assertThat(finals).extracting(Signal::getType).containsAll(EXPECTED);
        assertThat(finals)
                .filteredOn(s -> s.getType() == SignalType.ROTATION_TO_HIGH_BETA)
                .anySatisfy(s -> assertThat(s.getMagnitude().getScale()).isEqualTo(Scale.MICRO));
    }

    /** Committed records only: what a desk would see of the exactly-once output. */
    private static KafkaConsumer<String, Signal> signalConsumer(
            ConnectionSettings connection, SchemaRegistryClient registry, String run) {
        Map<String, Object> cfg = connection.kafkaClientConfig();
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, "rd-containers-signals-" + run);
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(
                cfg,
                new StringDeserializer(),
                new ConfluentAvroDeserializer<>(registry, Signal.class));
    }

    private static List<Signal> finals(Map<String, Signal> latest, long windowStart) {
        return latest.values().stream()
                .filter(
                        s ->
                                s.getStatus() == SignalStatus.FINAL
                                        && s.getWindowStart().toEpochMilli() == windowStart)
                .toList();
    }

    private static Set<SignalType> finalTypes(Map<String, Signal> latest, long windowStart) {
        return finals(latest, windowStart).stream()
                .map(Signal::getType)
                .collect(Collectors.toSet());
    }
}
