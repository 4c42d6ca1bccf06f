package dev.rotation.platform;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the local platform listens and keeps its data.
 *
 * @param host address both servers bind to and advertise (loopback unless configured)
 * @param kafkaPort Kafka client port, 9092 by default; 0 picks a free port
 * @param registryPort Schema Registry port, 8081 by default; 0 picks a free port
 * @param dataDir directory for the broker's log and metadata (the registry's state is in Kafka)
 * @param registryBasicAuth {@code user:password} to protect the registry with basic auth, or null
 */
public record PlatformConfig(
        String host, int kafkaPort, int registryPort, Path dataDir, String registryBasicAuth) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_REGISTRY_PORT = 8081;
    public static final Path DEFAULT_DATA_DIR = Path.of("data", "platform");

    public PlatformConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        if (kafkaPort < 0 || kafkaPort > 65535) {
            throw new IllegalArgumentException(
                    "kafka port must be in [0, 65535], got " + kafkaPort);
        }
        if (registryPort < 0 || registryPort > 65535) {
            throw new IllegalArgumentException(
                    "registry port must be in [0, 65535], got " + registryPort);
        }
    }

    /** 127.0.0.1, Kafka on 9092, the registry on 8081, data under ./data/platform. */
    public static PlatformConfig defaults() {
        return new PlatformConfig(
                DEFAULT_HOST, DEFAULT_KAFKA_PORT, DEFAULT_REGISTRY_PORT, DEFAULT_DATA_DIR, null);
    }

    /** Free ports and the given data directory: for tests and parallel runs. */
    public static PlatformConfig forTests(Path dataDir) {
        return new PlatformConfig(DEFAULT_HOST, 0, 0, dataDir, null);
    }

    public PlatformConfig withKafkaPort(int port) {
        return new PlatformConfig(host, port, registryPort, dataDir, registryBasicAuth);
    }

    public PlatformConfig withRegistryPort(int port) {
        return new PlatformConfig(host, kafkaPort, port, dataDir, registryBasicAuth);
    }

    public PlatformConfig withDataDir(Path dir) {
        return new PlatformConfig(host, kafkaPort, registryPort, dir, registryBasicAuth);
    }

    public PlatformConfig withHost(String newHost) {
        return new PlatformConfig(newHost, kafkaPort, registryPort, dataDir, registryBasicAuth);
    }

    public PlatformConfig withRegistryBasicAuth(String userInfo) {
        return new PlatformConfig(host, kafkaPort, registryPort, dataDir, userInfo);
    }

    @Override
    public String toString() {
        return "PlatformConfig[host="
                + host
                + ", kafkaPort="
                + kafkaPort
                + ", registryPort="
                + registryPort
                + ", dataDir="
                + dataDir
                + ", registryBasicAuth="
                + (registryBasicAuth == null ? "none" : "[hidden]")
                + "]";
    }
}
