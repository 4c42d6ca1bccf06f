package dev.rotation.processor.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.cli.CommandErrors;
import dev.rotation.platform.LocalPlatform;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code process} tells the user when it cannot start: one line on stderr and a non-zero exit,
 * no stack trace. Settings mistakes fail before anything connects (the cluster address in those
 * cases points nowhere, so reaching it would fail differently).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessCommandTest {

    private final StringWriter err = new StringWriter();

    @TempDir Path dir;

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> environment, String... args) {
        ProcessCommand command = new ProcessCommand();
        command.environment = environment;
        CommandLine cl = CommandErrors.install(new CommandLine(command));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** A loopback port that was free a moment ago and that nobody listens on now. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aMisspelledDashDKeyFailsAtStartUpWithTheNearestKey() {
        int code = run("--bootstrap-servers", "127.0.0.1:1", "-D", "window.grase=P1D");
        assertThat(code).isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString())
                .isEqualTo(
                        "Unknown configuration key 'window.grase' (from -D). Did you mean 'window.grace'?"
                                + System.lineSeparator());
    }

    @Test
    void aMisspelledRdVariableFailsTheSameWay() {
        int code = run(Map.of("RD_WINDOW_GRASE", "P1D"), "--bootstrap-servers", "127.0.0.1:1");
        assertThat(code).isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString().strip())
                .isEqualTo(
                        "Unknown configuration key 'window.grase' (from environment variable "
                                + "RD_WINDOW_GRASE). Did you mean 'window.grace' (RD_WINDOW_GRACE)?");
    }

    @Test
    void aMissingConfigFileAndAnInvalidValueAreOneLineEach() {
        Path missing = dir.resolve("missing.properties");
        assertThat(run("--config", missing.toString(), "--bootstrap-servers", "127.0.0.1:1"))
                .isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString().strip())
                .isEqualTo("Cannot read the configuration file '" + missing + "': no such file");

        err.getBuffer().setLength(0);
        assertThat(run("--http-port", "70000", "--bootstrap-servers", "127.0.0.1:1"))
                .isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString().strip())
                .isEqualTo(
                        "Invalid configuration 'http.port=70000' (from -D): must be between 0 and 65535");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void anUnreachableClusterIsOneLineNamingTheAddressWithinFifteenSeconds() throws IOException {
        String servers = "127.0.0.1:" + closedPort();
        long t0 = System.nanoTime();
        int code =
                run(
                        "--bootstrap-servers",
                        servers,
                        "--schema-registry-url",
                        "http://127.0.0.1:" + closedPort(),
                        "-D",
                        "state.dir=" + dir);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        assertThat(code).isEqualTo(CommandErrors.EXIT_UNAVAILABLE);
        assertThat(err.toString())
                .isEqualTo(
                        "Cannot reach Kafka at "
                                + servers
                                + " (bootstrap.servers): connection refused. "
                                + "Start a local one with ./rotation-detector platform, or pass --bootstrap-servers HOST:PORT "
                                + "(or set $KAFKA_BOOTSTRAP_SERVERS)."
                                + System.lineSeparator());
    }

    @Test
    @Tag("integration")
    void anUnreachableRegistryOrABusyHttpPortIsOneLine() throws IOException {
        try (LocalPlatform platform = LocalPlatform.startForTests(dir.resolve("platform"))) {
            String url = "http://127.0.0.1:" + closedPort();
            assertThat(
                            run(
                                    "--bootstrap-servers",
                                    platform.bootstrapServers(),
                                    "--schema-registry-url",
                                    url))
                    .isEqualTo(CommandErrors.EXIT_UNAVAILABLE);
            assertThat(err.toString())
                    .isEqualTo(
                            "Cannot reach the Schema Registry at "
                                    + url
                                    + " (schema.registry.url): "
                                    + "connection refused. Start a local one with ./rotation-detector platform, or pass --schema-registry-url "
                                    + "URL (or set $SCHEMA_REGISTRY_URL)."
                                    + System.lineSeparator());

            err.getBuffer().setLength(0);
            try (ServerSocket busy =
                    new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
                int code =
                        run(
                                "--bootstrap-servers",
                                platform.bootstrapServers(),
                                "--schema-registry-url",
                                platform.registryUrl(),
                                "--http-port",
                                Integer.toString(busy.getLocalPort()),
                                "-D",
                                "application.id=process-command-test",
                                "-D",
                                "state.dir=" + dir.resolve("state"));
                assertThat(code).isEqualTo(CommandErrors.EXIT_USAGE);
                assertThat(err.toString().lines().toList())
                        .singleElement()
                        .asString()
                        .contains(
                                ":" + busy.getLocalPort(),
                                "(http.port). Pass --http-port N (0 = any free port).");
            }
        }
    }
}
