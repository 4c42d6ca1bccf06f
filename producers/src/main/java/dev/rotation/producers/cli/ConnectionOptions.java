package dev.rotation.producers.cli;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.producers.publish.TopicSetup;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every produce subcommand shares: where the cluster and registry are, and topic set-up. */
public final class ConnectionOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka bootstrap servers (else $KAFKA_BOOTSTRAP_SERVERS, the --config file, 127.0.0.1:9092).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema Registry URL (else $SCHEMA_REGISTRY_URL, the --config file, http://127.0.0.1:8081).")
    String schemaRegistryUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Client properties file: bootstrap.servers, schema.registry.url, security.protocol, ssl.*, sasl.*, "
                    + "basic.auth.*, producer settings. Secrets are never printed.")
    Path config;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Prefix of every topic name (default: none).")
    String topicPrefix;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + TopicSetup.DEFAULT_PARTITIONS,
            description = "Partitions of the topics created when absent (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--create-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Create the input and dead-letter topics when absent (default: ${DEFAULT-VALUE}).")
    boolean createTopics;

    ConnectionSettings resolve(Map<String, String> env) {
        return ConnectionSettings.resolve(bootstrapServers, schemaRegistryUrl, config, env);
    }
}
