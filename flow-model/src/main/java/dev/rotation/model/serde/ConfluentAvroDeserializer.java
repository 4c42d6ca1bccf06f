package dev.rotation.model.serde;

import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.registry.SchemaRegistryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format: checks the magic byte, fetches the writer schema by id from the
 * registry (cached), and resolves it against the reader schema of the expected specific class (or
 * reads generically when no class is given). Failures are {@link WireFormatException}s with a
 * reason: poison bytes are told apart from an unreachable registry.
 */
public class ConfluentAvroDeserializer<T> implements Deserializer<T> {
    static {
        ModelClassTrust.ensure();
    }

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private final Class<T> type;
    private final Schema readerSchema;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    /**
     * The previous call's schema id and reader (immutable, so sharing it between threads is safe).
     */
    private volatile LastReader<T> last;

    private record LastReader<T>(int id, DatumReader<T> reader) {}

    /** Generic reader configured by Kafka; yields GenericRecord. */
    public ConfluentAvroDeserializer() {
        this(null, null);
    }

    /** Reads into the given specific class (or generically when type is null). */
    public ConfluentAvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this.client = client;
        this.type = type;
        this.readerSchema = type == null ? null : SpecificData.get().getSchema(type);
        if (type != null && !SpecificRecord.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type + " is not a generated Avro class");
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = AvroSerdeConfig.from(configs).newClient();
            ownsClient = true;
        }
    }

    @Override
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        int id = WireFormat.schemaId(payload);
        // fast path: the same schema id as the previous call (the usual case) needs no lookup
        LastReader<T> lr = last;
        DatumReader<T> reader;
        if (lr != null && lr.id == id) {
            reader = lr.reader;
        } else {
            reader = readers.get(id);
            if (reader == null) {
                reader = newReader(topic, id);
                readers.put(id, reader);
            }
            last = new LastReader<>(id, reader);
        }
        try {
            BinaryDecoder reuse = decoders.get();
            BinaryDecoder decoder =
                    DecoderFactory.get()
                            .binaryDecoder(
                                    payload,
                                    WireFormat.HEADER_SIZE,
                                    payload.length - WireFormat.HEADER_SIZE,
                                    reuse);
            if (decoder != reuse) {
                decoders.set(decoder);
            }
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new WireFormatException(
                        WireFormatException.Reason.MALFORMED_BODY,
                        "trailing bytes after the record for schema id "
                                + id
                                + " on topic '"
                                + topic
                                + "'",
                        null);
            }
            return value;
        } catch (WireFormatException e) {
            throw e;
        } catch (java.io.IOException
                | AvroRuntimeException
                | IndexOutOfBoundsException
                | ClassCastException
                | NegativeArraySizeException
                | IllegalArgumentException e) {
            throw new WireFormatException(
                    WireFormatException.Reason.MALFORMED_BODY,
                    "cannot decode Avro body with schema id "
                            + id
                            + " on topic '"
                            + topic
                            + "': "
                            + e,
                    e);
        }
    }

    private DatumReader<T> newReader(String topic, int id) {
        Schema writer;
        try {
            writer = client.getById(id);
        } catch (SchemaRegistryException e) {
            if (e.isRetriable()) {
                throw new WireFormatException(
                        WireFormatException.Reason.REGISTRY_UNAVAILABLE, e.getMessage(), e);
            }
            throw new WireFormatException(
                    WireFormatException.Reason.UNKNOWN_SCHEMA_ID,
                    "schema id " + id + " on topic '" + topic + "': " + e.getMessage(),
                    e);
        }
        if (readerSchema == null) {
            @SuppressWarnings("unchecked")
            DatumReader<T> generic = (DatumReader<T>) new GenericDatumReader<Object>(writer);
            return generic;
        }
        SchemaCompatibility.SchemaPairCompatibility compat =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
        if (compat.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new WireFormatException(
                    WireFormatException.Reason.SCHEMA_MISMATCH,
                    "writer schema id "
                            + id
                            + " ("
                            + writer.getFullName()
                            + ") on topic '"
                            + topic
                            + "' does not resolve to "
                            + readerSchema.getFullName()
                            + ": "
                            + compat.getDescription(),
                    null);
        }
        return new SpecificDatumReader<>(writer, readerSchema);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }
}
