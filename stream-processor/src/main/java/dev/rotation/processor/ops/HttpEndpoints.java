package dev.rotation.processor.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rotation.model.Signal;
import dev.rotation.model.web.QueryString;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.query.DetectorQueries;
import dev.rotation.processor.query.QueryUnavailableException;
import dev.rotation.processor.query.SignalHistory;
import dev.rotation.processor.query.SignalQuery;
import dev.rotation.processor.query.SignalVersion;
import dev.rotation.processor.query.WindowSummary;
import dev.rotation.processor.query.WindowView;
import dev.rotation.processor.web.WebApi;
import dev.rotation.processor.web.WebAssets;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's HTTP endpoints. Binds to loopback unless configured otherwise.
 *
 * <ul>
 *   <li>{@code /metrics}: Prometheus text format;
 *   <li>{@code /health}: 200 when the Streams client is RUNNING, or REBALANCING within a bound; 503
 *       otherwise;
 *   <li>{@code /signals}, {@code /signals/{signalId}}, {@code /windows}, {@code /windows/{date or
 *       instant}}: the {@link DetectorQueries} read side as JSON;
 *   <li>{@code /}: the web view for desks ({@link WebAssets}), and {@code /api/...}: the JSON it
 *       reads ({@link WebApi}).
 *   <li>{@code /rotation}: the relative rotation graph, each asset's RS-Ratio / RS-Momentum trail
 *       (docs/operations.md).
 * </ul>
 *
 * The read side lives on the instance that hosts stage 2. Any instance answers: one that does not
 * host it forwards the request there (once; the answer names the instance that read the state in
 * {@value #SERVED_BY}).
 */
public final class HttpEndpoints {
    /**
     * Response header: the {@code application.server} address of the instance whose state answered.
     */
    public static final String SERVED_BY = "X-Served-By";

    /**
     * Request header of a forwarded request (the forwarding instance): such a request is never
     * forwarded again.
     */
    public static final String FORWARDED_BY = "X-Forwarded-By";

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String APPLICATION_JSON = "application/json";
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(15);

    /**
     * What {@code /health} reports.
     *
     * @param stateSince when the client entered {@code state}, epoch ms
     * @param registryFailingSince since when the Schema Registry has been unreachable, epoch ms; 0
     *     when reachable
     */
    public record StreamsHealth(
            KafkaStreams.State state,
            long stateSince,
            long registryFailingSince,
            String applicationId) {}

    private final HttpServer server;
    private final PrometheusMeterRegistry registry;
    private final Supplier<StreamsHealth> health;
    private final Duration rebalancingGrace;
    private final HttpClient forwarder =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final WebAssets assets = new WebAssets();
    private volatile DetectorQueries queries;
    private volatile WebApi web;
    private volatile String self;

    /**
     * Binds the server (so that {@link #port()} is known before the Streams client is configured);
     * {@link #start} serves.
     */
    public HttpEndpoints(
            String bind,
            int port,
            PrometheusMeterRegistry registry,
            Supplier<StreamsHealth> health,
            Duration rebalancingGrace) {
        this.registry = registry;
        this.health = health;
        this.rebalancingGrace = rebalancingGrace;
        try {
            this.server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot bind the HTTP endpoints to "
                            + bind
                            + ":"
                            + port
                            + ": "
                            + e.getMessage(),
                    e);
        }
        server.setExecutor(
                Executors.newFixedThreadPool(
                        2,
                        r -> {
                            Thread t = new Thread(r, "rd-http");
                            t.setDaemon(true);
                            return t;
                        }));
        server.createContext("/metrics", ex -> handle(ex, this::metrics));
        server.createContext("/health", ex -> handle(ex, this::health));
        server.createContext("/signals", ex -> handle(ex, e -> fromStageTwo(e, this::signals)));
        server.createContext("/windows", ex -> handle(ex, e -> fromStageTwo(e, this::windows)));
        server.createContext("/rotation", ex -> handle(ex, e -> fromStageTwo(e, this::rotation)));
        server.createContext("/api", ex -> handle(ex, e -> fromStageTwo(e, this::api)));
        server.createContext("/", ex -> handle(ex, this::asset));
    }

    /**
     * Starts serving.
     *
     * @param queries the read side behind {@code /signals} and {@code /windows}
     * @param advertised this instance's {@code application.server} address, where other instances
     *     forward to
     */
    public void start(DetectorQueries queries, HostInfo advertised) {
        start(queries, new WebApi(AnalyticsConfig.defaults(), null), advertised);
    }

    /**
     * Starts serving.
     *
     * @param queries the read side behind {@code /signals}, {@code /windows} and {@code /api/}
     * @param web the web view's API
     * @param advertised this instance's {@code application.server} address, where other instances
     *     forward to
     */
    public void start(DetectorQueries queries, WebApi web, HostInfo advertised) {
        this.queries = queries;
        this.web = web;
        this.self = hostPort(advertised);
        server.start();
        LOG.info(
                "HTTP endpoints on http://{}:{}/ (web view, api, metrics, health, signals, windows); advertised to other instances as {}",
                server.getAddress().getHostString(),
                port(),
                self);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private record Reply(int status, String contentType, String body, String servedBy) {
        Reply(int status, String contentType, String body) {
            this(status, contentType, body, null);
        }
    }

    private interface Handler {
        Reply handle(HttpExchange ex) throws Exception;
    }

    private void handle(HttpExchange ex, Handler h) throws IOException {
        Reply reply;
        try {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                reply = new Reply(405, APPLICATION_JSON, error("method not allowed: use GET"));
            } else {
                reply = h.handle(ex);
            }
        } catch (IllegalArgumentException e) {
            reply = new Reply(400, APPLICATION_JSON, error(e.getMessage()));
        } catch (InvalidStateStoreException e) {
            // the store closed or moved while it was read: a rebalance is under way
            reply =
                    new Reply(
                            503,
                            APPLICATION_JSON,
                            error(
                                    "the signal state is moving between instances (a rebalance"
                                            + " or restore is under way); retry shortly"));
        } catch (Exception e) {
            LOG.warn("HTTP {} failed", ex.getRequestURI(), e);
            reply =
                    new Reply(
                            500,
                            APPLICATION_JSON,
                            error("internal error: " + e.getClass().getSimpleName()));
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", reply.contentType());
        if (reply.servedBy() != null) {
            ex.getResponseHeaders().set(SERVED_BY, reply.servedBy());
        }
        ex.sendResponseHeaders(
                reply.status(), "HEAD".equals(ex.getRequestMethod()) ? -1 : bytes.length);
        if (!"HEAD".equals(ex.getRequestMethod())) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    private static Reply notFound() {
        return new Reply(
                404,
                APPLICATION_JSON,
                error(
                        "not found: try /, /api/weeks, /metrics, /health, /signals, /windows or /rotation"));
    }

    /** The web view's files; any other path is not found. */
    private Reply asset(HttpExchange ex) {
        return assets.get(ex.getRequestURI().getPath())
                .map(a -> new Reply(200, a.contentType(), a.body()))
                .orElseGet(HttpEndpoints::notFound);
    }

    /** {@code /api/...}: the web view's JSON. */
    private Reply api(HttpExchange ex) {
        String rest = subPath(ex, "/api");
        if (rest == null) {
            return notFound();
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        WebApi.Answer a =
                web.answer(
                        queries, rest, QueryString.parseSingle(ex.getRequestURI().getRawQuery()));
        return new Reply(a.status(), APPLICATION_JSON, a.body());
    }

    private Reply metrics(HttpExchange ex) {
        return new Reply(200, PROMETHEUS_TEXT, registry.scrape());
    }

    private Reply health(HttpExchange ex) {
        StreamsHealth h = health.get();
        boolean up =
                h.state() == KafkaStreams.State.RUNNING
                        || (h.state() == KafkaStreams.State.REBALANCING
                                && System.currentTimeMillis() - h.stateSince()
                                        <= rebalancingGrace.toMillis());
        long failingSince = h.registryFailingSince();
        ObjectNode body = JSON.createObjectNode();
        String status = !up ? "DOWN" : failingSince != 0 ? "DEGRADED" : "UP";
        body.put("status", status);
        body.put("streamsState", h.state().name());
        body.put("stateSince", Instant.ofEpochMilli(h.stateSince()).toString());
        body.put("applicationId", h.applicationId());
        body.put(
                "schemaRegistry",
                failingSince == 0
                        ? "REACHABLE"
                        : "UNREACHABLE since " + Instant.ofEpochMilli(failingSince));
        return new Reply(up && failingSince == 0 ? 200 : 503, APPLICATION_JSON, body.toString());
    }

    /**
     * Answers from this instance's stage-2 state, or forwards to the instance that hosts it, or
     * says to retry (503) while no instance does.
     */
    private Reply fromStageTwo(HttpExchange ex, Handler local) throws Exception {
        if (queries == null) {
            return new Reply(
                    503,
                    APPLICATION_JSON,
                    error("the processor has not started yet; retry shortly"));
        }
        try {
            Reply r = local.handle(ex);
            return new Reply(r.status(), r.contentType(), r.body(), self);
        } catch (QueryUnavailableException e) {
            Optional<HostInfo> host = e.hostedBy();
            if (host.isEmpty()) {
                return new Reply(503, APPLICATION_JSON, error(e.getMessage()));
            }
            if (ex.getRequestHeaders().containsKey(FORWARDED_BY)) {
                // the hosting instance changed while the request was on its way (a rebalance)
                return new Reply(
                        503,
                        APPLICATION_JSON,
                        error("the signal state is moving between instances; retry shortly"));
            }
            return forward(ex, host.get());
        }
    }

    private Reply forward(HttpExchange ex, HostInfo host) throws InterruptedException {
        String target = hostPort(host);
        String query = ex.getRequestURI().getRawQuery();
        URI uri =
                URI.create(
                        "http://"
                                + target
                                + ex.getRequestURI().getRawPath()
                                + (query == null ? "" : "?" + query));
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(FORWARD_TIMEOUT)
                        .header(FORWARDED_BY, self)
                        .GET()
                        .build();
        try {
            HttpResponse<String> r = forwarder.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    r.statusCode(),
                    r.headers().firstValue("Content-Type").orElse(APPLICATION_JSON),
                    r.body(),
                    r.headers().firstValue(SERVED_BY).orElse(null));
        } catch (IOException e) {
            LOG.warn(
                    "Forwarding {} to the instance hosting stage 2 ({}) failed: {}",
                    ex.getRequestURI(),
                    target,
                    e.toString());
            return new Reply(
                    502,
                    APPLICATION_JSON,
                    error(
                            "the instance that hosts the signal state ("
                                    + target
                                    + ") did not answer ("
                                    + (e.getMessage() == null
                                            ? e.getClass().getSimpleName()
                                            : e.getMessage())
                                    + "); retry shortly"));
        }
    }

    /** {@code /signals} (query) or {@code /signals/{signalId}} (what is kept of its revisions). */
    private Reply signals(HttpExchange ex) throws IOException {
        String rest = subPath(ex, "/signals");
        if (rest == null) {
            return notFound();
        }
        if (!rest.isEmpty()) {
            noParameters(ex);
            Optional<SignalHistory> history = queries.history(rest);
            if (history.isEmpty()) {
                return new Reply(
                        404,
                        APPLICATION_JSON,
                        error(
                                "no signal '"
                                        + rest
                                        + "' is kept (signals are kept for "
                                        + "signals.retention.windows windows; ids look like ROTATION_TO_HIGH_BETA|2026-01-19|group:high-beta)"));
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("signalId", history.get().signalId());
            body.put("revisionsEmitted", history.get().revisionsEmitted());
            ArrayNode kept = body.putArray("kept");
            for (Signal s : history.get().kept()) {
                kept.add(json(s));
            }
            return new Reply(200, APPLICATION_JSON, body.toString());
        }
        SignalQuery query =
                SignalQuery.parse(QueryString.parseSingle(ex.getRequestURI().getRawQuery()));
        ArrayNode array = JSON.createArrayNode();
        for (Signal s : queries.signals(query)) {
            array.add(json(s));
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("count", array.size());
        body.set("signals", array);
        return new Reply(200, APPLICATION_JSON, body.toString());
    }

    /**
     * {@code /windows} (the kept windows) or {@code /windows/{date or instant}} (the window
     * containing it).
     */
    private Reply windows(HttpExchange ex) {
        String rest = subPath(ex, "/windows");
        if (rest == null) {
            return notFound();
        }
        noParameters(ex);
        if (rest.isEmpty()) {
            ArrayNode array = JSON.createArrayNode();
            queries.windows().forEach(w -> array.add(json(w)));
            ObjectNode body = JSON.createObjectNode();
            body.put("count", array.size());
            body.set("windows", array);
            return new Reply(200, APPLICATION_JSON, body.toString());
        }
        Instant at = instant(rest);
        Optional<WindowView> view = queries.window(at);
        if (view.isEmpty()) {
            return new Reply(
                    404,
                    APPLICATION_JSON,
                    error("no kept window contains " + rest + "; GET /windows lists them"));
        }
        WindowView w = view.get();
        ObjectNode body = json(w.window());
        body.set("flows", JSON.valueToTree(w.flows()));
        body.set("prices", JSON.valueToTree(w.prices()));
        body.set("volumes", JSON.valueToTree(w.volumes()));
        body.set("metals", JSON.valueToTree(w.metals()));
        ArrayNode signals = body.putArray("signalVersions");
        for (SignalVersion v : w.signals()) {
            signals.addObject()
                    .put("signalId", v.signalId())
                    .put("revision", v.revision())
                    .put("status", v.status().name());
        }
        return new Reply(200, APPLICATION_JSON, body.toString());
    }

    /**
     * {@code /rotation}: the relative rotation graph. Every point carries its window, whether the
     * window is closed, the price ratio, RS-Ratio, RS-Momentum and quadrant; each asset also names
     * the quadrant of its last point ({@link dev.rotation.processor.web.RotationGraphJson}, as
     * {@code /api/relative-rotation}, with the same optional {@code benchmark} parameter).
     */
    private Reply rotation(HttpExchange ex) {
        String rest = subPath(ex, "/rotation");
        if (rest == null || !rest.isEmpty()) {
            return notFound();
        }
        WebApi.Answer a =
                web.answer(
                        queries,
                        "relative-rotation",
                        QueryString.parseSingle(ex.getRequestURI().getRawQuery()));
        return new Reply(a.status(), APPLICATION_JSON, a.body());
    }

    /**
     * What follows {@code prefix} in the request path ("" for the prefix itself, without "/"), or
     * null for another path.
     */
    private static String subPath(HttpExchange ex, String prefix) {
        String path = ex.getRequestURI().getPath();
        if (path.equals(prefix) || path.equals(prefix + "/")) {
            return "";
        }
        return path.startsWith(prefix + "/") ? path.substring(prefix.length() + 1) : null;
    }

    private static void noParameters(HttpExchange ex) {
        if (!QueryString.parseSingle(ex.getRequestURI().getRawQuery()).isEmpty()) {
            throw new IllegalArgumentException(
                    ex.getRequestURI().getPath() + " takes no parameters");
        }
    }

    private static Instant instant(String v) {
        try {
            return v.length() == 10
                    ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "a window is named by a date (2026-01-19) or an instant (2026-01-19T00:00:00Z), got '"
                            + v
                            + "'");
        }
    }

    private static JsonNode json(Signal s) {
        try {
            return JSON.readTree(s.toString());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "signal " + s.getSignalId() + " does not render as JSON", e);
        }
    }

    private static ObjectNode json(WindowSummary w) {
        ObjectNode node = JSON.createObjectNode();
        node.put("start", w.start().toString());
        node.put("end", w.end().toString());
        node.put("closed", w.closed());
        node.put("lastEventTime", w.lastEventTime().toString());
        node.put("signals", w.signals());
        return node;
    }

    /** {@code host:port}, with an IPv6 host in brackets, as a URL authority. */
    static String hostPort(HostInfo h) {
        return (h.host().indexOf(':') >= 0 && !h.host().startsWith("[")
                        ? "[" + h.host() + "]"
                        : h.host())
                + ":"
                + h.port();
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }
}
