package dev.rotation.processor.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for the processor's internal state and repartition records: Jackson's Smile format, the
 * binary form of the JSON data model. The benchmark profile found text JSON's number formatting
 * (doubles to decimal text and back) dominating the stream thread; Smile writes doubles as raw
 * bytes. Internal formats are private to the application (no registry round trip on the hot path);
 * everything that leaves the application is Avro in the Confluent wire format.
 *
 * <p>The format is the current classes' fields and nothing else: there is no reader for earlier
 * layouts. A field missing from a record takes its default, so adding a field keeps existing state
 * readable; a field the class does not have fails the read, so a removed or renamed field is never
 * silently dropped. Such changes need the application reset described in docs/operations.md ("State
 * stores and restarts"). A record that does not read fails with a {@link SerializationException}
 * naming the type.
 */
public final class StateSerde<T> implements Serde<T> {
    // binary values (price buckets) raw rather than 7-bit encoded: smaller, and no re-encoding
    static final ObjectMapper MAPPER =
            new ObjectMapper(
                            SmileFactory.builder()
                                    .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT)
                                    .build())
                    // a field this version does not know means another layout: refuse it, never
                    // drop it
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final Class<T> type;

    public StateSerde(Class<T> type) {
        this.type = type;
        this.writer = MAPPER.writerFor(type);
        this.reader = MAPPER.readerFor(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(data);
            } catch (IOException e) {
                throw new SerializationException(
                        "Cannot write " + type.getSimpleName() + " as state", e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.readValue(bytes);
            } catch (IOException e) {
                throw new SerializationException(
                        "Cannot read " + type.getSimpleName() + " from state", e);
            }
        };
    }
}
