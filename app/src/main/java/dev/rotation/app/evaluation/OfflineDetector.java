package dev.rotation.app.evaluation;

import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.registry.InMemorySchemaRegistryClient;
import dev.rotation.model.serde.AvroSerdeConfig;
import dev.rotation.model.topics.Topics;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.service.StreamsSettings;
import dev.rotation.processor.topology.DeadLetteringDeserializationHandler;
import dev.rotation.processor.topology.DeadLetteringProcessingHandler;
import dev.rotation.processor.topology.RejectionRouter;
import dev.rotation.processor.topology.RotationTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production topology ({@link RotationTopology#build}, built from a {@link ProcessorConfig}) on
 * a {@link TopologyTestDriver}: no broker, no registry server (an in-memory one), the same rules,
 * windows and lifecycle as the processor. Events are piped in the order given, keyed as the
 * producers key them.
 */
public final class OfflineDetector implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final Topics topics;
    private final Duration updateInterval;
    private final Duration idleTimeout;
    private final Map<InputEventType, TestInputTopic<String, SpecificRecord>> inputs =
            new EnumMap<>(InputEventType.class);
    private final List<TestOutputTopic<String, Signal>> outputs = new ArrayList<>();
    private final Map<String, Signal> latest = new LinkedHashMap<>();
    private long lastEventTime = Long.MIN_VALUE;

    /**
     * @param config the processor configuration (thresholds included)
     * @param stateDir a scratch folder for the driver's state stores
     */
    public OfflineDetector(ProcessorConfig config, Path stateDir) {
        String scope = "evaluate-" + UUID.randomUUID();
        this.topics =
                Topics.create(
                        InMemorySchemaRegistryClient.scope(scope),
                        Map.of(
                                AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                                AvroSerdeConfig.MOCK_URL_PREFIX + scope));
        this.updateInterval =
                config.updateInterval().isZero() ? Duration.ofMillis(1) : config.updateInterval();
        this.idleTimeout = config.idleTimeout();
        ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "evaluate");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
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
        for (var t : topics.signals()) {
            outputs.add(
                    driver.createOutputTopic(
                            t.name(), new StringDeserializer(), t.valueSerde().deserializer()));
        }
    }

    /**
     * Pipes one input event (any of the five input types). The wall clock moves one update interval
     * each time event time moves on, so the events of one instant (a day's bars, a report's rows)
     * reach stage 2 as one batch, as they would from a live feed.
     */
    public void pipe(SpecificRecord event) {
        InputEventType type = InputEventType.of(event);
        long time = type.eventTime(event);
        if (time != lastEventTime) {
            driver.advanceWallClockTime(updateInterval);
            drain();
            lastEventTime = time;
        }
        inputs.computeIfAbsent(type, this::input).pipeInput(type.key(event), event);
    }

    /** Pipes every event, in order. */
    public void pipeAll(Iterable<? extends SpecificRecord> events) {
        for (SpecificRecord e : events) {
            pipe(e);
        }
        driver.advanceWallClockTime(updateInterval);
        // feeds have stopped: they no longer hold windows open
        driver.advanceWallClockTime(idleTimeout.plusSeconds(1));
        drain();
    }

    /** The latest revision of every signal whose latest status is FINAL, in emission order. */
    public List<Signal> finals() {
        return latest.values().stream().filter(s -> s.getStatus() == SignalStatus.FINAL).toList();
    }

    @SuppressWarnings("unchecked")
    private TestInputTopic<String, SpecificRecord> input(InputEventType type) {
        var topic = type.topic(topics);
        return driver.createInputTopic(
                topic.name(),
                new StringSerializer(),
                (Serializer<SpecificRecord>) topic.valueSerde().serializer());
    }

    private void drain() {
        for (TestOutputTopic<String, Signal> t : outputs) {
            for (Signal s : t.readValuesToList()) {
                latest.put(s.getSignalId(), s);
            }
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
