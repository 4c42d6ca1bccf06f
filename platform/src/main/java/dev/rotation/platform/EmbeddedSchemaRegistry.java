package dev.rotation.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible Schema Registry REST server (the subset the product and Confluent's
 * serializers use), in-process, backed by a compacted Kafka topic. Avro only. See
 * {@code docs/wire-format.md} for the endpoints and error codes.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    /**
     * How to run the registry.
     *
     * @param host address to bind, loopback by default
     * @param port port to bind; 0 picks a free port
     * @param topic the Kafka topic holding the schemas ({@code _schemas})
     * @param basicAuthUserInfo {@code user:password} to require HTTP basic auth, or null for none
     */
    public record Config(String host, int port, String topic, String basicAuthUserInfo) {
        public Config {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(topic, "topic");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
            }
            if (basicAuthUserInfo != null && (basicAuthUserInfo.isBlank() || !basicAuthUserInfo.contains(":"))) {
                throw new IllegalArgumentException("basic auth user info must be 'user:password'");
            }
        }

        /** Loopback, a free port, topic {@code _schemas}, no auth. */
        public static Config defaults() {
            return new Config("127.0.0.1", 0, KafkaSchemaStore.DEFAULT_TOPIC, null);
        }

        public Config withHost(String newHost) {
            return new Config(newHost, port, topic, basicAuthUserInfo);
        }

        public Config withPort(int newPort) {
            return new Config(host, newPort, topic, basicAuthUserInfo);
        }

        public Config withTopic(String newTopic) {
            return new Config(host, port, newTopic, basicAuthUserInfo);
        }

        public Config withBasicAuth(String userInfo) {
            return new Config(host, port, topic, userInfo);
        }

        @Override
        public String toString() {
            return "Config[host=" + host + ", port=" + port + ", topic=" + topic + ", basicAuth="
                    + (basicAuthUserInfo == null ? "none" : "[hidden]") + "]";
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final KafkaSchemaStore store;
    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] expectedAuthorization;
    private final String url;
    private volatile boolean closed;

    private EmbeddedSchemaRegistry(KafkaSchemaStore store, Config config) throws IOException {
        this.store = store;
        this.expectedAuthorization = config.basicAuthUserInfo() == null ? null
                : ("Basic " + Base64.getEncoder().encodeToString(config.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8)))
                        .getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 64);
        this.executor = Executors.newFixedThreadPool(4, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        this.url = "http://" + host + ":" + server.getAddress().getPort();
    }

    /** Rebuilds the state from the Kafka topic (created when absent) and starts serving. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, Config config) {
        KafkaSchemaStore store = KafkaSchemaStore.open(bootstrapServers, config.topic());
        try {
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(store, config);
            LOG.info("Schema Registry listening on {} (topic '{}', basic auth {})", registry.url(), config.topic(),
                    config.basicAuthUserInfo() == null ? "off" : "on");
            return registry;
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("Cannot start the Schema Registry on " + config.host() + ":" + config.port(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        store.close();
        LOG.info("Schema Registry on {} stopped", url);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "schema-registry-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                if (!authorised(exchange)) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
                    reply = error(new RegistryError(401, 401, "Unauthorized"));
                } else {
                    reply = route(exchange);
                }
            } catch (RegistryError e) {
                if (e.httpStatus() >= 500) {
                    LOG.warn("Schema Registry {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                            e.getMessage());
                }
                reply = error(e);
            } catch (RuntimeException e) {
                LOG.error("Schema Registry {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                reply = error(new RegistryError(500, 500, "Internal server error: " + e));
            }
            byte[] body = reply.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(reply.status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private boolean authorised(HttpExchange exchange) {
        if (expectedAuthorization == null) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null && MessageDigest.isEqual(expectedAuthorization, given.trim().getBytes(StandardCharsets.UTF_8));
    }

    private record Reply(int status, String body) {
    }

    private Reply ok(Object value) {
        try {
            return new Reply(200, value instanceof String s ? s : json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply error(RegistryError e) {
        ObjectNode body = json.createObjectNode().put("error_code", e.errorCode()).put("message", e.getMessage());
        return new Reply(e.httpStatus(), body.toString());
    }

    private Reply route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        List<String> p = segments(ex.getRequestURI().getRawPath());
        int n = p.size();
        if (n == 0) {
            return only(method, "GET", () -> ok(json.createObjectNode()));
        }
        switch (p.get(0)) {
            case "subjects" -> {
                if (n == 1) {
                    return only(method, "GET", () -> ok(store.subjects()));
                }
                String subject = p.get(1);
                if (n == 2) {
                    return only(method, "POST", () -> lookup(subject, body(ex)));
                }
                if (!"versions".equals(p.get(2))) {
                    break;
                }
                if (n == 3) {
                    if ("GET".equals(method)) {
                        return ok(store.versions(subject));
                    }
                    return only(method, "POST", () -> register(subject, body(ex)));
                }
                if (n == 4) {
                    return only(method, "GET", () -> ok(versionJson(store.version(subject, version(p.get(3))))));
                }
                if (n == 5 && "schema".equals(p.get(4))) {
                    return only(method, "GET", () -> ok(store.version(subject, version(p.get(3))).schema()));
                }
            }
            case "schemas" -> {
                if (n == 3 && "ids".equals(p.get(1))) {
                    return only(method, "GET", () -> schemaById(p.get(2)));
                }
                if (n == 2 && "types".equals(p.get(1))) {
                    return only(method, "GET", () -> ok(List.of("AVRO")));
                }
            }
            case "compatibility" -> {
                if (n == 5 && "subjects".equals(p.get(1)) && "versions".equals(p.get(3))) {
                    boolean verbose = "true".equalsIgnoreCase(queryParam(ex, "verbose"));
                    return only(method, "POST", () -> compatibility(p.get(2), version(p.get(4)), body(ex), verbose));
                }
            }
            case "config" -> {
                if (n <= 2) {
                    String subject = n == 2 ? p.get(1) : null;
                    if ("GET".equals(method)) {
                        CompatibilityLevel level = subject == null ? store.globalLevel() : store.level(subject);
                        return ok(json.createObjectNode().put("compatibilityLevel", level.name()));
                    }
                    return only(method, "PUT", () -> updateConfig(subject, body(ex)));
                }
            }
            default -> {
                // falls through to 404
            }
        }
        throw new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    private interface Action {
        Reply run() throws IOException;
    }

    private static Reply only(String method, String allowed, Action action) throws IOException {
        if (!allowed.equals(method)) {
            throw new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
        }
        return action.run();
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                // path segments: '+' is a literal plus, not a space
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String queryParam(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** "latest" and -1 mean the latest version (-1 internally); otherwise 1..2^31-1. */
    private static int version(String s) {
        if ("latest".equals(s)) {
            return -1;
        }
        try {
            int v = Integer.parseInt(s);
            if (v == -1 || v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // invalid below
        }
        throw RegistryError.invalidVersion(s);
    }

    private JsonNode body(HttpExchange ex) throws IOException {
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new RegistryError(413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new RegistryError(400, 400, "Empty request body");
            }
            if (!node.isObject()) {
                throw new RegistryError(422, 422, "Request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RegistryError(400, 400, "Invalid JSON in request body: " + e.getOriginalMessage());
        }
    }

    private Schema parseSchema(JsonNode body) {
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw RegistryError.invalidSchema("schema type " + type.asText() + " is not supported, only AVRO");
        }
        JsonNode refs = body.get("references");
        if (refs != null && refs.isArray() && !refs.isEmpty()) {
            throw RegistryError.invalidSchema("schema references are not supported");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual() || schema.asText().isBlank()) {
            throw RegistryError.invalidSchema("empty schema");
        }
        try {
            return new Schema.Parser().parse(schema.asText());
        } catch (SchemaParseException | NullPointerException | IllegalArgumentException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        } catch (org.apache.avro.AvroRuntimeException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }

    private Reply register(String subject, JsonNode body) {
        int id = store.register(subject, parseSchema(body));
        return ok(json.createObjectNode().put("id", id));
    }

    private Reply lookup(String subject, JsonNode body) {
        Schema schema = parseSchema(body);
        return ok(versionJson(store.lookup(subject, schema)));
    }

    private Reply schemaById(String rawId) {
        int id;
        try {
            id = Integer.parseInt(rawId);
        } catch (NumberFormatException e) {
            throw RegistryError.schemaIdNotFound(rawId);
        }
        Schema schema = store.schemaById(id).orElseThrow(() -> RegistryError.schemaIdNotFound(rawId));
        return ok(json.createObjectNode().put("schema", schema.toString()));
    }

    private Reply compatibility(String subject, int version, JsonNode body, boolean verbose) {
        Schema schema = parseSchema(body);
        List<String> problems = store.compatibilityProblems(subject, version, schema);
        ObjectNode reply = json.createObjectNode().put("is_compatible", problems.isEmpty());
        if (verbose) {
            ArrayNode messages = reply.putArray("messages");
            problems.forEach(messages::add);
        }
        return ok(reply);
    }

    private Reply updateConfig(String subject, JsonNode body) {
        JsonNode c = body.get("compatibility");
        CompatibilityLevel level = CompatibilityLevel.parse(c == null || !c.isTextual() ? null : c.asText())
                .orElseThrow(RegistryError::invalidCompatibilityLevel);
        store.setLevel(subject, level);
        return ok(json.createObjectNode().put("compatibility", level.name()));
    }

    private ObjectNode versionJson(KafkaSchemaStore.Version v) {
        return json.createObjectNode().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
                .put("schema", v.schema());
    }
}
