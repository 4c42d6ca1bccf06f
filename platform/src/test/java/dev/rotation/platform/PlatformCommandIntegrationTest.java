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
}
