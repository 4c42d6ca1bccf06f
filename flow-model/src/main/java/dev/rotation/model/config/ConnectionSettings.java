package dev.rotation.model.config;

import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How a client reaches the cluster and the registry, resolved in one place for every command: a
 * flag wins over an environment variable, which wins over a properties file, which wins over the
 * embedded defaults. Kafka client security settings ({@code security.protocol}, {@code ssl.*},
 * {@code sasl.*}) and registry credentials ({@code basic.auth.*}) pass through from the file or
 * from {@code KAFKA_*} environment variables. {@link #toString()} never shows a secret.
 */
public record ConnectionSettings(
        String bootstrapServers,
        String registryUrl,
        Map<String, String> kafkaProperties,
        Map<String, String> registryProperties) {

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_REGISTRY = "http://127.0.0.1:8081";
    public static final String ENV_BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String ENV_REGISTRY = "SCHEMA_REGISTRY_URL";
    public static final String ENV_REGISTRY_USER_INFO = "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO";

    public ConnectionSettings {
        kafkaProperties = Map.copyOf(kafkaProperties);
        registryProperties = Map.copyOf(registryProperties);
    }

    public static ConnectionSettings of(String bootstrapServers, String registryUrl) {
        return new ConnectionSettings(bootstrapServers, registryUrl, Map.of(), Map.of());
    }

    /**
     * Resolves the settings.
     *
     * @param bootstrapFlag value of {@code --bootstrap-servers}, or null
     * @param registryFlag value of {@code --schema-registry-url}, or null
     * @param propertiesFile optional client properties file ({@code bootstrap.servers}, {@code
     *     schema.registry.url}, security settings), or null
     * @param env the environment (System.getenv() in production)
     * @throws IllegalArgumentException when the properties file does not exist or cannot be read
     */
    public static ConnectionSettings resolve(
            String bootstrapFlag,
            String registryFlag,
            Path propertiesFile,
            Map<String, String> env) {
        Map<String, String> file = new TreeMap<>();
        if (propertiesFile != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(propertiesFile)) {
                p.load(r);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(
                        "The client properties file " + propertiesFile + " does not exist", e);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Cannot read the client properties file "
                                + propertiesFile
                                + ": "
                                + e.getMessage(),
                        e);
            }
            p.stringPropertyNames().forEach(k -> file.put(k, p.getProperty(k).trim()));
        }
        String bootstrap =
                first(
                        bootstrapFlag,
                        env.get(ENV_BOOTSTRAP),
                        file.remove("bootstrap.servers"),
                        DEFAULT_BOOTSTRAP);
        String registry =
                first(
                        registryFlag,
                        env.get(ENV_REGISTRY),
                        file.remove(AvroSerdeConfig.SCHEMA_REGISTRY_URL),
                        DEFAULT_REGISTRY);

        Map<String, String> kafka = new TreeMap<>();
        Map<String, String> registryProps = new TreeMap<>();
        file.forEach(
                (k, v) -> {
                    if (k.startsWith("basic.auth.") || k.startsWith("schema.registry.")) {
                        registryProps.put(k, v);
                    } else {
                        kafka.put(k, v);
                    }
                });
        // KAFKA_SECURITY_PROTOCOL=SASL_SSL -> security.protocol=SASL_SSL, as the Kafka images do
        env.forEach(
                (k, v) -> {
                    if (k.startsWith("KAFKA_") && !k.equals(ENV_BOOTSTRAP)) {
                        String key = k.substring("KAFKA_".length()).toLowerCase().replace('_', '.');
                        if (key.startsWith("security.")
                                || key.startsWith("ssl.")
                                || key.startsWith("sasl.")) {
                            kafka.put(key, v);
                        }
                    }
                });
        if (env.get(ENV_REGISTRY_USER_INFO) != null) {
            registryProps.put(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
            registryProps.put(
                    AvroSerdeConfig.BASIC_AUTH_USER_INFO, env.get(ENV_REGISTRY_USER_INFO));
        }
        return new ConnectionSettings(bootstrap, registry, kafka, registryProps);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /**
     * Base configuration for any Kafka client: bootstrap servers plus the pass-through settings.
     */
    public Map<String, Object> kafkaClientConfig() {
        Map<String, Object> m = new LinkedHashMap<>(kafkaProperties);
        m.put("bootstrap.servers", bootstrapServers);
        return m;
    }

    /** Configuration for the Avro serdes (registry URL and credentials). */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> m = new LinkedHashMap<>(registryProperties);
        m.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        return m;
    }

    public SchemaRegistryClient newRegistryClient() {
        return AvroSerdeConfig.from(serdeConfig()).newClient();
    }

    /** True for keys whose values must never be printed. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase();
        return k.contains("password")
                || k.contains("secret")
                || k.contains("jaas")
                || k.contains("user.info")
                || k.contains("credentials")
                || k.endsWith(".key")
                || k.contains("token");
    }

    /** A copy of the map with secret values replaced by {@code [hidden]}. */
    public static Map<String, String> redact(Map<String, ?> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, isSecret(k) ? "[hidden]" : String.valueOf(v)));
        return out;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[bootstrapServers="
                + bootstrapServers
                + ", registryUrl="
                + registryUrl
                + ", kafka="
                + redact(kafkaProperties)
                + ", registry="
                + redact(registryProperties)
                + "]";
    }
}
