package dev.rotation.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.rotation.model.config.ConnectionSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pre-flight check against real sockets: a port nobody listens on, a name that does not
 * resolve, and a real HTTP server that is not a registry (or refuses the credentials). The
 * reachable case runs against the embedded platform in the producers' and app's tests.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionCheckTest {

    private HttpServer http;

    @AfterEach
    void stopHttp() {
        if (http != null) {
            http.stop(0);
        }
    }

    /** A loopback port that was free a moment ago and that nobody listens on now. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String httpAnswering(int status) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(
                "/",
                exchange -> {
                    exchange.sendResponseHeaders(status, -1);
                    exchange.close();
                });
        http.start();
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    @Test
    void aClusterPortNobodyListensOnFailsAtOnceNamingTheAddressAndItsSetting() throws IOException {
        String servers = "127.0.0.1:" + closedPort();
        long t0 = System.nanoTime();
        UserError e =
                catchThrowableOfType(
                        UserError.class,
                        () ->
                                ConnectionCheck.requireKafka(
                                        ConnectionSettings.of(servers, "http://127.0.0.1:1"),
                                        Duration.ofSeconds(10)));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(e.exitCode()).isEqualTo(CommandErrors.EXIT_UNAVAILABLE);
        assertThat(e.getMessage())
                .isEqualTo(
                        "Cannot reach Kafka at "
                                + servers
                                + " (bootstrap.servers): connection refused. "
                                + "Start a local one with ./rotation-detector platform, or pass --bootstrap-servers HOST:PORT "
                                + "(or set $KAFKA_BOOTSTRAP_SERVERS).");
    }

    @Test
    void anHttpServerGivenAsTheClusterIsNamedAsNotKafkaInsteadOfCrashingTheClient()
            throws IOException {
        // a Kafka client reads "HTTP" as a 1.2 GB frame size and dies of OutOfMemoryError
        String servers = httpAnswering(200).substring("http://".length());
        // The JDK's HTTP server serves one connection at a time. The check's Kafka client, which
        // connects as soon as it is built, once left the server reading its request line for good,
        // and the probe never got its answer (about one check in five). Repeated, so the verdict
        // cannot depend on which connection the server happens to serve first.
        for (int i = 0; i < 20; i++) {
            UserError e =
                    catchThrowableOfType(
                            UserError.class,
                            () ->
                                    ConnectionCheck.requireKafka(
                                            ConnectionSettings.of(servers, "http://127.0.0.1:1"),
                                            Duration.ofSeconds(5)));
            assertThat(e.exitCode()).isEqualTo(CommandErrors.EXIT_UNAVAILABLE);
            assertThat(e.getMessage())
                    .as("check %d", i)
                    .startsWith(
                            "Something answers at "
                                    + servers
                                    + " (bootstrap.servers), but it is not Kafka: ")
                    .endsWith(
                            ". Pass the broker's address with --bootstrap-servers HOST:PORT (the"
                                    + " Schema Registry's port goes to --schema-registry-url).");
        }
    }

    /**
     * A server that accepts one connection, reads {@code readFirst} bytes of the request, and then
     * either resets the connection (SO_LINGER 0: an RST, as when a server closes with the request
     * unread) or closes it plainly.
     */
    private static Thread answerOnce(ServerSocket server, int readFirst, boolean reset) {
        Thread t =
                new Thread(
                        () -> {
                            try (Socket s = server.accept()) {
                                s.getInputStream().readNBytes(readFirst);
                                if (reset) {
                                    s.setSoLinger(true, 0);
                                }
                            } catch (IOException ignored) {
                                // the test asserts what the client saw
                            }
                        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aServerThatResetsOrClosesOnTheKafkaRequestIsNotKafkaRatherThanSlow() throws Exception {
        // an HTTP server that rejects the binary request line and closes with bytes unread sends
        // an RST, which can drop its reply: that is an answer (not Kafka), not a missing one
        try (ServerSocket resets = new ServerSocket(0);
                ServerSocket closes = new ServerSocket(0)) {
            String resetting = "127.0.0.1:" + resets.getLocalPort();
            Thread r = answerOnce(resets, 4, true);
            assertThat(ConnectionCheck.notKafka(resetting, Duration.ofSeconds(5)))
                    .isEqualTo("it reset the connection without a Kafka answer");
            r.join(5000);
            String closing = "127.0.0.1:" + closes.getLocalPort();
            Thread c = answerOnce(closes, 0, false);
            assertThat(ConnectionCheck.notKafka(closing, Duration.ofSeconds(5)))
                    .isEqualTo("it closed the connection without a Kafka answer");
            c.join(5000);
        }
    }

    @Test
    void aClusterAddressThatAcceptsButNeverAnswersFailsWithinTheTimeout() throws IOException {
        // the kernel completes the TCP handshake for the backlog; nothing ever reads or answers
        try (ServerSocket silent = new ServerSocket(0)) {
            String servers = "127.0.0.1:" + closedPort() + ",127.0.0.1:" + silent.getLocalPort();
            long t0 = System.nanoTime();
            UserError e =
                    catchThrowableOfType(
                            UserError.class,
                            () ->
                                    ConnectionCheck.requireKafka(
                                            ConnectionSettings.of(servers, "http://127.0.0.1:1"),
                                            Duration.ofSeconds(2)));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertThat(e.getMessage())
                    .startsWith(
                            "Cannot reach Kafka at "
                                    + servers
                                    + " (bootstrap.servers): no answer within 2 s. ");
        }
    }

    @Test
    void anAddressThatDoesNotResolveIsAUsableMessage() {
        UserError e =
                catchThrowableOfType(
                        UserError.class,
                        () ->
                                ConnectionCheck.requireKafka(
                                        ConnectionSettings.of(
                                                "no-such-host.invalid:9092", "http://127.0.0.1:1"),
                                        Duration.ofSeconds(2)));
        assertThat(e.getMessage())
                .startsWith(
                        "Cannot use the Kafka address no-such-host.invalid:9092 (bootstrap.servers): ")
                .endsWith("Pass --bootstrap-servers HOST:PORT.")
                .doesNotContain("\n");
    }

    @Test
    void clientSettingsKafkaCannotUseAreAUsageError() {
        ConnectionSettings sasl =
                new ConnectionSettings(
                        "127.0.0.1:9092",
                        "http://127.0.0.1:1",
                        Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN"),
                        Map.of());
        UserError e =
                catchThrowableOfType(
                        UserError.class,
                        () -> ConnectionCheck.requireKafka(sasl, Duration.ofSeconds(2)));
        assertThat(e.exitCode()).isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(e.getMessage())
                .startsWith("Cannot create a Kafka client for 127.0.0.1:9092: ")
                .contains("JAAS")
                .endsWith(
                        "Check the client settings (--client-config, $KAFKA_SECURITY_PROTOCOL, $KAFKA_SASL_*).");
    }

    @Test
    void aRegistryNobodyAnswersIsNamedWithItsSetting() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();
        UserError e =
                catchThrowableOfType(
                        UserError.class,
                        () ->
                                ConnectionCheck.requireRegistry(
                                        ConnectionSettings.of("127.0.0.1:1", url),
                                        Duration.ofSeconds(2)));
        assertThat(e.exitCode()).isEqualTo(CommandErrors.EXIT_UNAVAILABLE);
        assertThat(e.getMessage())
                .isEqualTo(
                        "Cannot reach the Schema Registry at "
                                + url
                                + " (schema.registry.url): "
                                + "connection refused. Start a local one with ./rotation-detector platform, or pass --schema-registry-url URL "
                                + "(or set $SCHEMA_REGISTRY_URL).");
    }

    @Test
    void aRegistryThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            long t0 = System.nanoTime();
            UserError e =
                    catchThrowableOfType(
                            UserError.class,
                            () ->
                                    ConnectionCheck.requireRegistry(
                                            ConnectionSettings.of("127.0.0.1:1", url),
                                            Duration.ofSeconds(1)));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertThat(e.getMessage())
                    .startsWith(
                            "Cannot reach the Schema Registry at "
                                    + url
                                    + " (schema.registry.url): no answer within 1 s.");
        }
    }

    @Test
    void aServerThatIsNotARegistryOrRefusesTheCredentialsIsToldApart() throws IOException {
        String notARegistry = httpAnswering(404);
        assertThat(
                        catchThrowableOfType(
                                        UserError.class,
                                        () ->
                                                ConnectionCheck.requireRegistry(
                                                        ConnectionSettings.of(
                                                                "127.0.0.1:1", notARegistry),
                                                        Duration.ofSeconds(2)))
                                .getMessage())
                .isEqualTo(
                        "The address "
                                + notARegistry
                                + " (schema.registry.url) answered HTTP 404 to GET /subjects: "
                                + "is it a Schema Registry? Pass --schema-registry-url URL.");
        http.stop(0);

        String guarded = httpAnswering(401);
        ConnectionSettings withCredentials =
                new ConnectionSettings(
                        "127.0.0.1:1",
                        guarded,
                        Map.of(),
                        Map.of("basic.auth.user.info", "user:wrong"));
        String message =
                catchThrowableOfType(
                                UserError.class,
                                () ->
                                        ConnectionCheck.requireRegistry(
                                                withCredentials, Duration.ofSeconds(2)))
                        .getMessage();
        assertThat(message)
                .isEqualTo(
                        "The Schema Registry at "
                                + guarded
                                + " refused the credentials (HTTP 401). "
                                + "Set basic.auth.user.info in --client-config or $SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO.");
        assertThat(message).doesNotContain("wrong");
    }

    @Test
    void aRegistryUrlThatIsNotAUrlIsAUsageError() {
        UserError e =
                catchThrowableOfType(
                        UserError.class,
                        () ->
                                ConnectionCheck.requireRegistry(
                                        ConnectionSettings.of(
                                                "127.0.0.1:1", "ftp://127.0.0.1:8081"),
                                        Duration.ofSeconds(2)));
        assertThat(e.exitCode()).isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(e.getMessage())
                .startsWith(
                        "Cannot use the Schema Registry URL ftp://127.0.0.1:8081 (schema.registry.url): ");
    }
}
