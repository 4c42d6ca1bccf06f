package dev.rotation.processor.faults;

import static org.awaitility.Awaitility.await;

import dev.rotation.model.Caveat;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a downstream consumer sees of the detector's signal topics: every committed record ({@code
 * isolation.level=read_committed}, from the beginning), and the FINAL signals reduced to the fields
 * that must not depend on how the run went (revisions and wall-clock times do).
 */
final class CommittedSignals {

    /** One committed signal record with where it sits. */
    record Committed(String topic, int partition, long offset, Signal signal) {
        String describe() {
            return signal.getSignalId()
                    + " rev "
                    + signal.getRevision()
                    + " "
                    + signal.getStatus()
                    + " @"
                    + topic
                    + "-"
                    + partition
                    + ":"
                    + offset;
        }
    }

    /**
     * A FINAL signal's identity and content; confidence is rounded to 1e-9 so that the same
     * arithmetic is compared, not its last bit.
     */
    record FinalSignal(
            String signalId,
            String type,
            String status,
            List<String> subjects,
            long confidenceNanos,
            String magnitudeScale,
            List<String> caveatCodes)
            implements Comparable<FinalSignal> {
        static FinalSignal of(Signal s) {
            return new FinalSignal(
                    s.getSignalId(),
                    s.getType().name(),
                    s.getStatus().name(),
                    List.copyOf(s.getSubjects()),
                    Math.round(s.getConfidence() * 1e9),
                    s.getMagnitude() == null ? null : s.getMagnitude().getScale().name(),
                    s.getCaveats().stream().map(Caveat::getCode).toList());
        }

        @Override
        public int compareTo(FinalSignal o) {
            return toString().compareTo(o.toString());
        }
    }

    private CommittedSignals() {}

    /** Every committed record of the topics, in partition and offset order. */
    static List<Committed> read(
            ConnectionSettings connection,
            SchemaRegistryClient registry,
            Collection<String> topics,
            Duration atMost) {
        List<Committed> out = new ArrayList<>();
        try (KafkaConsumer<String, Signal> consumer =
                new KafkaConsumer<>(
                        readCommitted(connection),
                        new StringDeserializer(),
                        new ConfluentAvroDeserializer<>(registry, Signal.class))) {
            readToEnd(
                    consumer,
                    topics,
                    atMost,
                    r -> out.add(new Committed(r.topic(), r.partition(), r.offset(), r.value())));
        }
        return out;
    }

    /** A read_committed consumer's settings: no group offsets, from the beginning. */
    private static Map<String, Object> readCommitted(ConnectionSettings connection) {
        Map<String, Object> config = new HashMap<>(connection.kafkaClientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    /** Reads every partition of the topics from the beginning up to what is committed now. */
    private static <K, V> void readToEnd(
            KafkaConsumer<K, V> consumer,
            Collection<String> topics,
            Duration atMost,
            java.util.function.Consumer<ConsumerRecord<K, V>> each) {
        List<TopicPartition> partitions =
                topics.stream()
                        .flatMap(
                                t ->
                                        consumer.partitionsFor(t, Duration.ofSeconds(30)).stream()
                                                .map(p -> new TopicPartition(t, p.partition())))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        // read_committed end offsets are the last stable offsets: everything committed so far
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        await("committed records of " + topics + " up to " + end)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(10))
                .until(
                        () -> {
                            consumer.poll(Duration.ofMillis(200)).forEach(each);
                            return partitions.stream()
                                    .allMatch(tp -> consumer.position(tp) >= end.get(tp));
                        });
    }

    /** Every committed revision of the given signals, one line each, for failure reports. */
    static String history(List<Committed> records, java.util.Set<String> signalIds) {
        StringBuilder sb = new StringBuilder();
        for (Committed c : records) {
            Signal s = c.signal();
            if (signalIds.contains(s.getSignalId())) {
                sb.append(
                        String.format(
                                "  %s conf %.4f caveats %s lastEvent %s emitted %s%n",
                                c.describe(),
                                s.getConfidence(),
                                s.getCaveats().stream().map(Caveat::getCode).toList(),
                                s.getLastEventTime(),
                                s.getEmittedAt()));
            }
        }
        return sb.toString();
    }

    /** How many committed records the topics hold (read_committed, from the beginning). */
    static long count(ConnectionSettings connection, Collection<String> topics, Duration atMost) {
        long[] n = {0};
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        readCommitted(connection),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            readToEnd(consumer, topics, atMost, r -> n[0]++);
        }
        return n[0];
    }

    /** The FINAL signals as a multiset (a signal finalised twice counts twice). */
    static Map<FinalSignal, Long> finals(List<Committed> records) {
        return records.stream()
                .map(Committed::signal)
                .filter(s -> s.getStatus() == SignalStatus.FINAL)
                .map(FinalSignal::of)
                .collect(
                        Collectors.groupingBy(
                                Function.identity(), TreeMap::new, Collectors.counting()));
    }

    /**
     * Records that repeat a (signalId, revision) pair seen earlier: each is a duplicate emission.
     */
    static List<String> duplicateRevisions(List<Committed> records) {
        Map<String, Committed> seen = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (Committed c : records) {
            String key = c.signal().getSignalId() + "#" + c.signal().getRevision();
            Committed first = seen.putIfAbsent(key, c);
            if (first != null) {
                duplicates.add(c.describe() + " repeats " + first.describe());
            }
        }
        return duplicates;
    }

    /** A readable difference of two FINAL multisets (empty when equal). */
    static String difference(Map<FinalSignal, Long> expected, Map<FinalSignal, Long> actual) {
        StringBuilder sb = new StringBuilder();
        TreeMap<FinalSignal, Long> all = new TreeMap<>(expected);
        actual.keySet().forEach(k -> all.putIfAbsent(k, 0L));
        for (FinalSignal f : all.keySet()) {
            long e = expected.getOrDefault(f, 0L);
            long a = actual.getOrDefault(f, 0L);
            if (e != a) {
                sb.append(String.format("  %s: expected %d, committed %d%n", f, e, a));
            }
        }
        return sb.toString();
    }
}
