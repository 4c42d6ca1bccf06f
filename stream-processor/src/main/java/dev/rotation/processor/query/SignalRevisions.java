package dev.rotation.processor.query;

import dev.rotation.model.Signal;
import dev.rotation.model.SignalType;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Every revision of one signal, read from its signal topic: the records keyed by its {@code
 * signalId}, in the order they were written (committed records only). Stage 2 keeps only the latest
 * revision; the topic keeps them all, on the one partition the key hashes to (the default
 * partitioner, as Kafka Streams writes them).
 *
 * <p>Each read is a short-lived consumer with no group: it assigns the signal's partition, starts
 * at the first record written at or after the signal's window start less {@link #LOOK_BACK}
 * (revisions carry their window's event time or later) and stops at the end offset it saw when it
 * started.
 */
public final class SignalRevisions implements AutoCloseable {
    /** How far before the window start a revision's record time may lie. */
    public static final Duration LOOK_BACK = Duration.ofDays(7);

    private final ConnectionSettings connection;
    private final Function<SignalType, String> topicOf;
    private final SchemaRegistryClient registry;

    /**
     * @param topicOf the signal topic a signal type is written to
     */
    public SignalRevisions(ConnectionSettings connection, Function<SignalType, String> topicOf) {
        this.connection = connection;
        this.topicOf = topicOf;
        this.registry = connection.newRegistryClient();
    }

    /**
     * The revisions of {@code latest}'s signal, oldest first; at least {@code latest} itself (also
     * when the topic has not delivered it yet).
     *
     * @param timeout how long the read may take before it returns what it has
     */
    public List<Signal> of(Signal latest, Duration timeout) {
        String topic = topicOf.apply(latest.getType());
        String key = latest.getSignalId();
        Map<String, Object> cfg = connection.kafkaClientConfig();
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cfg.put(ConsumerConfig.CLIENT_ID_CONFIG, "rd-web-revisions");
        List<Signal> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, Signal> consumer =
                new KafkaConsumer<>(
                        cfg,
                        new StringDeserializer(),
                        new ConfluentAvroDeserializer<>(registry, Signal.class))) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                return List.of(latest);
            }
            TopicPartition tp =
                    new TopicPartition(
                            topic,
                            Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)))
                                    % partitions.size());
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
            long from =
                    latest.getWindowStart().minus(LOOK_BACK).toEpochMilli() < 0
                            ? 0
                            : latest.getWindowStart().minus(LOOK_BACK).toEpochMilli();
            OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(tp, from), timeout).get(tp);
            if (start == null) {
                return List.of(latest);
            }
            consumer.seek(tp, start.offset());
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Signal> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key()) && r.value() != null) {
                        out.add(r.value());
                    }
                }
            }
        }
        if (out.isEmpty() || out.get(out.size() - 1).getRevision() < latest.getRevision()) {
            out.add(latest);
        }
        return out;
    }

    @Override
    public void close() {
        registry.close();
    }
}
