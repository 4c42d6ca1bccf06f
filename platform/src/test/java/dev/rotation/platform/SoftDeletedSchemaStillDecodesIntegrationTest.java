package dev.rotation.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotation.model.MetalQuote;
import dev.rotation.model.registry.RestSchemaRegistryClient;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroDeserializer;
import dev.rotation.model.serde.ConfluentAvroSerializer;
import dev.rotation.model.serde.WireFormat;
import dev.rotation.model.serde.WireFormatException;
import dev.rotation.model.topics.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator's delete does to data already on {@code rd.metals}: records are published with
 * two versions of {@code rd.metals-value}, the latest version is soft-deleted, and a consumer that
 * has never seen the ids (a restarted processor, a new deserializer with an empty cache) still
 * decodes every record into {@link MetalQuote}, because soft-deleted ids still resolve. A permanent
 * delete is what makes the records unreadable.
 */
@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(SharedPlatform.class)
class SoftDeletedSchemaStillDecodesIntegrationTest {
    private static final String SUBJECT = TopicNames.METALS + "-value";

    @Test
    void softDeletingTheLatestVersionOfMetalsKeepsPublishedRecordsDecodable() {
        LocalPlatform platform = SharedPlatform.platform();
        // a registry of its own, so the product's subject name is free in it
        EmbeddedSchemaRegistry.Config config =
                EmbeddedSchemaRegistry.Config.defaults()
                        .withTopic(SharedPlatform.unique("_schemas-metals"));
        platform.createTopics(List.of(new NewTopic(TopicNames.METALS, 1, (short) 1)));
        try (EmbeddedSchemaRegistry registry =
                        EmbeddedSchemaRegistry.start(platform.bootstrapServers(), config);
                SchemaRegistryClient producerClient =
                        RestSchemaRegistryClient.builder(registry.url()).build()) {
            RegistryHttp http = new RegistryHttp(registry.url());
            MetalQuote quote = ModelSamples.metalQuote();
            GenericRecord evolved = withVenue(quote, "LBMA");
            long start = endOffset(platform);

            publish(
                    platform,
                    new ConfluentAvroSerializer<MetalQuote>(producerClient)
                            .serialize(TopicNames.METALS, quote));
            publish(
                    platform,
                    new ConfluentAvroSerializer<GenericRecord>(producerClient)
                            .serialize(TopicNames.METALS, evolved));
            List<byte[]> published = readFrom(platform, start, 2);
            int v1Id = WireFormat.schemaId(published.get(0));
            int v2Id = WireFormat.schemaId(published.get(1));
            assertThat(http.get("/subjects/" + SUBJECT + "/versions").body()).isEqualTo("[1,2]");
            assertThat(
                            http.get("/subjects/" + SUBJECT + "/versions/latest")
                                    .json()
                                    .path("id")
                                    .asInt())
                    .isEqualTo(v2Id);

            assertThat(http.delete("/subjects/" + SUBJECT + "/versions/latest").body())
                    .isEqualTo("2");
            assertThat(http.get("/subjects/" + SUBJECT + "/versions").body()).isEqualTo("[1]");

            // a consumer that never saw the ids resolves both, the soft-deleted one included
            try (SchemaRegistryClient freshClient =
                    RestSchemaRegistryClient.builder(registry.url()).build()) {
                ConfluentAvroDeserializer<MetalQuote> deserializer =
                        new ConfluentAvroDeserializer<>(freshClient, MetalQuote.class);
                assertThat(deserializer.deserialize(TopicNames.METALS, published.get(0)))
                        .isEqualTo(quote);
                assertThat(deserializer.deserialize(TopicNames.METALS, published.get(1)))
                        .isEqualTo(quote);
            }

            // a permanent delete removes the id: only then do the records written with it become
            // undecodable
            http.delete("/subjects/" + SUBJECT + "/versions/2?permanent=true");
            try (SchemaRegistryClient freshClient =
                    RestSchemaRegistryClient.builder(registry.url()).build()) {
                ConfluentAvroDeserializer<MetalQuote> deserializer =
                        new ConfluentAvroDeserializer<>(freshClient, MetalQuote.class);
                assertThat(deserializer.deserialize(TopicNames.METALS, published.get(0)))
                        .isEqualTo(quote);
                assertThatThrownBy(
                                () -> deserializer.deserialize(TopicNames.METALS, published.get(1)))
                        .isInstanceOfSatisfying(
                                WireFormatException.class,
                                e ->
                                        assertThat(e.reason())
                                                .isEqualTo(
                                                        WireFormatException.Reason
                                                                .UNKNOWN_SCHEMA_ID));
            }
            assertThat(v1Id).isNotEqualTo(v2Id);
        }
    }

    /** The quote written with the next version of the schema: one more optional field. */
    private static GenericRecord withVenue(MetalQuote quote, String venue) {
        Schema base = MetalQuote.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        base.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(
                new Schema.Field(
                        "venue",
                        Schema.createUnion(
                                Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                        "Trading venue when known.",
                        JsonProperties.NULL_VALUE));
        Schema evolved =
                Schema.createRecord(
                        base.getName(), base.getDoc(), base.getNamespace(), false, fields);
        GenericRecord record = new GenericData.Record(evolved);
        base.getFields()
                .forEach(
                        f -> {
                            Object value = quote.get(f.pos());
                            record.put(
                                    f.name(),
                                    value instanceof Enum<?> e
                                            ? new GenericData.EnumSymbol(f.schema(), e.name())
                                            : value instanceof java.time.Instant i
                                                    ? i.toEpochMilli()
                                                    : value);
                        });
        record.put("venue", venue);
        return record;
    }

    private static void publish(LocalPlatform platform, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                platform.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TopicNames.METALS, 0, null, value));
            producer.flush();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(LocalPlatform platform) {
        return new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static long endOffset(LocalPlatform platform) {
        TopicPartition tp = new TopicPartition(TopicNames.METALS, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(platform)) {
            return consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
        }
    }

    /** The raw values published from {@code offset} on, as a restarted consumer reads them. */
    private static List<byte[]> readFrom(LocalPlatform platform, long offset, int count) {
        TopicPartition tp = new TopicPartition(TopicNames.METALS, 0);
        List<byte[]> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(platform)) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
            }
        }
        assertThat(out).hasSize(count);
        return out;
    }
}
