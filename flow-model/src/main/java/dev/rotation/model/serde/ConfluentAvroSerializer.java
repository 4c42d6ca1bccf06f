package dev.rotation.model.serde;

import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records in the Confluent wire format, byte for byte what Confluent's {@code
 * KafkaAvroSerializer} writes for the same schema id. Subjects follow TopicNameStrategy ({@code
 * <topic>-value}, {@code <topic>-key}). With {@code auto.register.schemas=true} (the default) the
 * record's schema is registered; with {@code use.latest.version=true} the subject's latest schema
 * is used; otherwise the record's schema must already be registered.
 */
public class ConfluentAvroSerializer<T> implements Serializer<T> {
    static {
        ModelClassTrust.ensure();
    }

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean isKey;
    private boolean autoRegister = true;
    private boolean useLatest;

    /** Schema id per (subject, schema): the registry is asked once per schema. */
    private final Map<String, Map<Schema, Integer>> ids = new ConcurrentHashMap<>();

    private final Map<String, Integer> latestIds = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

    /** The previous call's resolution (immutable, so sharing it between threads is safe). */
    private volatile Resolved last;

    /** For Kafka's reflective instantiation; configure() supplies the registry. */
    public ConfluentAvroSerializer() {}

    /** With a shared registry client (not closed by this serializer). */
    public ConfluentAvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (configs.containsKey(AvroSerdeConfig.SCHEMA_REGISTRY_URL) || client == null) {
            AvroSerdeConfig cfg = AvroSerdeConfig.from(configs);
            if (client == null) {
                client = cfg.newClient();
                ownsClient = true;
            }
            this.autoRegister = cfg.autoRegisterSchemas();
            this.useLatest = cfg.useLatestVersion();
        } else {
            Object ar = configs.get(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
            Object ul = configs.get(AvroSerdeConfig.USE_LATEST_VERSION);
            if (ar != null) {
                autoRegister = Boolean.parseBoolean(ar.toString());
            }
            if (ul != null) {
                useLatest = Boolean.parseBoolean(ul.toString());
            }
        }
    }

    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (!(data instanceof GenericContainer container)) {
            throw new SerializationException("Not an Avro record: " + data.getClass().getName());
        }
        Schema schema = container.getSchema();
        // fast path: the same topic and schema as the previous call (the usual case) need no lookup
        Resolved r = last;
        if (r == null || r.schema != schema || !r.topic.equals(topic)) {
            r = resolve(topic, schema);
            last = r;
        }
        Buffers b = buffers.get();
        b.out.reset();
        b.out.write(r.header, 0, WireFormat.HEADER_SIZE);
        try {
            b.encoder = EncoderFactory.get().directBinaryEncoder(b.out, b.encoder);
            r.writer.write(data, b.encoder);
            b.encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Cannot encode " + schema.getFullName() + " for topic '" + topic + "': " + e,
                    e);
        }
        return b.out.toByteArray();
    }

    /**
     * Schema id and writer for a record schema on a topic: asks the registry once per (subject,
     * schema).
     */
    private Resolved resolve(String topic, Schema schema) {
        String subject = subject(topic, isKey);
        int id;
        Schema writeWith = schema;
        try {
            if (useLatest && !autoRegister) {
                id = latestIds.computeIfAbsent(subject, s -> client.getLatest(s).id());
                writeWith = client.getById(id);
            } else {
                Map<Schema, Integer> perSubject =
                        ids.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
                Integer cached = perSubject.get(schema);
                if (cached == null) {
                    cached =
                            autoRegister
                                    ? client.register(subject, schema)
                                    : client.lookup(subject, schema).id();
                    perSubject.put(schema, cached);
                }
                id = cached;
            }
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    "Cannot serialize to topic '" + topic + "': " + e.getMessage(), e);
        }
        byte[] header = new byte[WireFormat.HEADER_SIZE];
        WireFormat.writeHeader(header, id);
        return new Resolved(
                topic,
                schema,
                header,
                writers.computeIfAbsent(writeWith, ConfluentAvroSerializer::newWriter));
    }

    /**
     * What one (topic, record schema) serialises with: its 5-byte header (never modified) and
     * writer.
     */
    private record Resolved(
            String topic, Schema schema, byte[] header, DatumWriter<Object> writer) {}

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> newWriter(Schema schema) {
        SpecificData model = SpecificData.getForSchema(schema);
        if (model.getClass(schema) != null
                && SpecificRecord.class.isAssignableFrom(model.getClass(schema))) {
            return new SpecificDatumWriter<>(schema, model);
        }
        return (DatumWriter<Object>) (DatumWriter<?>) new GenericDatumWriter<>(schema);
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }

    private static final class Buffers {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
        BinaryEncoder encoder;
    }
}
