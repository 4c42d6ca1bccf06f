package dev.rotation.app.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} of the notifier, in the Prometheus text format, on loopback. Nothing else is
 * served: anything but {@code /metrics} is 404.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String LOOPBACK = "127.0.0.1";

    private final HttpServer server;

    /**
     * Binds {@code 127.0.0.1:port} and serves at once.
     *
     * @param port 0 picks a free port
     * @throws IOException when the port cannot be bound (in use, or not allowed)
     */
    public MetricsEndpoint(int port, PrometheusMeterRegistry registry) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(LOOPBACK, port), 0);
        server.createContext(
                "/",
                exchange -> {
                    try {
                        if (exchange.getRequestURI().getPath().equals("/metrics")) {
                            reply(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
                        } else {
                            reply(exchange, 404, "text/plain; charset=utf-8", "try /metrics\n");
                        }
                    } finally {
                        exchange.close();
                    }
                });
        server.start();
    }

    private static void reply(HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Where the metrics are served, e.g. {@code http://127.0.0.1:8071/metrics}. */
    public String url() {
        return "http://" + LOOPBACK + ":" + server.getAddress().getPort() + "/metrics";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
