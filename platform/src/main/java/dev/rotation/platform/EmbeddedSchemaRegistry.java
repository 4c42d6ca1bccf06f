package dev.rotation.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible Schema Registry REST server, in-process, backed by a compacted Kafka
 * topic: the endpoints, query parameters, content negotiation and error codes of Confluent's REST
 * API that clients and UIs use ({@link RegistryApi}), Avro only. See {@code docs/wire-format.md}
 * for the endpoints, the error codes and what is left out.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    /** The content type the registry prefers, {@code application/vnd.schemaregistry.v1+json}. */
    static final String CONTENT_TYPE = MediaTypes.V1;

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
            if (basicAuthUserInfo != null
                    && (basicAuthUserInfo.isBlank() || !basicAuthUserInfo.contains(":"))) {
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
            return "Config[host="
                    + host
                    + ", port="
                    + port
                    + ", topic="
                    + topic
                    + ", basicAuth="
                    + (basicAuthUserInfo == null ? "none" : "[hidden]")
                    + "]";
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final KafkaSchemaStore store;
    private final RegistryApi api;
    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] expectedAuthorization;
    private final String url;
    private volatile boolean closed;

    private EmbeddedSchemaRegistry(KafkaSchemaStore store, Config config) throws IOException {
        this.store = store;
        this.api = new RegistryApi(store);
        this.expectedAuthorization =
                config.basicAuthUserInfo() == null
                        ? null
                        : ("Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        config.basicAuthUserInfo()
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .getBytes(StandardCharsets.UTF_8);
        this.server =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getByName(config.host()), config.port()),
                        64);
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
            LOG.info(
                    "Schema Registry listening on {} (topic '{}', basic auth {})",
                    registry.url(),
                    config.topic(),
                    config.basicAuthUserInfo() == null ? "off" : "on");
            return registry;
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException(
                    "Cannot start the Schema Registry on " + config.host() + ":" + config.port(),
                    e);
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

    /**
     * Serves one exchange as Confluent's REST layer does: authentication (401), then the route (404
     * unknown path, 405 wrong method), the request's content type (415), the reply's content type
     * from {@code Accept} (406), and the endpoint itself. Errors are JSON bodies {@code
     * {"error_code":N,"message":"..."}}.
     */
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            Optional<String> replyType = MediaTypes.negotiate(accept);
            RegistryApi.Reply reply;
            try {
                reply = serve(exchange, replyType);
            } catch (RegistryError e) {
                if (e.httpStatus() >= 500) {
                    LOG.warn(
                            "Schema Registry {} {} failed: {}",
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getPath(),
                            e.getMessage());
                }
                reply = error(e);
            } catch (RuntimeException e) {
                LOG.error(
                        "Schema Registry {} {} failed",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        e);
                reply = error(new RegistryError(500, 500, "Internal server error: " + e));
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", replyType.orElse(MediaTypes.V1));
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private RegistryApi.Reply serve(HttpExchange exchange, Optional<String> replyType)
            throws IOException {
        if (!authorised(exchange)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
            throw new RegistryError(401, 401, "Unauthorized");
        }
        RegistryRequest request =
                new RegistryRequest(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestBody());
        RegistryApi.Match endpoint = api.match(request.method(), request.path());
        if (endpoint.readsBody()
                && !MediaTypes.readable(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            throw RegistryError.unsupportedMediaType();
        }
        if (replyType.isEmpty()) {
            throw RegistryError.notAcceptable();
        }
        return endpoint.run(request);
    }

    private boolean authorised(HttpExchange exchange) {
        if (expectedAuthorization == null) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null
                && MessageDigest.isEqual(
                        expectedAuthorization, given.trim().getBytes(StandardCharsets.UTF_8));
    }

    private RegistryApi.Reply error(RegistryError e) {
        ObjectNode body =
                json.createObjectNode()
                        .put("error_code", e.errorCode())
                        .put("message", e.getMessage());
        return new RegistryApi.Reply(e.httpStatus(), body.toString());
    }
}
