package dev.rotation.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run
 * in-process from the Kafka jars. The storage directory is formatted on first start and reused
 * afterwards, so {@link #restart()} and a new process on the same data directory keep the data.
 *
 * <p>Replication factors and ISR minimums are 1 so that consumer groups, transactions and
 * exactly-once processing work on one node.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How to run the broker.
     *
     * @param host address the client listener binds to and advertises (127.0.0.1 by default)
     * @param port client listener port; 0 picks a free port once, kept across restarts
     * @param controllerPort KRaft controller listener port; 0 picks a free port once
     * @param dataDir directory for the log and metadata; created when absent
     * @param brokerProperties extra broker properties, applied last (they win over the defaults)
     */
    public record Config(
            String host,
            int port,
            int controllerPort,
            Path dataDir,
            Map<String, String> brokerProperties) {
        public Config {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(dataDir, "dataDir");
            if (port < 0 || port > 65535 || controllerPort < 0 || controllerPort > 65535) {
                throw new IllegalArgumentException(
                        "ports must be in [0, 65535], got " + port + " and " + controllerPort);
            }
            brokerProperties = Map.copyOf(brokerProperties);
        }

        /** Loopback, free ports, the given data directory. */
        public static Config of(Path dataDir) {
            return new Config("127.0.0.1", 0, 0, dataDir, Map.of());
        }

        public Config withHost(String newHost) {
            return new Config(newHost, port, controllerPort, dataDir, brokerProperties);
        }

        public Config withPort(int newPort) {
            return new Config(host, newPort, controllerPort, dataDir, brokerProperties);
        }

        public Config withControllerPort(int newPort) {
            return new Config(host, port, newPort, dataDir, brokerProperties);
        }

        public Config withProperty(String key, String value) {
            Map<String, String> m = new LinkedHashMap<>(brokerProperties);
            m.put(key, value);
            return new Config(host, port, controllerPort, dataDir, m);
        }
    }

    private final String host;
    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final Map<String, String> extra;
    private final DataDirLock dataDirLock;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(Config config) {
        this.host = config.host();
        this.port = config.port() == 0 ? freePort(config.host()) : config.port();
        int cport =
                config.controllerPort() == 0 ? freePort(config.host()) : config.controllerPort();
        while (cport == port) {
            cport = freePort(config.host());
        }
        this.controllerPort = cport;
        this.logDir = config.dataDir().toAbsolutePath().resolve("kraft-combined-logs");
        this.extra = config.brokerProperties();
        this.dataDirLock = DataDirLock.acquire(config.dataDir().toAbsolutePath());
    }

    /** Formats the storage if needed, starts the broker and waits until it serves clients. */
    public static EmbeddedKafkaBroker start(Config config) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config);
        try {
            broker.startServer();
        } catch (RuntimeException e) {
            broker.dataDirLock.close();
            throw e;
        }
        return broker;
    }

    /** {@code host:port} of the client listener. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path logDir() {
        return logDir;
    }

    /** Stops the broker and starts it again on the same ports and data directory. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("broker is closed");
        }
        LOG.info("Restarting embedded Kafka broker on {}", bootstrapServers());
        stopServer();
        startServer();
    }

    /** Clean shutdown; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopServer();
        } finally {
            dataDirLock.close();
        }
        LOG.info("Embedded Kafka broker on {} stopped", bootstrapServers());
    }

    private synchronized void startServer() {
        long t0 = System.nanoTime();
        // fail fast and clearly: Kafka would start its controller before noticing a taken port
        requireFreePort(host, port, "Kafka");
        requireFreePort(host, controllerPort, "KRaft controller");
        Properties props = brokerProperties();
        KafkaConfig kafkaConfig = new KafkaConfig(props, false);
        formatIfNeeded();
        KafkaRaftServer s = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        try {
            s.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(s);
            throw new IllegalStateException(
                    "Embedded Kafka broker failed to start on " + bootstrapServers() + ": " + e, e);
        }
        server = s;
        try {
            awaitReady();
        } catch (RuntimeException e) {
            stopServer();
            throw e;
        }
        LOG.info(
                "Embedded Kafka broker ready on {} (controller {}, data {}) in {} ms",
                bootstrapServers(),
                controllerPort,
                logDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private void stopServer() {
        KafkaRaftServer s = server;
        server = null;
        if (s != null) {
            shutdownQuietly(s);
        }
    }

    private static void shutdownQuietly(KafkaRaftServer s) {
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Error while shutting down the embedded Kafka broker: {}", e.toString());
        }
    }

    Properties brokerProperties() {
        Properties p = new Properties();
        String controller = host + ":" + controllerPort;
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + controller);
        p.put(
                "listeners",
                "PLAINTEXT://"
                        + host
                        + ":"
                        + port
                        + ","
                        + CONTROLLER_LISTENER
                        + "://"
                        + controller);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        // one node: every internal topic has one replica, so transactions and EOS can work
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        // records carry event time; a local broker replaying older data (the bundled sample is from
        // 2025-26) must not delete it by age before it is read: keep logs until told otherwise
        p.put("log.retention.ms", "-1");
        // a local broker on a small machine: few threads, a small cleaner buffer
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(32L * 1024 * 1024));
        p.put("controlled.shutdown.enable", "true");
        p.put("controller.quorum.election.timeout.ms", "1000");
        p.put("controller.quorum.fetch.timeout.ms", "2000");
        extra.forEach(p::put);
        return p;
    }

    private void formatIfNeeded() {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setUnstableFeatureVersionsEnabled(false)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka data directory " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the broker answers metadata requests through its client listener. */
    private void awaitReady() {
        Map<String, Object> cfg =
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(cfg)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the broker", e);
                } catch (Exception e) {
                    LOG.debug("Broker not ready yet: {}", e.toString());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Embedded Kafka broker on "
                                    + bootstrapServers()
                                    + " not ready after "
                                    + READY_TIMEOUT.toSeconds()
                                    + " s");
                }
                // back-off between readiness probes; the probe, not the pause, decides
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    private static void requireFreePort(String host, int port, String what) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new IllegalStateException(
                    what
                            + " port "
                            + host
                            + ":"
                            + port
                            + " is already in use ("
                            + e.getMessage()
                            + "); stop the other process or choose another port",
                    e);
        }
    }

    /** A free TCP port on the host, found by binding port 0 and closing the socket again. */
    static int freePort(String host) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + host, e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", data=" + logDir + "]";
    }
}
