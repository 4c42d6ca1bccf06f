package dev.rotation.processor.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Signal;
import dev.rotation.processor.query.DetectorQueries;
import dev.rotation.processor.query.QueryUnavailableException;
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
        };
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
