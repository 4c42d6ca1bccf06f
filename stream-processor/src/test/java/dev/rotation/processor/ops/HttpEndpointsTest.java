package dev.rotation.processor.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.model.Signal;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.RotationGraph;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.query.DetectorQueries;
import dev.rotation.processor.query.QueryUnavailableException;
import dev.rotation.processor.query.RotationView;
import dev.rotation.processor.query.SignalHistory;
import dev.rotation.processor.query.SignalQuery;
import dev.rotation.processor.query.WindowSummary;
import dev.rotation.processor.query.WindowView;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP answers of the read side while the signal state moves between instances: real HTTP
 * against the endpoints on an ephemeral loopback port, with a read side that fails the way Kafka
 * Streams' stores fail during a rebalance.
 */
class HttpEndpointsTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpEndpoints endpoints;

    @AfterEach
    void stop() {
        if (endpoints != null) {
            endpoints.stop();
        }
    }

    /** A read side whose every question fails as {@code failure} says. */
    private static DetectorQueries failing(Supplier<RuntimeException> failure) {
        return new DetectorQueries() {
            @Override
            public List<Signal> signals(SignalQuery query) {
                throw failure.get();
            }

            @Override
            public List<WindowSummary> windows() {
                throw failure.get();
            }

            @Override
            public Optional<WindowView> window(Instant at) {
                throw failure.get();
            }

            @Override
            public Optional<SignalHistory> history(String signalId) {
                throw failure.get();
            }

            @Override
            public RotationView rotation() {
                throw failure.get();
            }
        };
    }

    /** A read side that answers only {@code /rotation}, with {@code view}. */
    private static DetectorQueries rotationOnly(RotationView view) {
        DetectorQueries none = failing(() -> new IllegalStateException("not asked"));
        return new DetectorQueries() {
            @Override
            public List<Signal> signals(SignalQuery query) {
                return none.signals(query);
            }

            @Override
            public List<WindowSummary> windows() {
                return none.windows();
            }

            @Override
            public Optional<WindowView> window(Instant at) {
                return none.window(at);
            }

            @Override
            public Optional<SignalHistory> history(String signalId) {
                return none.history(signalId);
            }

            @Override
            public RotationView rotation() {
                return view;
            }
        };
    }

    /**
     * {@code /rotation} serves the graph's trails: SOL against BTC over the 14 weekly closes of
     * {@code src/test/resources/rotation/rrg_reference.py}, the last week open; the figures are the
     * script's.
     */
    @Test
    void rotationServesEachAssetsTrailAsJson() throws Exception {
        double[] sol = {100, 102, 101, 99, 96, 94, 95, 98, 103, 107, 108, 106, 102, 99};
        double[] btc = {50, 50.5, 51, 50, 49.5, 50, 50.5, 51, 51.5, 52, 52.5, 53, 53, 52.5};
        long week = Duration.ofDays(7).toMillis();
        long first = Instant.parse("2025-10-06T00:00:00Z").toEpochMilli();
        TrailingHistory h = new TrailingHistory(12);
        for (int i = 0; i < 13; i++) {
            EventWindow w = new EventWindow(first + i * week, first + (i + 1) * week);
            h.append(Series.priceClose("SOL-USD"), w, sol[i]);
            h.append(Series.priceClose("BTC-USD"), w, btc[i]);
        }
        EventWindow open = new EventWindow(first + 13 * week, first + 14 * week);
        AnalyticsConfig config = AnalyticsConfig.defaults();
        RotationGraph graph = new RotationGraph(config.relativeRotation(), config.assets());
        RotationView view =
                new RotationView(
                        "BTC",
                        5,
                        4,
                        List.copyOf(
                                graph.trails(
                                                h,
                                                open,
                                                Map.of("SOL-USD", sol[13], "BTC-USD", btc[13]),
                                                Map.of())
                                        .values()));

        HttpResponse<String> r = get(rotationOnly(view), "/rotation");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(body.get("benchmark").asText()).isEqualTo("BTC");
        assertThat(body.get("metalsBenchmark").asText()).isEqualTo("USD");
        assertThat(body.get("ratioWindows").asInt()).isEqualTo(5);
        assertThat(body.get("momentumWindows").asInt()).isEqualTo(4);
        assertThat(body.get("assets")).hasSize(1);
        JsonNode solTrail = body.get("assets").get(0);
        assertThat(solTrail.get("asset").asText()).isEqualTo("SOL");
        assertThat(solTrail.get("instrument").asText()).isEqualTo("SOL-USD");
        assertThat(solTrail.get("quadrant").asText()).isEqualTo("IMPROVING");
        // the history keeps 12 windows (weeks 1-12) plus the open week 13: points for weeks 9-13
        JsonNode points = solTrail.get("points");
        assertThat(points).hasSize(5);
        JsonNode week9 = points.get(0);
        assertThat(week9.get("windowStart").asText()).isEqualTo("2025-12-08T00:00:00Z");
        assertThat(week9.get("closed").asBoolean()).isTrue();
        assertThat(week9.get("quadrant").asText()).isEqualTo("WEAKENING");
        JsonNode last = points.get(4);
        assertThat(last.get("windowStart").asText()).isEqualTo("2026-01-05T00:00:00Z");
        assertThat(last.get("closed").asBoolean()).isFalse();
        assertThat(last.get("rsRatio").asDouble()).isCloseTo(98.724078874338, within(1e-9));
        assertThat(last.get("rsMomentum").asDouble()).isCloseTo(101.272812935137, within(1e-9));
    }

    private HttpResponse<String> get(DetectorQueries queries, String path)
            throws IOException, InterruptedException {
        endpoints =
                new HttpEndpoints(
                        "127.0.0.1",
                        0,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        () ->
                                new HttpEndpoints.StreamsHealth(
                                        KafkaStreams.State.RUNNING, 0, 0, "http-endpoints-test"),
                        Duration.ofSeconds(30));
        endpoints.start(queries, new HostInfo("127.0.0.1", endpoints.port()));
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStoreClosedWhileItIsReadIsARetryableUnavailableNotAnInternalError() throws Exception {
        HttpResponse<String> r =
                get(
                        failing(() -> new InvalidStateStoreException("store closed")),
                        "/signals?since=2026-01-19");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("retry shortly").doesNotContain("internal error");
    }

    @Test
    void aHostThatDoesNotAnswerIsNamedWithoutALeakedNullMessage() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        int port = closed;
        HttpResponse<String> r =
                get(
                        failing(
                                () ->
                                        QueryUnavailableException.hostedBy(
                                                new HostInfo("127.0.0.1", port))),
                        "/signals");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body())
                .contains("127.0.0.1:" + port, "did not answer (", "retry shortly")
                .doesNotContain("null");
    }
}
