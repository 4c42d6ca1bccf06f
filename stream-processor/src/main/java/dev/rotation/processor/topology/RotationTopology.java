package dev.rotation.processor.topology;

import dev.rotation.model.Alert;
import dev.rotation.model.Signal;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.Topics;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.ExposureAccumulator;
import dev.rotation.processor.analytics.FlowAccumulator;
import dev.rotation.processor.analytics.MetalAccumulator;
import dev.rotation.processor.analytics.PriceAccumulator;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.VolumeAccumulator;
import dev.rotation.processor.analytics.WindowPolicy;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The detector's topology, a pure function of its settings, topic catalogue and metrics.
 *
 * <pre>
 *  rd.fund-flows ─► flows-aggregate ──┐
 *  rd.prices ─────► prices-aggregate ─┤  SubjectUpdate        (1 partition)
 *  rd.volumes ────► volumes-aggregate ┼──────────────► snapshot-updates ─► snapshot ─┬─► rd.signals.rotation
 *  rd.metals ─────► metals-aggregate ─┘   keyed by window                             ├─► rd.signals.risk-appetite
 *   (validate, window, late?, dedupe, accumulate per subject)                         ├─► rd.signals.market
 *                                                                                      └─► rd.alerts
 *  invalid / undecodable ─► rd.dead-letter      later than grace ─► rd.late-events
 * </pre>
 *
 * With input topics of one partition there is no {@code snapshot-updates} topic: stage 2 runs in
 * the one stage-1 task ({@link Settings#repartitionsUpdates}), so a signal leaves with the first
 * commit after stage 1 sends its update, one commit instead of two. With more partitions, stage 1
 * runs in parallel and stage 2 reads its updates from the repartition topic once stage 1 has
 * committed them (read_committed under exactly-once).
 *
 * <p>A report's rows (fund flows) are not late at the close of their window in stage 1: they meet
 * in stage 2, which counts a report only as a whole (see {@link SnapshotProcessor}).
 *
 * <p>Windows, their close, lateness and retention follow one {@link WindowPolicy}, applied by both
 * stages; stage 2 closes windows on a watermark, the slowest active stage-1 task's stream time (see
 * SourceClocks).
 */
public final class RotationTopology {
    static final String FLOWS_STORE = "flows-windows";
    static final String PRICES_STORE = "prices-windows";

    /**
     * Event ids seen per window, key-value stores (the earlier {@code *-dedupe} window stores had
     * another changelog key format, hence the new names).
     */
    static final String PRICES_DEDUPE = "prices-dedupe-ids";

    static final String VOLUMES_STORE = "volumes-windows";
    static final String VOLUMES_DEDUPE = "volumes-dedupe-ids";
    static final String METALS_STORE = "metals-windows";
    static final String METALS_DEDUPE = "metals-dedupe-ids";
    static final String EXPOSURES_STORE = "exposures-windows";
    static final String SNAPSHOT_STORE = "snapshot-windows";
    static final String SNAPSHOT_SUBJECTS_STORE = "snapshot-subjects";
    static final String HISTORY_STORE = "snapshot-history";

    /**
     * Latest revision of every signal, by signalId: read by {@link SnapshotQueries} for /signals.
     */
    static final String SIGNALS_STORE = "signals";

    static final String ALERTS_SENT_STORE = "alerts-sent";
    static final String CLOCKS_STORE = "snapshot-source-clocks";
    public static final String SNAPSHOT_REPARTITION = "snapshot-updates";

    /**
     * What shapes the topology.
     *
     * @param windows the event-time windows: size, grace (close and lateness) and retention
     * @param idleTimeout how long (wall clock) a stage-1 task may stand still while others progress
     *     before it stops holding windows open
     * @param updateInterval how often a stage-1 task sends its changed subjects to stage 2 (zero:
     *     after every event); see {@link InputStage}
     * @param reportSettleTimeout how long (wall clock) stage 2 waits for the rest of a report's
     *     announced rows before it counts the report as it stands; see {@link SnapshotProcessor}
     * @param inputPartitions partitions of the input topics (= stage-1 tasks); stage 2 waits for
     *     all of them to report before it closes a window (0 = don't wait)
     */
    public record Settings(
            WindowPolicy windows,
            Duration idleTimeout,
            Duration updateInterval,
            Duration reportSettleTimeout,
            int inputPartitions,
            AnalyticsConfig analytics) {

        /**
         * Whether stage 1's updates go to stage 2 through the single-partition repartition topic
         * {@value #SNAPSHOT_REPARTITION}. With one input partition there is one stage-1 task, so
         * stage 2 runs in that same task and no topic lies between them: a signal leaves with the
         * first commit after its update is sent, one commit instead of two.
         */
        public boolean repartitionsUpdates() {
            return inputPartitions != 1;
        }

        /** The settings a configuration gives, for input topics of the given partition count. */
        public static Settings of(ProcessorConfig config, int inputPartitions) {
            WindowPolicy windows =
                    new WindowPolicy(
                            config.calendar(), config.grace(), config.signalsRetentionWindows());
            return new Settings(
                    windows,
                    config.idleTimeout(),
                    config.updateInterval(),
                    config.reportSettleTimeout(),
                    inputPartitions,
                    config.analytics());
        }
    }

    private RotationTopology() {}

    public static Topology build(Settings settings, Topics topics, ProcessorMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        WindowPolicy windows = settings.windows();

        // Stage 1's state, written on every event: behind a commit buffer, so each changed key is
        // serialised, persisted and changelogged once per commit (CommitBufferedStore).
        builder.addStateStore(
                CommitBufferedStore.persistent(
                        FLOWS_STORE, Serdes.String(), new StateSerde<>(FlowAccumulator.class)));
        builder.addStateStore(
                CommitBufferedStore.persistent(
                        PRICES_STORE, Serdes.String(), new StateSerde<>(PriceAccumulator.class)));
        builder.addStateStore(
                CommitBufferedStore.persistent(
                        VOLUMES_STORE, Serdes.String(), new StateSerde<>(VolumeAccumulator.class)));
        builder.addStateStore(
                CommitBufferedStore.persistent(
                        METALS_STORE, Serdes.String(), new StateSerde<>(MetalAccumulator.class)));
        builder.addStateStore(
                CommitBufferedStore.persistent(
                        EXPOSURES_STORE,
                        Serdes.String(),
                        new StateSerde<>(ExposureAccumulator.class)));
        // Event ids seen, keyed by window and purged with the accumulators. Key-value stores, not
        // window stores: Kafka Streams 4.3 keeps a store's committed changelog offset inside the
        // store (KIP-1035), and a window store keeps it in its segments, so one that holds no
        // segment (a task whose partition of that feed carries no event) has none after a clean
        // close; exactly-once then declares the whole task corrupted, wipes it and restores it from
        // the changelogs on every restart.
        for (String dedupe : new String[] {PRICES_DEDUPE, VOLUMES_DEDUPE, METALS_DEDUPE}) {
            builder.addStateStore(
                    CommitBufferedStore.persistent(dedupe, Serdes.String(), Serdes.String()));
        }
        // cached: a window's state is rewritten on every update, the changelog needs it once per
        // commit
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(SNAPSHOT_STORE),
                                Serdes.String(),
                                new StateSerde<>(WindowState.class))
                        .withCachingEnabled());
        // one subject's metrics in one window: an update rewrites its subject, not the whole window
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(SNAPSHOT_SUBJECTS_STORE),
                                Serdes.String(),
                                new StateSerde<>(SubjectUpdate.class))
                        .withCachingEnabled());
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(HISTORY_STORE),
                        Serdes.String(),
                        new StateSerde<>(TrailingHistory.class)));
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(SIGNALS_STORE),
                        Serdes.String(),
                        topics.rotationSignals().valueSerde()));
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(ALERTS_SENT_STORE),
                        Serdes.String(),
                        Serdes.Integer()));
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(CLOCKS_STORE),
                                Serdes.String(),
                                Serdes.Long())
                        .withCachingEnabled());

        AnalyticsConfig analytics = settings.analytics();
        InputStage.Timing stage1 = new InputStage.Timing(windows, settings.updateInterval());
        // one set of checks per topic, shared by its extractor and its feed: a refused record
        // never moves stream time
        InputChecks flowChecks = InputChecks.flows(windows, analytics.assets().keys());
        InputChecks priceChecks = InputChecks.contract(InputEventType.PRICES);
        InputChecks volumeChecks = InputChecks.contract(InputEventType.VOLUMES);
        InputChecks metalChecks = InputChecks.contract(InputEventType.METALS);
        InputChecks exposureChecks = InputChecks.exposures(analytics.assets());
        KStream<String, Object> inputs =
                source(
                                builder,
                                topics.fundFlows(),
                                TimestampExtractors.of(flowChecks),
                                "flows-source")
                        .merge(
                                source(
                                        builder,
                                        topics.prices(),
                                        TimestampExtractors.of(priceChecks),
                                        "prices-source"),
                                Named.as("merge-prices"))
                        .merge(
                                source(
                                        builder,
                                        topics.volumes(),
                                        TimestampExtractors.of(volumeChecks),
                                        "volumes-source"),
                                Named.as("merge-volumes"))
                        .merge(
                                source(
                                        builder,
                                        topics.metals(),
                                        TimestampExtractors.of(metalChecks),
                                        "metals-source"),
                                Named.as("merge-metals"))
                        .merge(
                                source(
                                        builder,
                                        topics.exposures(),
                                        TimestampExtractors.of(exposureChecks),
                                        "exposures-source"),
                                Named.as("merge-exposures"));
        String flowsTopic = topics.fundFlows().name();
        String pricesTopic = topics.prices().name();
        String volumesTopic = topics.volumes().name();
        String metalsTopic = topics.metals().name();
        String exposuresTopic = topics.exposures().name();
        Supplier<Map<String, InputFeed<?, ?>>> feeds =
                () ->
                        Map.of(
                                flowsTopic,
                                        new InputProcessors.Flows(
                                                flowChecks,
                                                stage1,
                                                FLOWS_STORE,
                                                metrics,
                                                analytics.sources()),
                                pricesTopic,
                                        new InputProcessors.Prices(
                                                priceChecks,
                                                stage1,
                                                PRICES_STORE,
                                                PRICES_DEDUPE,
                                                metrics,
                                                analytics),
                                volumesTopic,
                                        new InputProcessors.Volumes(
                                                volumeChecks,
                                                stage1,
                                                VOLUMES_STORE,
                                                VOLUMES_DEDUPE,
                                                metrics),
                                metalsTopic,
                                        new InputProcessors.Metals(
                                                metalChecks,
                                                stage1,
                                                METALS_STORE,
                                                METALS_DEDUPE,
                                                metrics),
                                exposuresTopic,
                                        new InputProcessors.Exposures(
                                                exposureChecks, stage1, EXPOSURES_STORE, metrics));
        Supplier<InputStage> stage1Processor =
                InputStage.supplier(feeds, stage1, metrics::registryReachable);

        SnapshotProcessor.Names names =
                new SnapshotProcessor.Names(
                        SNAPSHOT_STORE,
                        SNAPSHOT_SUBJECTS_STORE,
                        HISTORY_STORE,
                        SIGNALS_STORE,
                        ALERTS_SENT_STORE,
                        CLOCKS_STORE);
        KStream<String, SubjectUpdate> updates =
                inputs.process(
                        stage1Processor::get,
                        Named.as("aggregate"),
                        FLOWS_STORE,
                        PRICES_STORE,
                        PRICES_DEDUPE,
                        VOLUMES_STORE,
                        VOLUMES_DEDUPE,
                        METALS_STORE,
                        METALS_DEDUPE,
                        EXPOSURES_STORE);
        if (settings.repartitionsUpdates()) {
            // one partition: the cross-asset snapshot of a window is global by nature
            updates =
                    updates.repartition(
                            Repartitioned.with(
                                            Serdes.String(), new StateSerde<>(SubjectUpdate.class))
                                    .withName(SNAPSHOT_REPARTITION)
                                    .withNumberOfPartitions(1));
        }
        KStream<String, SpecificRecord> outputs =
                updates.process(
                        () ->
                                new SnapshotProcessor(
                                        names,
                                        analytics,
                                        windows,
                                        settings.idleTimeout(),
                                        settings.reportSettleTimeout(),
                                        settings.inputPartitions(),
                                        metrics),
                        Named.as("snapshot"),
                        names.all());

        Map<SignalRouting, String> signalTopics =
                Map.of(
                        SignalRouting.ROTATION, topics.rotationSignals().name(),
                        SignalRouting.RISK_APPETITE, topics.riskAppetiteSignals().name(),
                        SignalRouting.MARKET, topics.marketSignals().name());
        String alertsTopic = topics.alerts().name();
        TopicNameExtractor<String, SpecificRecord> route =
                (key, value, ctx) ->
                        value instanceof Signal s
                                ? signalTopics.get(SignalRouting.of(s.getType()))
                                : alertsTopic;
        outputs.to(
                route,
                Produced.with(Serdes.String(), outputSerde(topics)).withName("outputs-sink"));
        return builder.build();
    }

    /**
     * An input topic read with its own Avro serde and event-time extractor, widened so the feeds
     * can merge.
     */
    @SuppressWarnings("unchecked")
    private static <V> KStream<String, Object> source(
            StreamsBuilder builder,
            Topic<String, V> topic,
            TimestampExtractor extractor,
            String name) {
        KStream<String, V> stream =
                builder.stream(
                        topic.name(),
                        Consumed.with(topic.keySerde(), topic.valueSerde())
                                .withTimestampExtractor(extractor)
                                .withName(name));
        return (KStream<String, Object>) (KStream<String, ?>) stream;
    }

    /** Signals and alerts share one sink node; each is written with its own Avro serializer. */
    private static Serde<SpecificRecord> outputSerde(Topics topics) {
        Serializer<Signal> signals = topics.rotationSignals().valueSerde().serializer();
        Serializer<Alert> alerts = topics.alerts().valueSerde().serializer();
        Serializer<SpecificRecord> routing =
                (topic, value) ->
                        value instanceof Alert a
                                ? alerts.serialize(topic, a)
                                : signals.serialize(topic, (Signal) value);
        return Serdes.serdeFrom(
                routing,
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("output serde is write-only");
                });
    }
}
