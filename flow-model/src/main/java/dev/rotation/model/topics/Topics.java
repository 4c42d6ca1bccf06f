package dev.rotation.model.topics;

import dev.rotation.model.Alert;
import dev.rotation.model.FundFlow;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.Signal;
import dev.rotation.model.VolumeBar;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroSerde;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The catalogue: every topic with its key and value serdes, built once from a registry client.
 * Keys are UTF-8 strings; values are Avro in the Confluent wire format. Dead-letter and
 * late-event topics carry the original bytes untouched.
 */
public record Topics(
        Topic<String, FundFlow> fundFlows,
        Topic<String, PriceBar> prices,
        Topic<String, VolumeBar> volumes,
        Topic<String, MetalQuote> metals,
        Topic<String, Signal> rotationSignals,
        Topic<String, Signal> riskAppetiteSignals,
        Topic<String, Signal> marketSignals,
        Topic<String, Alert> alerts,
        Topic<byte[], byte[]> deadLetter,
        Topic<byte[], byte[]> lateEvents) {

    /** The catalogue under the default names. */
    public static Topics create(SchemaRegistryClient registry, Map<String, ?> serdeConfig) {
        return create(registry, serdeConfig, "");
    }

    /** The catalogue with every topic name prefixed (e.g. per-test isolation or per-tenant). */
    public static Topics create(SchemaRegistryClient registry, Map<String, ?> serdeConfig, String prefix) {
        Serde<String> keys = Serdes.String();
        Serde<byte[]> bytes = Serdes.ByteArray();
        return new Topics(
                new Topic<>(prefix + TopicNames.FUND_FLOWS, keys, avro(registry, FundFlow.class, serdeConfig)),
                new Topic<>(prefix + TopicNames.PRICES, keys, avro(registry, PriceBar.class, serdeConfig)),
                new Topic<>(prefix + TopicNames.VOLUMES, keys, avro(registry, VolumeBar.class, serdeConfig)),
                new Topic<>(prefix + TopicNames.METALS, keys, avro(registry, MetalQuote.class, serdeConfig)),
                new Topic<>(prefix + TopicNames.SIGNALS_ROTATION, keys, avro(registry, Signal.class, serdeConfig)),
                new Topic<>(prefix + TopicNames.SIGNALS_RISK_APPETITE, keys, avro(registry, Signal.class, serdeConfig)),
                new Topic<>(prefix + TopicNames.SIGNALS_MARKET, keys, avro(registry, Signal.class, serdeConfig)),
                new Topic<>(prefix + TopicNames.ALERTS, keys, avro(registry, Alert.class, serdeConfig)),
                new Topic<>(prefix + TopicNames.DEAD_LETTER, bytes, bytes),
                new Topic<>(prefix + TopicNames.LATE_EVENTS, bytes, bytes));
    }

    private static <T extends SpecificRecord> Serde<T> avro(SchemaRegistryClient registry, Class<T> type,
                                                             Map<String, ?> serdeConfig) {
        return ConfluentAvroSerde.of(registry, type, serdeConfig, false);
    }

    public List<Topic<?, ?>> inputs() {
        return List.of(fundFlows, prices, volumes, metals);
    }

    public List<Topic<String, Signal>> signals() {
        return List.of(rotationSignals, riskAppetiteSignals, marketSignals);
    }

    public List<Topic<?, ?>> all() {
        return List.of(fundFlows, prices, volumes, metals, rotationSignals, riskAppetiteSignals, marketSignals,
                alerts, deadLetter, lateEvents);
    }
}
