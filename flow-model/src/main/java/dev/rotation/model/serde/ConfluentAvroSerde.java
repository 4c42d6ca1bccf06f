package dev.rotation.model.serde;

import dev.rotation.model.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka {@link Serde} for one generated Avro class in the Confluent wire format. */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    public ConfluentAvroSerde(SchemaRegistryClient client, Class<T> type) {
        this.serializer = new ConfluentAvroSerializer<>(client);
        this.deserializer = new ConfluentAvroDeserializer<>(client, type);
    }

    /** A serde with a shared client, configured (auto-register etc.) from the given settings. */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> of(
            SchemaRegistryClient client, Class<T> type, Map<String, ?> configs, boolean isKey) {
        ConfluentAvroSerde<T> serde = new ConfluentAvroSerde<>(client, type);
        serde.configure(configs, isKey);
        return serde;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
