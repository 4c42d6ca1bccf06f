package dev.rotation.producers.publish;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.deadletter.DeadLetterHeaders;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.Topics;
import dev.rotation.producers.ingest.BadLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes input events, and dead-letters bad file lines, through one idempotent producer.
 *
 * <p>Each event goes as its type's contract says ({@link InputEventType}): to the type's catalogue
 * topic, with the type's record key, the event time as record timestamp, and the value in the
 * Confluent wire format (the catalogue's serde, so schemas are registered under {@code
 * <topic>-value}). Sends are asynchronous; every record the producer gives up on after its retries
 * is kept as a {@link FailedSend} with its identity. {@link #summary()} flushes and reports. Not
 * thread-safe for concurrent publishers.
 */
public final class EventPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    public static final String DEAD_LETTER_TYPE = "dead-letter";

    private final Producer<byte[], byte[]> producer;
    private final Topics topics;
    private final SchemaRegistryClient registry;
    private final boolean ownsRegistry;
    private final Map<InputEventType, Serializer<SpecificRecord>> serializers =
            new EnumMap<>(InputEventType.class);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ConcurrentLinkedQueue<FailedSend> failures = new ConcurrentLinkedQueue<>();
    private final long startNanos = System.nanoTime();
    private long attempted;

    /** A publisher on the default topic names with its own registry client. */
    public EventPublisher(ConnectionSettings settings) {
        this(settings, settings.newRegistryClient(), true, "", Map.of());
    }

    /**
     * @param settings cluster and registry connection (security settings pass through)
     * @param registry registry client, not closed by this publisher
     * @param topicPrefix prefix of every topic name ("" for the defaults)
     * @param producerOverrides producer settings that win over the defaults (e.g.
     *     delivery.timeout.ms)
     */
    public EventPublisher(
            ConnectionSettings settings,
            SchemaRegistryClient registry,
            String topicPrefix,
            Map<String, Object> producerOverrides) {
        this(settings, registry, false, topicPrefix, producerOverrides);
    }

    private EventPublisher(
            ConnectionSettings settings,
            SchemaRegistryClient registry,
            boolean ownsRegistry,
            String topicPrefix,
            Map<String, Object> producerOverrides) {
        this(
                newProducer(settings, producerOverrides),
                Topics.create(registry, settings.serdeConfig(), topicPrefix),
                registry,
                ownsRegistry);
    }

    /**
     * A publisher that sends through the given producer (e.g. a {@code MockProducer} that keeps
     * what would be sent) to the catalogue's topics, with the catalogue's serdes. The producer is
     * closed with the publisher.
     */
    public EventPublisher(Producer<byte[], byte[]> producer, Topics topics) {
        this(producer, topics, null, false);
    }

    private EventPublisher(
            Producer<byte[], byte[]> producer,
            Topics topics,
            SchemaRegistryClient registry,
            boolean ownsRegistry) {
        this.producer = producer;
        this.topics = topics;
        this.registry = registry;
        this.ownsRegistry = ownsRegistry;
        for (InputEventType type : InputEventType.values()) {
            serializers.put(type, serializer(type.topic(topics)));
        }
    }

    private static Producer<byte[], byte[]> newProducer(
            ConnectionSettings settings, Map<String, Object> overrides) {
        Map<String, Object> config = producerConfig(settings, overrides);
        LOG.debug("Producer configuration: {}", ConnectionSettings.redact(config));
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The producer settings: durable (acks=all, idempotent), compressed, batched. */
    public static Map<String, Object> producerConfig(
            ConnectionSettings settings, Map<String, Object> overrides) {
        Map<String, Object> config = new LinkedHashMap<>(settings.kafkaClientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // a short linger fills batches under load without delaying a small file noticeably
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "rotation-producers");
        config.putAll(overrides);
        return config;
    }

    public Topics topics() {
        return topics;
    }

    /** Sends one input event asynchronously; a failure is recorded, never thrown. */
    public void publish(SpecificRecord event) {
        InputEventType type = InputEventType.of(event);
        String topic = type.topic(topics).name();
        String key = type.key(event);
        String eventId = type.eventId(event);
        attempted++;
        byte[] value;
        try {
            value = serializers.get(type).serialize(topic, event);
        } catch (RuntimeException e) {
            fail(type.label(), eventId, key, topic, e);
            return;
        }
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic,
                        null,
                        type.eventTime(event),
                        key.getBytes(StandardCharsets.UTF_8),
                        value);
        send(record, type.label(), eventId, key, sent);
    }

    /** Publishes every event of the iterable in order. */
    public void publishAll(Iterable<? extends SpecificRecord> events) {
        for (SpecificRecord e : events) {
            publish(e);
        }
    }

    /**
     * Sends a bad file line to the dead-letter topic: key {@code <file>:<line>}, value the raw line
     * bytes, headers naming the reason (see {@link DeadLetterHeaders}).
     */
    public void deadLetter(BadLine bad) {
        String topic = topics.deadLetter().name();
        String key = bad.file() + ":" + bad.line();
        attempted++;
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic,
                        null,
                        null,
                        key.getBytes(StandardCharsets.UTF_8),
                        bad.rawLine().getBytes(StandardCharsets.UTF_8));
        header(record, DeadLetterHeaders.REASON, bad.reason());
        header(record, DeadLetterHeaders.MESSAGE, bad.message());
        header(record, DeadLetterHeaders.STAGE, DeadLetterHeaders.STAGE_PRODUCER);
        header(record, DeadLetterHeaders.SOURCE_FILE, bad.file());
        header(record, DeadLetterHeaders.SOURCE_LINE, Long.toString(bad.line()));
        header(
                record,
                DeadLetterHeaders.EVENT_TYPE,
                bad.type() == null ? "unknown" : bad.type().label());
        send(record, DEAD_LETTER_TYPE, key, key, deadLettered);
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private void send(
            ProducerRecord<byte[], byte[]> record,
            String type,
            String id,
            String key,
            AtomicLong onSuccess) {
        try {
            producer.send(
                    record,
                    (metadata, exception) -> {
                        if (exception == null) {
                            onSuccess.incrementAndGet();
                        } else {
                            fail(type, id, key, record.topic(), exception);
                        }
                    });
        } catch (RuntimeException e) {
            fail(type, id, key, record.topic(), e);
        }
    }

    private void fail(String type, String id, String key, String topic, Throwable e) {
        failed.incrementAndGet();
        failures.add(
                new FailedSend(
                        type,
                        id,
                        key,
                        topic,
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
        LOG.debug("Not delivered: {} {} to {}", type, id, topic, e);
    }

    /** Records handed to {@link #publish} or {@link #deadLetter} so far. */
    public long attempted() {
        return attempted;
    }

    /** Acknowledged input events so far (without flushing). */
    public long sentSoFar() {
        return sent.get();
    }

    /** Waits for every outstanding send, then reports. */
    public PublishSummary summary() {
        producer.flush();
        return new PublishSummary(
                sent.get(),
                failed.get(),
                deadLettered.get(),
                Duration.ofNanos(System.nanoTime() - startNanos),
                new ArrayList<>(failures));
    }

    /** The failed records so far. */
    public List<FailedSend> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(30));
        } finally {
            if (ownsRegistry) {
                registry.close();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Serializer<SpecificRecord> serializer(
            Topic<String, ? extends SpecificRecord> topic) {
        return (Serializer<SpecificRecord>) topic.valueSerde().serializer();
    }
}
