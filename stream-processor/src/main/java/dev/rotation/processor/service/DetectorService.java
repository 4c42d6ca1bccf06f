package dev.rotation.processor.service;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.topics.Topics;
import dev.rotation.processor.analytics.RotationGraph;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.HttpEndpoints;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.query.DetectorQueries;
import dev.rotation.processor.query.SignalRevisions;
import dev.rotation.processor.topology.RotationTopology;
import dev.rotation.processor.topology.SignalRouting;
import dev.rotation.processor.topology.SnapshotQueries;
import dev.rotation.processor.web.WebApi;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the detector's lifecycle: topics, the Kafka Streams client, its metrics, the read side
 * ({@link #queries()}) and the HTTP endpoints, with the web view for desks ({@link #webViewUrl()}).
 * Start once, close once (the shutdown hook of the CLI calls {@link #close}).
 *
 * <p>Each instance advertises its HTTP address to the others as Kafka Streams' {@code
 * application.server}, so that any instance can forward a query to the one that hosts stage 2: the
 * bind address and the bound port, or, when bound to every interface, this host's address. {@code
 * streams.application.server} overrides it (e.g. behind NAT).
 */
public final class DetectorService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DetectorService.class);

    private final ProcessorConfig config;
    private final ConnectionSettings connection;
    private final PrometheusMeterRegistry registry;
    private final ProcessorMetrics metrics;
    private final AtomicReference<KafkaStreams.State> state =
            new AtomicReference<>(KafkaStreams.State.CREATED);
    private final AtomicLong stateSince = new AtomicLong(System.currentTimeMillis());
    private SchemaRegistryClient registryClient;
    private Topics topics;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private JvmGcMetrics gcMetrics;
    private HttpEndpoints http;
    private DetectorQueries queries;
    private SignalRevisions revisions;

    public DetectorService(ProcessorConfig config, ConnectionSettings connection) {
        this.config = config;
        this.connection = connection;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new ProcessorMetrics(registry);
    }

    /** Creates missing topics, starts the streams client and the HTTP endpoints. */
    public synchronized DetectorService start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        LOG.info("Starting rotation detector '{}' against {}", config.applicationId(), connection);
        registryClient = connection.newRegistryClient();
        topics = Topics.create(registryClient, connection.serdeConfig(), config.topicPrefix());
        int inputPartitions =
                TopicSetup.ensure(
                        connection.kafkaClientConfig(), topics, TopicSetup.settings(config));
        Topology topology =
                RotationTopology.build(
                        RotationTopology.Settings.of(config, inputPartitions), topics, metrics);
        LOG.debug("Topology:\n{}", topology.describe());
        // bound before the Streams client is configured: a port of 0 is only known once bound
        http =
                new HttpEndpoints(
                        config.httpBind(),
                        config.httpPort(),
                        registry,
                        this::health,
                        config.rebalancingGrace());
        String endpoint = applicationServer(http.port());
        HostInfo advertised = HostInfo.buildFromEndpoint(endpoint);
        queries =
                new SnapshotQueries(
                        () -> streams,
                        advertised,
                        new RotationGraph(
                                config.analytics().relativeRotation(),
                                config.analytics().assets()));
        streams = newStreams(topology, endpoint);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        revisions = new SignalRevisions(connection, type -> signalTopic(type));
        http.start(queries, new WebApi(config.analytics(), revisions), advertised);
        try {
            streams.start();
        } catch (ProcessorStateException e) {
            // A hard stop (SIGKILL, power loss) can leave a RocksDB store half-created, and Kafka
            // Streams 4.x opens existing stores inside start(). Local state is only a cache of the
            // changelog topics, so it is wiped and restored rather than left to block the restart.
            LOG.warn(
                    "Local state under {} cannot be opened ({}); a hard stop can leave a store half-written. "
                            + "Wiping this instance's local state: it is restored from the changelog topics.",
                    config.stateDir(),
                    rootCause(e).getMessage());
            streamsMetrics.close();
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
            streams = newStreams(topology, endpoint);
            streams.start();
        }
        return this;
    }

    /**
     * A Kafka Streams client for the topology, with this service's state listener, thread handler
     * and metrics.
     */
    private KafkaStreams newStreams(Topology topology, String applicationServer) {
        Properties props = StreamsSettings.streamsConfig(config, connection, topics, metrics);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        KafkaStreams s = new KafkaStreams(topology, props);
        s.setStateListener(
                (newState, oldState) -> {
                    state.set(newState);
                    stateSince.set(System.currentTimeMillis());
                    LOG.info("Streams state {} -> {}", oldState, newState);
                });
        // a failed thread (e.g. the registry unreachable past its retries) is replaced and resumes
        // from the last commit; exactly-once makes the retry safe
        s.setUncaughtExceptionHandler(
                e -> {
                    LOG.error("Stream thread failed; replacing it", e);
                    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                            .REPLACE_THREAD;
                });
        streamsMetrics = new KafkaStreamsMetrics(s);
        streamsMetrics.bindTo(registry);
        return s;
    }

    /**
     * The {@code host:port} other instances reach this one's HTTP endpoints at: the configured
     * {@code streams.application.server}, else the bind address and the bound port, with this
     * host's address in place of a wildcard bind (0.0.0.0, ::).
     */
    private String applicationServer(int boundPort) {
        String configured = config.streamsOverrides().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String host = config.httpBind();
        try {
            if (host.isBlank() || InetAddress.getByName(host).isAnyLocalAddress()) {
                host = InetAddress.getLocalHost().getHostAddress();
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(
                    "Cannot resolve an address other instances can reach for http.bind="
                            + host
                            + ": "
                            + e.getMessage()
                            + "; set streams.application.server=HOST:PORT",
                    e);
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + boundPort;
    }

    /** The signal topic a signal type is written to. */
    private String signalTopic(dev.rotation.model.SignalType type) {
        return switch (SignalRouting.of(type)) {
            case ROTATION -> topics.rotationSignals().name();
            case RISK_APPETITE -> topics.riskAppetiteSignals().name();
            case MARKET -> topics.marketSignals().name();
        };
    }

    private HttpEndpoints.StreamsHealth health() {
        return new HttpEndpoints.StreamsHealth(
                state.get(),
                stateSince.get(),
                metrics.registryFailingSince(),
                config.applicationId());
    }

    /**
     * Whether the configuration makes this instance a static group member ({@code
     * streams.group.instance.id}, or the same key for the main consumer).
     */
    static boolean staticMember(ProcessorConfig config) {
        return config.streamsOverrides().keySet().stream()
                .anyMatch(
                        k ->
                                k.equals(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                                        || k.endsWith(
                                                "consumer."
                                                        + ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    public KafkaStreams.State state() {
        return state.get();
    }

    public long stateSince() {
        return stateSince.get();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /**
     * The read side: signals, windows and their metrics, a signal's kept revisions. Questions about
     * state another instance hosts throw {@link
     * dev.rotation.processor.query.QueryUnavailableException} naming it; the HTTP endpoints forward
     * them. Null before {@link #start}.
     */
    public DetectorQueries queries() {
        return queries;
    }

    public ProcessorMetrics metrics() {
        return metrics;
    }

    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    public Topics topics() {
        return topics;
    }

    public ProcessorConfig config() {
        return config;
    }

    /** Port the HTTP endpoints listen on (useful when configured as 0). */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Where the web view for desks is served: {@link #httpBase()} followed by {@code /}. */
    public String webViewUrl() {
        return http == null ? null : httpBase() + "/";
    }

    public String httpBase() {
        return http == null ? null : "http://" + config.httpBind() + ":" + http.port();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Closes the Streams client within the timeout (committing, and writing each store's changelog
     * offset, so that a restart on the same state directory reuses the local state), then the
     * metrics, HTTP endpoints and registry client.
     *
     * <p>A dynamic group member leaves the consumer group on close. Kafka Streams otherwise stays
     * in the group, and a restarted instance waits for the closed member's session to expire
     * ({@code session.timeout.ms}, 45 s by default) before it gets its tasks back, as do the other
     * instances before they take them over. A static member ({@code group.instance.id} set) keeps
     * its place: its successor takes over without a rebalance.
     */
    public synchronized void close(Duration timeout) {
        if (streams != null) {
            LOG.info("Stopping rotation detector");
            streams.close(
                    CloseOptions.timeout(timeout)
                            .withGroupMembershipOperation(
                                    staticMember(config)
                                            ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                                            : CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (gcMetrics != null) {
            gcMetrics.close();
        }
        if (http != null) {
            http.stop();
        }
        if (revisions != null) {
            revisions.close();
        }
        if (registryClient != null) {
            registryClient.close();
        }
    }
}
