package dev.rotation.model.cli;

import dev.rotation.model.config.ConnectionSettings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of every command that connects to a cluster ({@code produce ...}, {@code process},
 * {@code alerts}), as a picocli mixin so the names are the same everywhere. A flag wins over an
 * environment variable, which wins over the {@code --client-config} file, which wins over the local
 * defaults (see {@link ConnectionSettings#resolve}).
 */
public final class ConnectionOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description =
                    "Kafka bootstrap servers (else $"
                            + ConnectionSettings.ENV_BOOTSTRAP
                            + ", bootstrap.servers in --client-config, "
                            + ConnectionSettings.DEFAULT_BOOTSTRAP
                            + ").")
    String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            paramLabel = "URL",
            description =
                    "Schema Registry URL (else $"
                            + ConnectionSettings.ENV_REGISTRY
                            + ", schema.registry.url in --client-config, "
                            + ConnectionSettings.DEFAULT_REGISTRY
                            + ").")
    String schemaRegistryUrl;

    @Option(
            names = "--client-config",
            paramLabel = "FILE",
            description =
                    "Client properties file: security.protocol, ssl.*, sasl.*, basic.auth.* and other Kafka "
                            + "client settings (also read: $KAFKA_SECURITY_PROTOCOL, $KAFKA_SASL_*, $KAFKA_SSL_*). "
                            + "Secrets are never printed.")
    Path clientConfig;

    @Option(
            names = "--debug",
            description =
                    "When the command fails, print the stack trace after the one-line message.")
    boolean debug;

    private volatile ConnectionSettings resolved;

    /**
     * The settings these options, the environment and the client properties file give; remembered,
     * so an error reported later names the address the command used.
     *
     * @throws UserError (exit {@link CommandErrors#EXIT_USAGE}) when the client properties file
     *     does not exist or cannot be read
     */
    public ConnectionSettings settings(Map<String, String> env) {
        try {
            resolved =
                    ConnectionSettings.resolve(
                            bootstrapServers, schemaRegistryUrl, clientConfig, env);
        } catch (IllegalArgumentException e) {
            throw new UserError(
                    e.getMessage() + " (--client-config).", CommandErrors.EXIT_USAGE, e);
        }
        return resolved;
    }

    /** The settings of the last {@link #settings} call, or null before it. */
    public ConnectionSettings resolved() {
        return resolved;
    }
}
