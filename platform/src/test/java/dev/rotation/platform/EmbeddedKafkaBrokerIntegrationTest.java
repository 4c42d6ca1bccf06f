package dev.rotation.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmbeddedKafkaBrokerIntegrationTest {

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "it-broker-" + UUID.randomUUID()));
        broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Config.of(dir));
        admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
            broker.close(); // idempotent
        }
    }

    private static String newTopic(String prefix) throws Exception {
        String topic = prefix + "-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
        return topic;
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> cfg =
                new java.util.HashMap<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all"));
        cfg.putAll(extra);
        return new KafkaProducer<>(cfg, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> consume(
            String topic, int expected, String isolation) {
        Map<String, Object> cfg =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "g-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        isolation);
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(cfg, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void producesAndConsumes() throws Exception {
        String topic = newTopic("plain");
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(consume(topic, 3, "read_uncommitted"))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("k0", "v0"),
                        org.assertj.core.groups.Tuple.tuple("k1", "v1"),
                        org.assertj.core.groups.Tuple.tuple("k2", "v2"));
    }

    @Test
    void autoCreateIsOff() throws Exception {
        assertThat(broker.brokerProperties()).containsEntry("auto.create.topics.enable", "false");
        assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                .doesNotContain("never-created");
    }

    @Test
    void transactionalProducerCommitsAndReadCommittedConsumerSeesOnlyCommitted() throws Exception {
        String topic = newTopic("tx");
        try (KafkaProducer<String, String> producer =
                producer(
                        Map.of(
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                "tx-" + UUID.randomUUID(),
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "c1", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "c2", "committed-2"));
            producer.commitTransaction();
        }
        List<ConsumerRecord<String, String>> seen = consume(topic, 2, "read_committed");
        assertThat(seen)
                .extracting(ConsumerRecord::value)
                .containsExactly("committed-1", "committed-2");
    }

    @Test
    void secondBrokerOnTheSameDataDirOrPortIsRefusedBeforeItStarts() throws Exception {
        Path sameDir = broker.logDir().getParent();
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Config.of(sameDir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use by another broker");
        Path otherDir =
                Files.createDirectories(Path.of("target", "it-broker-" + UUID.randomUUID()));
        assertThatThrownBy(
                        () ->
                                EmbeddedKafkaBroker.start(
                                        EmbeddedKafkaBroker.Config.of(otherDir)
                                                .withPort(broker.port())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already in use");
        // the running broker is unharmed
        assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void restartKeepsDataAndPorts() throws Exception {
        String topic = newTopic("restart");
        String before = broker.bootstrapServers();
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, "k", "before-restart"))
                    .get(30, TimeUnit.SECONDS);
        }
        broker.restart();
        assertThat(broker.bootstrapServers()).isEqualTo(before);
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, "k", "after-restart"))
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(consume(topic, 2, "read_committed"))
                .extracting(ConsumerRecord::value)
                .containsExactly("before-restart", "after-restart");
    }
}
