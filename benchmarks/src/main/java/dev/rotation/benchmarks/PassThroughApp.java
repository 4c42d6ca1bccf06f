package dev.rotation.benchmarks;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.Topics;
import dev.rotation.processor.config.ProcessorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * The baseline: a Kafka Streams app that decodes each input record with the same Confluent-wire
 * Avro serde and writes it back, re-encoded, to a copy of its topic. No state, no repartition: what
 * any Avro Streams app on this broker pays before doing any work of its own.
 */
final class PassThroughApp {
    static final String OUTPUT_PREFIX = "passthrough.";

    private PassThroughApp() {}

    /** The reference apps the detector is measured against. */
    enum Kind {
        /** Decode, re-encode, write: the baseline. */
        PASS_THROUGH,
        /**
         * A windowed count per record key (7-day windows, 3 days' grace, Kafka Streams' own cached
         * RocksDB window store and changelog), per input topic: the simplest stateful app, the kind
         * Apache Kafka's Streams benchmarks measure.
         */
        WINDOWED_COUNT
    }

    static Topology topology(Topics topics, LongAdder consumed) {
        return topology(Kind.PASS_THROUGH, topics, consumed);
    }

    static Topology topology(Kind kind, Topics topics, LongAdder consumed) {
        StreamsBuilder builder = new StreamsBuilder();
        for (Topic<?, ?> t : topics.inputs()) {
            if (kind == Kind.PASS_THROUGH) {
                pipe(builder, t, consumed);
            } else {
                count(builder, t, consumed);
            }
        }
        return builder.build();
    }

    private static <K, V> void count(StreamsBuilder builder, Topic<K, V> t, LongAdder consumed) {
        builder.stream(t.name(), Consumed.with(t.keySerde(), t.valueSerde()))
                .peek((k, v) -> consumed.increment())
                .groupByKey(Grouped.with(t.keySerde(), t.valueSerde()))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofDays(7), Duration.ofDays(3)))
                .count(Materialized.as("count-" + t.name()))
                .toStream()
                .map((w, n) -> KeyValue.pair(String.valueOf(w.key()), n))
                .to(countTopic(t), Produced.with(Serdes.String(), Serdes.Long()));
    }

    private static String countTopic(Topic<?, ?> t) {
        return OUTPUT_PREFIX + "count." + t.name();
    }

    private static <K, V> void pipe(StreamsBuilder builder, Topic<K, V> t, LongAdder consumed) {
        builder.stream(t.name(), Consumed.with(t.keySerde(), t.valueSerde()))
                .peek((k, v) -> consumed.increment())
                .to(OUTPUT_PREFIX + t.name(), Produced.with(t.keySerde(), t.valueSerde()));
    }

    /**
     * Runs the baseline with the detector's guarantee, threads and commit interval; times it like
     * the detector.
     */
    static Pipeline.DetectorRun run(
            ConnectionSettings connection,
            ProcessorConfig like,
            String appId,
            int partitions,
            long events,
            Duration timeout) {
        return run(Kind.PASS_THROUGH, connection, like, appId, partitions, events, timeout);
    }

    /** Runs one reference app, configured and timed like {@link #run} times the baseline. */
    static Pipeline.DetectorRun run(
            Kind kind,
            ConnectionSettings connection,
            ProcessorConfig like,
            String appId,
            int partitions,
            long events,
            Duration timeout) {
        LongAdder consumed = new LongAdder();
        try (SchemaRegistryClient registry = connection.newRegistryClient()) {
            Topics topics = Topics.create(registry, connection.serdeConfig(), like.topicPrefix());
            List<String> outputs = new ArrayList<>();
            for (Topic<?, ?> t : topics.inputs()) {
                outputs.add(kind == Kind.PASS_THROUGH ? OUTPUT_PREFIX + t.name() : countTopic(t));
            }
            Pipeline.createKeptForever(connection, outputs, partitions);

            Properties p = new Properties();
            p.putAll(connection.kafkaClientConfig());
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
            p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, like.processingGuarantee());
            p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, like.streamThreads());
            p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, like.commitIntervalMs());
            p.put(StreamsConfig.STATE_DIR_CONFIG, like.stateDir().toAbsolutePath().toString());
            p.putAll(like.streamsOverrides());
            long t0 = System.nanoTime();
            double secs;
            try (KafkaStreams streams = new KafkaStreams(topology(kind, topics, consumed), p)) {
                streams.start();
                long[] lastReport = {System.nanoTime()};
                if (!Pipeline.waitFor(
                        () -> {
                            if (System.nanoTime() - lastReport[0] > 10_000_000_000L) {
                                lastReport[0] = System.nanoTime();
                                System.err.printf(
                                        "  ... %s: consumed %,d of %,d, state %s%n",
                                        appId, consumed.sum(), events, streams.state());
                            }
                            return consumed.sum() >= events;
                        },
                        timeout)) {
                    throw new IllegalStateException(
                            kind + " consumed only " + consumed.sum() + " of " + events);
                }
                secs = Pipeline.seconds(t0);
                streams.close(Duration.ofSeconds(30));
            }
            return new Pipeline.DetectorRun(
                    events,
                    secs,
                    secs,
                    0,
                    like.processingGuarantee(),
                    like.commitIntervalMs(),
                    like.streamThreads());
        }
    }
}
