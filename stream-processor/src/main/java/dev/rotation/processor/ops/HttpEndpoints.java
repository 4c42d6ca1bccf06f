package dev.rotation.processor.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rotation.model.Signal;
import dev.rotation.processor.service.DetectorService;
import dev.rotation.processor.topology.RotationTopology;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /metrics} (Prometheus text format), {@code /health} (200 when the Streams client is
 * RUNNING, or REBALANCING within a bound; 503 otherwise) and {@code /signals} (current and
 * recent signals from the local state store). Binds to loopback unless configured otherwise.
 */
public final class HttpEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final PrometheusMeterRegistry registry;
    private final DetectorService service;
    private final Duration rebalancingGrace;

    public HttpEndpoints(String bind, int port, PrometheusMeterRegistry registry, DetectorService service,
                         Duration rebalancingGrace) {
        this.registry = registry;
        this.service = service;
        this.rebalancingGrace = rebalancingGrace;
        try {
            this.server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot bind the HTTP endpoints to " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "rd-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", ex -> handle(ex, this::metrics));
        server.createContext("/health", ex -> handle(ex, this::health));
        server.createContext("/signals", ex -> handle(ex, this::signals));
        server.createContext("/", ex -> handle(ex, e -> new Reply(404, "application/json", error("not found: try /metrics, /health or /signals"))));
    }

    public void start() {
        server.start();
        LOG.info("HTTP endpoints on http://{}:{}/ (metrics, health, signals)", server.getAddress().getHostString(), port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private record Reply(int status, String contentType, String body) {
    }

    private interface Handler {
        Reply handle(HttpExchange ex) throws Exception;
    }

    private void handle(HttpExchange ex, Handler h) throws IOException {
        Reply reply;
        try {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                reply = new Reply(405, "application/json", error("method not allowed: use GET"));
            } else {
                reply = h.handle(ex);
            }
        } catch (IllegalArgumentException e) {
            reply = new Reply(400, "application/json", error(e.getMessage()));
        } catch (Exception e) {
            LOG.warn("HTTP {} failed", ex.getRequestURI(), e);
            reply = new Reply(500, "application/json", error("internal error: " + e.getClass().getSimpleName()));
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", reply.contentType());
        ex.sendResponseHeaders(reply.status(), "HEAD".equals(ex.getRequestMethod()) ? -1 : bytes.length);
        if (!"HEAD".equals(ex.getRequestMethod())) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    private Reply metrics(HttpExchange ex) {
        return new Reply(200, PROMETHEUS_TEXT, registry.scrape());
    }

    private Reply health(HttpExchange ex) {
        KafkaStreams.State state = service.state();
        long since = service.stateSince();
        long failingSince = service.metrics().registryFailingSince();
        boolean up = state == KafkaStreams.State.RUNNING
                || (state == KafkaStreams.State.REBALANCING
                    && System.currentTimeMillis() - since <= rebalancingGrace.toMillis());
        ObjectNode body = JSON.createObjectNode();
        String status = !up ? "DOWN" : failingSince != 0 ? "DEGRADED" : "UP";
        body.put("status", status);
        body.put("streamsState", state.name());
        body.put("stateSince", Instant.ofEpochMilli(since).toString());
        body.put("applicationId", service.config().applicationId());
        body.put("schemaRegistry", failingSince == 0 ? "REACHABLE" : "UNREACHABLE since " + Instant.ofEpochMilli(failingSince));
        return new Reply(up && failingSince == 0 ? 200 : 503, "application/json", body.toString());
    }

    private Reply signals(HttpExchange ex) throws IOException {
        SignalQuery query = SignalQuery.parse(params(ex.getRequestURI().getRawQuery()));
        KafkaStreams streams = service.streams();
        List<Signal> all = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, Signal> store = streams.store(StoreQueryParameters.fromNameAndType(
                    RotationTopology.SIGNALS_STORE, QueryableStoreTypes.<String, Signal>keyValueStore()));
            try (KeyValueIterator<String, Signal> it = store.all()) {
                it.forEachRemaining(kv -> all.add(kv.value));
            }
        } catch (InvalidStateStoreException e) {
            return new Reply(503, "application/json", error("signal store not queryable yet (state " + service.state() + "); retry shortly"));
        }
        ArrayNode array = JSON.createArrayNode();
        for (Signal s : query.apply(all)) {
            array.add(JSON.readTree(s.toString()));
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("count", array.size());
        body.set("signals", array);
        return new Reply(200, "application/json", body.toString());
    }

    static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isBlank()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.put(k, v) != null) {
                throw new IllegalArgumentException("parameter '" + k + "' given twice");
            }
        }
        return out;
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }
}
