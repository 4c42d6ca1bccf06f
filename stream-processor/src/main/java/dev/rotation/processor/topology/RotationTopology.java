package dev.rotation.processor.topology;

import dev.rotation.model.Alert;
import dev.rotation.model.Signal;
import dev.rotation.model.topics.Topics;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.FlowAccumulator;
import dev.rotation.processor.analytics.MetalAccumulator;
import dev.rotation.processor.analytics.PriceAccumulator;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.VolumeAccumulator;
import dev.rotation.processor.analytics.WindowCalendar;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.time.Duration;
import java.util.Map;
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
 * Windows close on a watermark: the slowest active stage-1 source's stream time (see SourceClocks).
 */
public final class RotationTopology {
    public static final String FLOWS_STORE = "flows-windows";
    public static final String PRICES_STORE = "prices-windows";
    public static final String PRICES_DEDUPE = "prices-dedupe";
    public static final String VOLUMES_STORE = "volumes-windows";
    public static final String VOLUMES_DEDUPE = "volumes-dedupe";
    public static final String METALS_STORE = "metals-windows";
    public static final String METALS_DEDUPE = "metals-dedupe";
    public static final String SNAPSHOT_STORE = "snapshot-windows";
    public static final String HISTORY_STORE = "snapshot-history";
    /** Latest revision of every signal, by signalId: the interactive-query store behind /signals. */
    public static final String SIGNALS_STORE = "signals";
    public static final String ALERTS_SENT_STORE = "alerts-sent";
    public static final String CLOCKS_STORE = "snapshot-source-clocks";
    public static final String SNAPSHOT_REPARTITION = "snapshot-updates";

    /** What shapes the topology. */
    /**
     * @param inputPartitions partitions of the input topics (= stage-1 tasks); stage 2 waits for
     *     all of them to report before it closes a window (0 = don't wait)
     */
    public record Settings(WindowCalendar calendar, Duration grace, Duration idleTimeout, int inputPartitions,
                           int signalsRetentionWindows, AnalyticsConfig analytics) {
    }

    private RotationTopology() {
    }

