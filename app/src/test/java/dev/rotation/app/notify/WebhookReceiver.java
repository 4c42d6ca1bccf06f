package dev.rotation.app.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A real HTTP webhook receiver on a free loopback port (the JDK's server), answering each request
 * as a script says and remembering every request it was sent, in order.
 */
final class WebhookReceiver implements AutoCloseable {

    /**
     * How to answer one request.
     *
     * @param delay how long to wait before answering; a wait longer than the client's timeout is a
     *     request that times out
     */
    record Answer(int status, Duration delay, String body, Map<String, String> headers) {
        static Answer ok() {
            return status(200);
        }

        static Answer status(int status) {
            return new Answer(status, Duration.ZERO, "", Map.of());
        }

        static Answer status(int status, String body) {
            return new Answer(status, Duration.ZERO, body, Map.of());
        }

        /** No answer within {@code delay} (then a status no client sees: it has given up). */
        static Answer hang(Duration delay) {
            return new Answer(599, delay, "", Map.of());
        }
    }

    /** Chooses the answer to the request with this 0-based index and Idempotency-Key. */
    @FunctionalInterface
    interface Script {
        Answer answer(int index, String idempotencyKey);
    }

    /**
     * One request as received.
     *
     * @param headers by name, case-insensitive
     * @param answered the status it was answered with
     */
    record Request(int index, Map<String, String> headers, byte[] body, int answered) {
        String header(String name) {
            return headers.get(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean delivered() {
            return answered >= 200 && answered < 300;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger received = new AtomicInteger();
    private volatile Script script;

    WebhookReceiver(Script script) throws IOException {
        this.script = script;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.executor =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, "test-webhook");
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Every request answered 200 OK. */
    static WebhookReceiver accepting() throws IOException {
        return new WebhookReceiver((i, key) -> Answer.ok());
    }

    void script(Script script) {
        this.script = script;
    }

    /** The webhook URL, with a path as real webhooks have. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/rd?t=1");
    }

    /** The requests received so far, in the order they arrived. */
    List<Request> requests() {
        return requests.stream().sorted(Comparator.comparingInt(Request::index)).toList();
    }

    /** The Idempotency-Keys of the requests answered 2xx. */
    Set<String> deliveredKeys() {
        return requests.stream()
                .filter(Request::delivered)
                .map(r -> r.header(WebhookClient.IDEMPOTENCY_KEY))
                .collect(Collectors.toSet());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            int index = received.getAndIncrement();
            Answer answer = script.answer(index, headers.get(WebhookClient.IDEMPOTENCY_KEY));
            requests.add(new Request(index, headers, body, answer.status()));
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] reply = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status(), reply.length == 0 ? -1 : reply.length);
            if (reply.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            }
        } catch (IOException e) {
            // the client gave up (a timeout); the request is recorded already
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
