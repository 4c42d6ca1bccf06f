package dev.rotation.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotation.model.FundFlow;
import dev.rotation.model.PriceBar;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.registry.RegisteredSchema;
import dev.rotation.model.registry.RestSchemaRegistryClient;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.AvroSerdeConfig;
import dev.rotation.model.serde.ConfluentAvroSerde;
import dev.rotation.model.serde.ConfluentAvroSerializer;
import dev.rotation.model.serde.WireFormat;
import dev.rotation.model.serde.WireFormatException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** flow-model's Confluent serde against the embedded registry (and broker), for every Avro type. */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedPlatform.class)
class ConfluentAvroSerdeIntegrationTest {

    private static SchemaRegistryClient client;

    @BeforeAll
    static void connect() {
        client = RestSchemaRegistryClient.builder(SharedPlatform.platform().registryUrl()).build();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    static Stream<SpecificRecord> everyType() {
        return Stream.of(
                ModelSamples.fundFlow(),
                ModelSamples.priceBar(),
                ModelSamples.volumeBar(),
                ModelSamples.metalQuote(),
                ModelSamples.signal(),
                ModelSamples.alert());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("everyType")
    <T extends SpecificRecord> void roundTripsThroughTheRegistry(T record) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) record.getClass();
        String topic = SharedPlatform.unique("serde-" + type.getSimpleName());
        try (ConfluentAvroSerde<T> serde = ConfluentAvroSerde.of(client, type, Map.of(), false)) {
            byte[] bytes = serde.serializer().serialize(topic, record);

            int id = WireFormat.schemaId(bytes);
            RegisteredSchema latest = client.getLatest(topic + "-value");
            assertThat(latest.id()).isEqualTo(id);
            assertThat(latest.schema()).isEqualTo(record.getSchema());
            assertThat(serde.deserializer().deserialize(topic, bytes)).isEqualTo(record);
        }
    }

    @Test
    void useLatestVersionWithoutAutoRegisterWritesWithTheSubjectsLatestId() {
        String topic = SharedPlatform.unique("latest");
        int id =
                client.register(
                        ConfluentAvroSerializer.subject(topic, false), PriceBar.getClassSchema());
        Map<String, Object> cfg =
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                                SharedPlatform.platform().registryUrl(),
                        AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false",
                        AvroSerdeConfig.USE_LATEST_VERSION, "true");
        try (ConfluentAvroSerde<PriceBar> serde =
                ConfluentAvroSerde.of(client, PriceBar.class, cfg, false)) {
            byte[] bytes = serde.serializer().serialize(topic, ModelSamples.priceBar());
            assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
            assertThat(serde.deserializer().deserialize(topic, bytes))
                    .isEqualTo(ModelSamples.priceBar());
        }
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaIsRefused() {
        String topic = SharedPlatform.unique("no-auto");
        Map<String, Object> cfg =
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        SharedPlatform.platform().registryUrl(),
                        AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
                        "false");
        try (ConfluentAvroSerde<PriceBar> serde =
                ConfluentAvroSerde.of(client, PriceBar.class, cfg, false)) {
            assertThatThrownBy(() -> serde.serializer().serialize(topic, ModelSamples.priceBar()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("40401");
            assertThat(client.subjects()).doesNotContain(topic + "-value");
        }
    }

    @Test
    void unknownSchemaIdIsReportedAsSuch() {
        byte[] bytes =
                ByteBuffer.allocate(7)
                        .put(WireFormat.MAGIC_BYTE)
                        .putInt(999_999)
                        .put((byte) 2)
                        .put((byte) 0x41)
                        .array();
        try (ConfluentAvroSerde<PriceBar> serde =
                ConfluentAvroSerde.of(client, PriceBar.class, Map.of(), false)) {
            assertThatThrownBy(() -> serde.deserializer().deserialize("prices", bytes))
                    .isInstanceOfSatisfying(
                            WireFormatException.class,
                            e -> {
                                assertThat(e.reason())
                                        .isEqualTo(WireFormatException.Reason.UNKNOWN_SCHEMA_ID);
                                assertThat(e.isPoison()).isTrue();
                            });
        }
    }

    @Test
    void recordsTravelThroughTheBrokerInTheWireFormat() {
        LocalPlatform platform = SharedPlatform.platform();
        String topic = SharedPlatform.unique("fund-flows");
        platform.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
        platform.createTopics(List.of(new NewTopic(topic, 1, (short) 1))); // idempotent
        try (ConfluentAvroSerde<FundFlow> serde =
                        ConfluentAvroSerde.of(client, FundFlow.class, Map.of(), false);
                KafkaProducer<String, FundFlow> producer =
                        new KafkaProducer<>(
                                Map.of(
                                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        platform.bootstrapServers()),
                                new StringSerializer(),
                                serde.serializer());
                KafkaConsumer<String, FundFlow> consumer =
                        new KafkaConsumer<>(
                                Map.of(
                                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        platform.bootstrapServers(),
                                        ConsumerConfig.GROUP_ID_CONFIG,
                                        topic,
                                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                        "earliest"),
                                new StringDeserializer(),
                                serde.deserializer())) {
            producer.send(
                    new ProducerRecord<>(
                            topic,
                            InputEventType.FLOWS.key(ModelSamples.fundFlow()),
                            ModelSamples.fundFlow()));
            producer.flush();
            consumer.subscribe(List.of(topic));
            List<FundFlow> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
            }
            assertThat(seen).containsExactly(ModelSamples.fundFlow());
        }
    }
}
