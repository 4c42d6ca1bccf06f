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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code process} tells the user when it cannot start: one line and a non-zero exit, no stack trace. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = CommandErrors.install(new CommandLine(new ProcessCommand()));
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
    void anUnreachableClusterIsOneLineNamingTheAddressWithinFifteenSeconds(@TempDir Path dir) throws IOException {
        String servers = "127.0.0.1:" + closedPort();
        long t0 = System.nanoTime();
        int code = run("--bootstrap-servers", servers, "--schema-registry-url", "http://127.0.0.1:" + closedPort(),
                "-D", "state.dir=" + dir);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        assertThat(code).isEqualTo(CommandErrors.EXIT_UNAVAILABLE);
        assertThat(err.toString()).isEqualTo("Cannot reach Kafka at " + servers + " (bootstrap.servers): connection refused. "
                + "Start a local one with ./rotation-detector platform, or pass --bootstrap-servers HOST:PORT "
                + "(or set $KAFKA_BOOTSTRAP_SERVERS)." + System.lineSeparator());
    }

    @Test
    void aMissingConfigurationFileIsOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("processor.properties");
        int code = run("--config", missing.toString(), "--bootstrap-servers", "127.0.0.1:1");
        assertThat(code).isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString().lines().toList()).singleElement().asString().contains(missing.toString())
                .doesNotContain("Exception");
    }

    @Test
    @Tag("integration")
    void anUnreachableRegistryOrABusyHttpPortIsOneLine(@TempDir Path dir) throws IOException {
        try (LocalPlatform platform = LocalPlatform.startForTests(dir.resolve("platform"))) {
            String url = "http://127.0.0.1:" + closedPort();
            assertThat(run("--bootstrap-servers", platform.bootstrapServers(), "--schema-registry-url", url))
                    .isEqualTo(CommandErrors.EXIT_UNAVAILABLE);
            assertThat(err.toString()).isEqualTo("Cannot reach the Schema Registry at " + url + " (schema.registry.url): "
                    + "connection refused. Start a local one with ./rotation-detector platform, or pass --schema-registry-url "
                    + "URL (or set $SCHEMA_REGISTRY_URL)." + System.lineSeparator());

            err.getBuffer().setLength(0);
            try (ServerSocket busy = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
                int code = run("--bootstrap-servers", platform.bootstrapServers(), "--schema-registry-url", platform.registryUrl(),
                        "--http-port", Integer.toString(busy.getLocalPort()), "-D", "application.id=process-command-test",
                        "-D", "state.dir=" + dir.resolve("state"));
                assertThat(code).isEqualTo(CommandErrors.EXIT_USAGE);
                assertThat(err.toString().lines().toList()).singleElement().asString()
                        .contains(":" + busy.getLocalPort(), "(http.port). Pass --http-port N (0 = any free port).");
            }
        }
    }
}