    public static Topology build(Settings settings, Topics topics, ProcessorMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        WindowCalendar calendar = settings.calendar();
        Duration grace = settings.grace();
        Duration size = calendar.size();
        // dedupe ids only need to outlive the window they belong to (plus grace)
        Duration dedupeRetention = size.multipliedBy(2).plus(grace);

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FLOWS_STORE),
                Serdes.String(), new StateSerde<>(FlowAccumulator.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PRICES_STORE),
                Serdes.String(), new StateSerde<>(PriceAccumulator.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VOLUMES_STORE),
                Serdes.String(), new StateSerde<>(VolumeAccumulator.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(METALS_STORE),
                Serdes.String(), new StateSerde<>(MetalAccumulator.class)).withCachingEnabled());
        for (String dedupe : new String[] {PRICES_DEDUPE, VOLUMES_DEDUPE, METALS_DEDUPE}) {
            builder.addStateStore(Stores.windowStoreBuilder(
                    Stores.persistentWindowStore(dedupe, dedupeRetention, Duration.ofMillis(1), false),
                    Serdes.String(), Serdes.String()));
        }
        // cached: a window's state is rewritten on every update, the changelog needs it once per commit
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SNAPSHOT_STORE),
                Serdes.String(), new StateSerde<>(WindowState.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE),
                Serdes.String(), new StateSerde<>(TrailingHistory.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SIGNALS_STORE),
                Serdes.String(), topics.rotationSignals().valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERTS_SENT_STORE),
                Serdes.String(), Serdes.Integer()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLOCKS_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());

        AnalyticsConfig analytics = settings.analytics();
        KStream<String, SubjectUpdate> flows = builder
                .stream(topics.fundFlows().name(), Consumed.with(topics.fundFlows().keySerde(), topics.fundFlows().valueSerde())
                        .withTimestampExtractor(TimestampExtractors.fundFlows()).withName("flows-source"))
                .process(() -> new InputProcessors.Flows(calendar, grace, FLOWS_STORE, metrics, analytics),
                        Named.as("flows-aggregate"), FLOWS_STORE);
        KStream<String, SubjectUpdate> prices = builder
                .stream(topics.prices().name(), Consumed.with(topics.prices().keySerde(), topics.prices().valueSerde())
                        .withTimestampExtractor(TimestampExtractors.prices()).withName("prices-source"))
                .process(() -> new InputProcessors.Prices(calendar, grace, PRICES_STORE, PRICES_DEDUPE, metrics, analytics),
                        Named.as("prices-aggregate"), PRICES_STORE, PRICES_DEDUPE);
        KStream<String, SubjectUpdate> volumes = builder
                .stream(topics.volumes().name(), Consumed.with(topics.volumes().keySerde(), topics.volumes().valueSerde())
                        .withTimestampExtractor(TimestampExtractors.volumes()).withName("volumes-source"))
                .process(() -> new InputProcessors.Volumes(calendar, grace, VOLUMES_STORE, VOLUMES_DEDUPE, metrics),
                        Named.as("volumes-aggregate"), VOLUMES_STORE, VOLUMES_DEDUPE);
        KStream<String, SubjectUpdate> metals = builder
                .stream(topics.metals().name(), Consumed.with(topics.metals().keySerde(), topics.metals().valueSerde())
                        .withTimestampExtractor(TimestampExtractors.metals()).withName("metals-source"))
                .process(() -> new InputProcessors.Metals(calendar, grace, METALS_STORE, METALS_DEDUPE, metrics),
                        Named.as("metals-aggregate"), METALS_STORE, METALS_DEDUPE);

        SnapshotProcessor.Names names = new SnapshotProcessor.Names(SNAPSHOT_STORE, HISTORY_STORE, SIGNALS_STORE,
                ALERTS_SENT_STORE, CLOCKS_STORE);
        KStream<String, SpecificRecord> outputs = flows
                .merge(prices, Named.as("merge-prices"))
                .merge(volumes, Named.as("merge-volumes"))
                .merge(metals, Named.as("merge-metals"))
                // one partition: the cross-asset snapshot of a window is global by nature
                .repartition(Repartitioned.with(Serdes.String(), new StateSerde<>(SubjectUpdate.class))
                        .withName(SNAPSHOT_REPARTITION).withNumberOfPartitions(1))
                .process(() -> new SnapshotProcessor(names, analytics, size, grace, settings.idleTimeout(),
                                settings.inputPartitions(), settings.signalsRetentionWindows(), metrics),
                        Named.as("snapshot"), SNAPSHOT_STORE, HISTORY_STORE, SIGNALS_STORE, ALERTS_SENT_STORE, CLOCKS_STORE);

        Map<SignalRouting, String> signalTopics = Map.of(
                SignalRouting.ROTATION, topics.rotationSignals().name(),
                SignalRouting.RISK_APPETITE, topics.riskAppetiteSignals().name(),
                SignalRouting.MARKET, topics.marketSignals().name());
        String alertsTopic = topics.alerts().name();
        TopicNameExtractor<String, SpecificRecord> route = (key, value, ctx) -> value instanceof Signal s
                ? signalTopics.get(SignalRouting.of(s.getType())) : alertsTopic;
        outputs.to(route, Produced.with(Serdes.String(), outputSerde(topics)).withName("outputs-sink"));
        return builder.build();
    }

    /** Signals and alerts share one sink node; each is written with its own Avro serializer. */
    private static Serde<SpecificRecord> outputSerde(Topics topics) {
        Serializer<Signal> signals = topics.rotationSignals().valueSerde().serializer();
        Serializer<Alert> alerts = topics.alerts().valueSerde().serializer();
        Serializer<SpecificRecord> routing = (topic, value) -> value instanceof Alert a
                ? alerts.serialize(topic, a) : signals.serialize(topic, (Signal) value);
        return Serdes.serdeFrom(routing, (topic, bytes) -> {
            throw new UnsupportedOperationException("output serde is write-only");
        });
    }
}
