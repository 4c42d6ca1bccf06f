package dev.rotation.model.serde;

import dev.rotation.model.registry.InMemorySchemaRegistryClient;
import dev.rotation.model.registry.RestSchemaRegistryClient;
import dev.rotation.model.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;

/**
 * The serde settings, under the same keys Confluent's serializer uses, so an existing client
 * configuration carries over unchanged.
 */
public record AvroSerdeConfig(
        String registryUrl,
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        String basicAuthUserInfo,
        boolean specificReader,
        Duration registryTimeout) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    /**
     * {@code mock://scope}: an in-memory registry shared by everything configured with the same
     * scope (tests).
     */
    public static final String MOCK_URL_PREFIX = "mock://";

    public static final String REGISTRY_REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    public static AvroSerdeConfig from(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException(
                    "Missing required configuration '" + SCHEMA_REGISTRY_URL + "'");
        }
        String source = string(configs, BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
        String userInfo =
                "USER_INFO".equalsIgnoreCase(source)
                        ? string(configs, BASIC_AUTH_USER_INFO, null)
                        : null;
        return new AvroSerdeConfig(
                url.toString(),
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, USE_LATEST_VERSION, false),
                userInfo,
                bool(configs, SPECIFIC_AVRO_READER, true),
                Duration.ofMillis(
                        Long.parseLong(string(configs, REGISTRY_REQUEST_TIMEOUT_MS, "10000"))));
    }

    public SchemaRegistryClient newClient() {
        if (registryUrl.startsWith(MOCK_URL_PREFIX)) {
            return InMemorySchemaRegistryClient.scope(
                    registryUrl.substring(MOCK_URL_PREFIX.length()));
        }
        return RestSchemaRegistryClient.builder(registryUrl)
                .basicAuth(basicAuthUserInfo)
                .requestTimeout(registryTimeout)
                .build();
    }

    private static String string(Map<String, ?> configs, String key, String dflt) {
        Object v = configs.get(key);
        return v == null ? dflt : v.toString();
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean dflt) {
        Object v = configs.get(key);
        return v == null ? dflt : Boolean.parseBoolean(v.toString().trim());
    }

    @Override
    public String toString() {
        // never print the credentials
        return "AvroSerdeConfig[registryUrl="
                + registryUrl
                + ", autoRegisterSchemas="
                + autoRegisterSchemas
                + ", useLatestVersion="
                + useLatestVersion
                + ", basicAuth="
                + (basicAuthUserInfo != null ? "[hidden]" : "none")
                + ", specificReader="
                + specificReader
                + "]";
    }
}
