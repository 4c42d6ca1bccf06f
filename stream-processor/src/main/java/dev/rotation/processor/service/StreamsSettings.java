package dev.rotation.processor.service;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.topics.Topics;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.topology.DeadLetteringDeserializationHandler;
import dev.rotation.processor.topology.DeadLetteringProcessingHandler;
import dev.rotation.processor.topology.RejectionRouter;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the detector, derived from its typed configuration. */
public final class StreamsSettings {
    private StreamsSettings() {}

    public static Properties streamsConfig(
            ProcessorConfig config,
            ConnectionSettings connection,
            Topics topics,
            ProcessorMetrics metrics) {
        Properties p = new Properties();
        p.putAll(connection.kafkaClientConfig());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        p.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetteringDeserializationHandler.class);
        p.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetteringProcessingHandler.class);
        p.put(RejectionRouter.CONFIG_KEY, router(topics, metrics));
        p.putAll(config.streamsOverrides());
        return p;
    }

    public static RejectionRouter router(Topics topics, ProcessorMetrics metrics) {
        return new RejectionRouter(
                topics.deadLetter().name(),
                topics.lateEvents().name(),
                InputEventType.byTopicName(topics),
                metrics);
    }
}
