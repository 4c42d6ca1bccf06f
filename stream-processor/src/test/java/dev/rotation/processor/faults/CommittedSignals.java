package dev.rotation.processor.faults;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rotation.model.Caveat;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroDeserializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
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
    /** Avro's JSON rendering writes NaN and Infinity bare. */
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

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
     * A FINAL signal as a desk reads it: every field (evidence values, baselines, z-scores,
     * confidence, caveats, explanation, times) except the two that depend on how the run went, the
     * revision number and the wall-clock emission time. Compared exactly: the arithmetic must not
     * depend on batch boundaries or restarts.
     *
     * @param content the signal's Avro JSON with revision 0 and emittedAt 0
     */
    record FinalSignal(String signalId, String content) implements Comparable<FinalSignal> {
        static FinalSignal of(Signal s) {
            Signal comparable =
                    Signal.newBuilder(s).setRevision(0).setEmittedAt(Instant.EPOCH).build();
            return new FinalSignal(s.getSignalId(), comparable.toString());
        }

        @Override
        public int compareTo(FinalSignal o) {
            int c = signalId.compareTo(o.signalId);
            return c != 0 ? c : content.compareTo(o.content);
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

    /**
     * A readable difference of two FINAL multisets (empty when equal): per signal, how often each
     * side finalised it and, where both did with different content, each differing field.
     */
    static String difference(Map<FinalSignal, Long> expected, Map<FinalSignal, Long> actual) {
        Map<String, List<FinalSignal>> expectedById = byId(expected);
        Map<String, List<FinalSignal>> actualById = byId(actual);
        TreeSet<String> ids = new TreeSet<>(expectedById.keySet());
        ids.addAll(actualById.keySet());
        StringBuilder sb = new StringBuilder();
        for (String id : ids) {
            List<FinalSignal> e = expectedById.getOrDefault(id, List.of());
            List<FinalSignal> a = actualById.getOrDefault(id, List.of());
            if (e.equals(a)) {
                continue;
            }
            sb.append(
                    String.format(
                            "  %s: expected %d FINAL, committed %d%n", id, e.size(), a.size()));
            if (!e.isEmpty() && !a.isEmpty()) {
                fieldDifferences(e.get(0).content(), a.get(a.size() - 1).content())
                        .forEach(d -> sb.append("    ").append(d).append('\n'));
            }
        }
        return sb.toString();
    }

    /** Each FINAL as often as it was committed, grouped by signalId. */
    private static Map<String, List<FinalSignal>> byId(Map<FinalSignal, Long> finals) {
        Map<String, List<FinalSignal>> out = new TreeMap<>();
        finals.forEach(
                (f, n) -> {
                    for (long i = 0; i < n; i++) {
                        out.computeIfAbsent(f.signalId(), k -> new ArrayList<>()).add(f);
                    }
                });
        return out;
    }

    /** {@code path: expected -> actual} for every leaf where two signal JSON documents differ. */
    static List<String> fieldDifferences(String expectedJson, String actualJson) {
        Map<String, String> e = new TreeMap<>();
        Map<String, String> a = new TreeMap<>();
        try {
            flatten("", JSON.readTree(expectedJson), e);
            flatten("", JSON.readTree(actualJson), a);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        TreeSet<String> paths = new TreeSet<>(e.keySet());
        paths.addAll(a.keySet());
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            if (!Objects.equals(e.get(p), a.get(p))) {
                out.add(p + ": " + e.get(p) + " -> " + a.get(p));
            }
        }
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(f -> flatten(path + "." + f.getKey(), f.getValue(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                // evidence items are named by metric and subject, so a missing item reads as such
                String label =
                        item.has("metric")
                                ? item.path("metric").asText() + "/" + item.path("subject").asText()
                                : item.has("code")
                                        ? item.path("code").asText()
                                        : Integer.toString(i);
                flatten(path + "[" + label + "]", item, out);
            }
        } else {
            out.put(path, node.toString());
        }
    }
}
