package dev.rotation.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlatformCommandIntegrationTest {

    @Test
    void startsPrintsTheAddressesServesAndStopsCleanly() throws Exception {
        Path dataDir = SharedPlatform.newDir("command");
        PlatformCommand command = new PlatformCommand();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(command).setOut(new PrintWriter(out, true));

        CompletableFuture<Integer> exit =
                CompletableFuture.supplyAsync(
                        () ->
                                cli.execute(
                                        "--kafka-port",
                                        "0",
                                        "--registry-port",
                                        "0",
                                        "--data-dir",
                                        dataDir.toString()));
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> out.toString().contains("Press Ctrl-C") || exit.isDone());
        assertThat(exit).isNotDone();

        LocalPlatform platform = command.platform();
        assertThat(out.toString())
                .contains(
                        "Kafka bootstrap servers: " + platform.bootstrapServers(),
                        "Schema Registry URL:     " + platform.registryUrl());
        assertThat(new RegistryHttp(platform.registryUrl()).get("/subjects").body())
                .isEqualTo("[]");

        command.stop();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("Platform stopped.");
    }

    @Test
    void helpDescribesTheOptions() {
        StringWriter out = new StringWriter();
        int code =
                new CommandLine(new PlatformCommand())
                        .setOut(new PrintWriter(out, true))
                        .execute("--help");
        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("--kafka-port", "--registry-port", "--data-dir", "9092", "8081");
    }

    @Test
    void aKafkaPortInUseIsOneLineWithTheWayOut(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        try (java.net.ServerSocket busy =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int code =
                    dev.rotation.model.cli.CommandErrors.install(
                                    new CommandLine(new PlatformCommand()))
                            .setErr(new PrintWriter(err, true))
                            .execute(
                                    "--kafka-port",
                                    Integer.toString(busy.getLocalPort()),
                                    "--registry-port",
                                    "0",
                                    "--data-dir",
                                    dir.toString());
            assertThat(code).isEqualTo(dev.rotation.model.cli.CommandErrors.EXIT_USAGE);
            assertThat(err.toString().lines().toList())
                    .singleElement()
                    .asString()
                    .startsWith("Could not start the platform: ")
                    .contains(
                            ":" + busy.getLocalPort() + " is already in use",
                            "Pass --kafka-port N --registry-port N (0 = any free port)")
                    .doesNotContain("Exception");
        }
    }
}
