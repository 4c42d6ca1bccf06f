package dev.rotation.model.topics;

import dev.rotation.model.Alert;
import dev.rotation.model.FundFlow;
import dev.rotation.model.InstitutionalExposure;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.Signal;
import dev.rotation.model.VolumeBar;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroSerde;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The catalogue: every topic with its key and value serdes, built once from a registry client, and
 * how each is created ({@link #specs}). Keys are UTF-8 strings; values are Avro in the Confluent
 * wire format. Dead-letter, late-event and undelivered-alert topics carry the original bytes
 * untouched. What each input topic carries (key, event time, validation) is its {@link
 * dev.rotation.model.events.InputEventType}.
 */
public record Topics(
        Topic<String, FundFlow> fundFlows,
        Topic<String, PriceBar> prices,
        Topic<String, VolumeBar> volumes,
        Topic<String, MetalQuote> metals,
        Topic<String, InstitutionalExposure> exposures,
        Topic<String, Signal> rotationSignals,
        Topic<String, Signal> riskAppetiteSignals,
        Topic<String, Signal> marketSignals,
        Topic<String, Alert> alerts,
        Topic<byte[], byte[]> deadLetter,
        Topic<byte[], byte[]> lateEvents,
        Topic<byte[], byte[]> undeliveredAlerts) {

    /**
     * Partitions of each signal topic. Signals are keyed by signalId, so one signal's revisions
     * stay in order on one partition whatever the count.
     */
    public static final int SIGNAL_PARTITIONS = 3;

    /**
     * Partitions of the alerts, dead-letter, late-event and undelivered-alert topics: low volume,
     * and one partition lets a reader see them in the order they were written.
     */
    public static final int SINGLE_PARTITION = 1;

    /** The catalogue under the default names. */
    public static Topics create(SchemaRegistryClient registry, Map<String, ?> serdeConfig) {
        return create(registry, serdeConfig, "");
    }

    /** The catalogue with every topic name prefixed (e.g. per-test isolation or per-tenant). */
    public static Topics create(
            SchemaRegistryClient registry, Map<String, ?> serdeConfig, String prefix) {
        Serde<String> keys = Serdes.String();
        Serde<byte[]> bytes = Serdes.ByteArray();
        return new Topics(
                new Topic<>(
                        prefix + TopicNames.FUND_FLOWS,
                        keys,
                        avro(registry, FundFlow.class, serdeConfig)),
                new Topic<>(
                        prefix + TopicNames.PRICES,
                        keys,
                        avro(registry, PriceBar.class, serdeConfig)),
                new Topic<>(
                        prefix + TopicNames.VOLUMES,
                        keys,
                        avro(registry, VolumeBar.class, serdeConfig)),
                new Topic<>(
                        prefix + TopicNames.METALS,
                        keys,
                        avro(registry, MetalQuote.class, serdeConfig)),
                new Topic<>(
                        prefix + TopicNames.INSTITUTIONAL_EXPOSURES,
                        keys,
                        avro(registry, InstitutionalExposure.class, serdeConfig)),
                new Topic<>(
                        prefix + TopicNames.SIGNALS_ROTATION,
                        keys,
                        avro(registry, Signal.class, serdeConfig)),
                new Topic<>(
                        prefix + TopicNames.SIGNALS_RISK_APPETITE,
                        keys,
                        avro(registry, Signal.class, serdeConfig)),
                new Topic<>(
                        prefix + TopicNames.SIGNALS_MARKET,
                        keys,
                        avro(registry, Signal.class, serdeConfig)),
                new Topic<>(
                        prefix + TopicNames.ALERTS, keys, avro(registry, Alert.class, serdeConfig)),
                new Topic<>(prefix + TopicNames.DEAD_LETTER, bytes, bytes),
                new Topic<>(prefix + TopicNames.LATE_EVENTS, bytes, bytes),
                new Topic<>(prefix + TopicNames.ALERTS_UNDELIVERED, bytes, bytes));
    }

    private static <T extends SpecificRecord> Serde<T> avro(
            SchemaRegistryClient registry, Class<T> type, Map<String, ?> serdeConfig) {
        return ConfluentAvroSerde.of(registry, type, serdeConfig, false);
    }

    public List<Topic<?, ?>> inputs() {
        return List.of(fundFlows, prices, volumes, metals, exposures);
    }

    public List<Topic<String, Signal>> signals() {
        return List.of(rotationSignals, riskAppetiteSignals, marketSignals);
    }

    public List<Topic<?, ?>> all() {
        return List.of(
                fundFlows,
                prices,
                volumes,
                metals,
                exposures,
                rotationSignals,
                riskAppetiteSignals,
                marketSignals,
                alerts,
                deadLetter,
                lateEvents,
                undeliveredAlerts);
    }

    /**
     * The topics producers write, and so create when absent: the inputs and the dead-letter topic.
     */
    public List<Topic<?, ?>> producerTopics() {
        return List.of(fundFlows, prices, volumes, metals, exposures, deadLetter);
    }

    /**
     * How one of this catalogue's topics is created: inputs get {@code settings.inputPartitions()},
     * signal topics {@link #SIGNAL_PARTITIONS}, the others {@link #SINGLE_PARTITION}; every topic
     * gets the settings' replication factor, {@code cleanup.policy=delete} and the settings' {@code
     * retention.ms}.
     *
     * @throws IllegalArgumentException when the topic is not one of this catalogue's
     */
    public TopicSpec spec(Topic<?, ?> topic, TopicSettings settings) {
        int partitions;
        if (inputs().contains(topic)) {
            partitions = settings.inputPartitions();
        } else if (signals().contains(topic)) {
            partitions = SIGNAL_PARTITIONS;
        } else if (all().contains(topic)) {
            partitions = SINGLE_PARTITION;
        } else {
            throw new IllegalArgumentException(
                    "Topic " + topic.name() + " is not in this catalogue");
        }
        return new TopicSpec(
                topic.name(),
                partitions,
                settings.replicationFactor(),
                Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(settings.retentionMs())));
    }

    /** The specs of the given topics of this catalogue, in their order. */
    public List<TopicSpec> specs(List<Topic<?, ?>> topics, TopicSettings settings) {
        return topics.stream().map(t -> spec(t, settings)).toList();
    }

    /** The specs of every topic, in catalogue order. */
    public List<TopicSpec> specs(TopicSettings settings) {
        return specs(all(), settings);
    }
}
