package dev.rotation.platform;

import dev.rotation.model.config.ConnectionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local platform: a single-node Kafka broker and a Confluent-compatible Schema Registry in this
 * JVM. Used by the embedded demo, the {@code platform} command and the integration tests.
 */
public final class LocalPlatform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);

    private final PlatformConfig config;
    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private Admin admin;
    private boolean closed;

    private LocalPlatform(
            PlatformConfig config, EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.config = config;
        this.broker = broker;
        this.registry = registry;
    }

    /** Starts the broker, then the registry on top of it. */
    public static LocalPlatform start(PlatformConfig config) {
        LOG.info("Starting local platform: {}", config);
        EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.start(
                        new EmbeddedKafkaBroker.Config(
                                config.host(),
                                config.kafkaPort(),
                                0,
                                config.dataDir().resolve("kafka"),
                                Map.of()));
        try {
            EmbeddedSchemaRegistry registry =
                    EmbeddedSchemaRegistry.start(
                            broker.bootstrapServers(),
                            EmbeddedSchemaRegistry.Config.defaults()
                                    .withHost(config.host())
                                    .withPort(config.registryPort())
                                    .withBasicAuth(config.registryBasicAuth()));
            return new LocalPlatform(config, broker, registry);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** Free ports, data under {@code dir}. */
    public static LocalPlatform startForTests(Path dir) {
        return start(PlatformConfig.forTests(dir));
    }

    public PlatformConfig config() {
        return config;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public EmbeddedSchemaRegistry registry() {
        return registry;
    }

    /** How clients reach this platform (bootstrap servers, registry URL and credentials). */
    public ConnectionSettings connectionSettings() {
        Map<String, String> registryProps = new LinkedHashMap<>();
        if (config.registryBasicAuth() != null) {
            registryProps.put("basic.auth.credentials.source", "USER_INFO");
            registryProps.put("basic.auth.user.info", config.registryBasicAuth());
        }
        return new ConnectionSettings(bootstrapServers(), registryUrl(), Map.of(), registryProps);
    }

    /** A shared admin client, closed with the platform. */
    public synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("platform is closed");
        }
        if (admin == null) {
            admin =
                    Admin.create(
                            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        }
        return admin;
    }

    /** Creates the topics; topics that already exist are left as they are. */
    public void createTopics(Collection<NewTopic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        CreateTopicsResult result = admin().createTopics(List.copyOf(topics));
        for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> e :
                result.values().entrySet()) {
            try {
                e.getValue().get(30, TimeUnit.SECONDS);
                LOG.debug("Created topic '{}'", e.getKey());
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "Cannot create topic '" + e.getKey() + "': " + ex.getCause(),
                            ex.getCause());
                }
            } catch (TimeoutException ex) {
                throw new IllegalStateException(
                        "Timed out creating topic '" + e.getKey() + "'", ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "Interrupted while creating topic '" + e.getKey() + "'", ex);
            }
        }
    }

    /** Stops the registry, then the broker; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
