package dev.rotation.processor.topology;

import dev.rotation.model.Alert;
import dev.rotation.model.FundFlow;
import dev.rotation.model.InstitutionalExposure;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.model.VolumeBar;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.registry.InMemorySchemaRegistryClient;
import dev.rotation.model.serde.AvroSerdeConfig;
import dev.rotation.model.topics.Topics;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.service.StreamsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The real topology builder on a TopologyTestDriver, with the in-memory registry, so topology logic
 * is tested in milliseconds. Inputs are piped in the order a test chooses; every signal and alert
 * emitted is collected.
 */
public final class DetectorDriver implements AutoCloseable {
    public final Topics topics;
    public final ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry());
    public final TopologyTestDriver driver;
    private final TestInputTopic<String, FundFlow> flows;
    private final TestInputTopic<String, PriceBar> prices;
    private final TestInputTopic<String, VolumeBar> volumes;
    private final TestInputTopic<String, MetalQuote> metals;
    private final TestInputTopic<String, InstitutionalExposure> exposures;
    private final TestInputTopic<byte[], byte[]> rawPrices;
    private final Map<String, TestInputTopic<byte[], byte[]>> rawInputs = new java.util.HashMap<>();
    private final List<TestOutputTopic<String, Signal>> signalOutputs = new ArrayList<>();
    private final TestOutputTopic<String, Alert> alertOutput;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<byte[], byte[]> late;
    public final List<Signal> signals = new ArrayList<>();
    public final List<Alert> alerts = new ArrayList<>();
    private final java.time.Duration idleTimeout;
    private final java.time.Duration updateInterval;
    private final java.time.Duration settleTimeout;
    private boolean holding;

    public DetectorDriver(Path stateDir) {
        this(stateDir, new Properties());
    }

    public DetectorDriver(Path stateDir, Properties overrides) {
        String scope = "ttd-" + UUID.randomUUID();
        Map<String, Object> serde =
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        AvroSerdeConfig.MOCK_URL_PREFIX + scope);
        this.topics = Topics.create(InMemorySchemaRegistryClient.scope(scope), serde);
        ProcessorConfig config = ProcessorConfig.load(overrides);
        this.idleTimeout = config.idleTimeout();
        this.updateInterval = config.updateInterval();
        this.settleTimeout = config.reportSettleTimeout();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ttd");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetteringDeserializationHandler.class);
        props.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetteringProcessingHandler.class);
        props.put(RejectionRouter.CONFIG_KEY, StreamsSettings.router(topics, metrics));
        this.driver =
                new TopologyTestDriver(
                        RotationTopology.build(
                                RotationTopology.Settings.of(config, 1), topics, metrics),
                        props);
        StringSerializer keys = new StringSerializer();
        flows =
                driver.createInputTopic(
                        topics.fundFlows().name(),
                        keys,
                        topics.fundFlows().valueSerde().serializer());
        prices =
                driver.createInputTopic(
                        topics.prices().name(), keys, topics.prices().valueSerde().serializer());
        volumes =
                driver.createInputTopic(
                        topics.volumes().name(), keys, topics.volumes().valueSerde().serializer());
        metals =
                driver.createInputTopic(
                        topics.metals().name(), keys, topics.metals().valueSerde().serializer());
        exposures =
                driver.createInputTopic(
                        topics.exposures().name(),
                        keys,
                        topics.exposures().valueSerde().serializer());
        rawPrices =
                driver.createInputTopic(
                        topics.prices().name(),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
        for (var t : topics.signals()) {
            signalOutputs.add(
                    driver.createOutputTopic(
                            t.name(), new StringDeserializer(), t.valueSerde().deserializer()));
        }
        alertOutput =
                driver.createOutputTopic(
                        topics.alerts().name(),
                        new StringDeserializer(),
                        topics.alerts().valueSerde().deserializer());
        deadLetters =
                driver.createOutputTopic(
                        topics.deadLetter().name(),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
        late =
                driver.createOutputTopic(
                        topics.lateEvents().name(),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
    }

    /** Pipes an input event keyed as the producers key it (its type's contract). */
    public DetectorDriver pipe(FundFlow f) {
        flows.pipeInput(InputEventType.FLOWS.key(f), f);
        return drain();
    }

    public DetectorDriver pipe(PriceBar p) {
        prices.pipeInput(InputEventType.PRICES.key(p), p);
        return drain();
    }

    public DetectorDriver pipe(VolumeBar v) {
        volumes.pipeInput(InputEventType.VOLUMES.key(v), v);
        return drain();
    }

    public DetectorDriver pipe(MetalQuote m) {
        metals.pipeInput(InputEventType.METALS.key(m), m);
        return drain();
    }

    public DetectorDriver pipe(InstitutionalExposure e) {
        exposures.pipeInput(InputEventType.EXPOSURES.key(e), e);
        return drain();
    }

    /**
     * Wall clock moves past the idle timeout: feeds that stopped delivering no longer hold windows
     * open.
     */
    public DetectorDriver idle() {
        driver.advanceWallClockTime(idleTimeout.plusSeconds(1));
        return drain();
    }

    /**
     * Wall clock moves past the report settle timeout: reports still missing rows stop being waited
     * for.
     */
    public DetectorDriver settle() {
        driver.advanceWallClockTime(settleTimeout.plusSeconds(1));
        return drain();
    }

    public DetectorDriver pipeRawPrice(byte[] key, byte[] value) {
        rawPrices.pipeInput(key, value);
        return drain();
    }

    /**
     * Pipes a record exactly as a producer sent it: topic, key and value bytes, record timestamp.
     */
    public DetectorDriver pipeRaw(String topic, byte[] key, byte[] value, long timestamp) {
        rawInputs
                .computeIfAbsent(
                        topic,
                        t ->
                                driver.createInputTopic(
                                        t, new ByteArraySerializer(), new ByteArraySerializer()))
                .pipeInput(key, value, timestamp);
        return drain();
    }

    public DetectorDriver pipeWithKey(String key, PriceBar p) {
        prices.pipeInput(key, p);
        return drain();
    }

    /**
     * Pipes what {@code inputs} pipes with the wall clock standing still, so stage 1 holds every
     * change as pending (nothing reaches stage 2 unless a window closes or the batch bound is hit).
     */
    public DetectorDriver hold(Runnable inputs) {
        holding = true;
        try {
            inputs.run();
        } finally {
            holding = false;
        }
        return this;
    }

    /** {@link #hold}, then one update interval passes: stage 1 sends the batch. */
    public DetectorDriver batch(Runnable inputs) {
        return hold(inputs).drain();
    }

    private DetectorDriver drain() {
        if (!holding) {
            // stage 1 sends its changed subjects every window.update.interval of wall clock
            driver.advanceWallClockTime(
                    updateInterval.isZero() ? java.time.Duration.ofMillis(1) : updateInterval);
        }
        for (TestOutputTopic<String, Signal> t : signalOutputs) {
            t.readValuesToList().forEach(signals::add);
        }
        alerts.addAll(alertOutput.readValuesToList());
        return this;
    }

    public List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    public List<TestRecord<byte[], byte[]>> lateEvents() {
        return late.readRecordsToList();
    }

    /** Latest record of each signalId, in emission order. */
    public Map<String, Signal> latest() {
        Map<String, Signal> out = new java.util.LinkedHashMap<>();
        signals.forEach(s -> out.put(s.getSignalId(), s));
        return out;
    }

    public List<Signal> latest(SignalType type, SignalStatus status) {
        return latest().values().stream()
                .filter(s -> s.getType() == type && s.getStatus() == status)
                .collect(Collectors.toList());
    }

    public List<Signal> emitted(SignalType type) {
        return signals.stream().filter(s -> s.getType() == type).collect(Collectors.toList());
    }

    public static String header(Headers headers, String key) {
        var h = headers.lastHeader(key);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String header(ConsumerRecord<?, ?> r, String key) {
        return header(r.headers(), key);
    }

    @Override
    public void close() {
        driver.close();
    }
}
