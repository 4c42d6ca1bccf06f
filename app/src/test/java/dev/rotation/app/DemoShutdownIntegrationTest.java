package dev.rotation.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} stopped by a signal while it runs removes its scratch folder ({@code
 * data/demo/run-*}) after closing the broker and the streams. The demo runs as a child JVM, as a
 * user starts it, and is sent SIGTERM: the JVM runs its shutdown hooks for SIGTERM exactly as for
 * Ctrl-C (SIGINT). While it runs, the web view's URL it prints serves the page.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DemoShutdownIntegrationTest {

    @Test
    void aSignalledDemoRemovesItsDataFolder(@TempDir Path workDir) throws Exception {
        Path log = workDir.resolve("demo.log");
        ProcessBuilder pb =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx512m",
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                System.getProperty("java.class.path"),
                                RotationDetector.class.getName(),
                                "demo",
                                "--kafka-port",
                                "0",
                                "--registry-port",
                                "0",
                                "--http-port",
                                "0")
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        // only the flags configure the child, not the environment of whoever runs the build
        pb.environment()
                .keySet()
                .removeIf(
                        k ->
                                k.startsWith("RD_")
                                        || k.startsWith("KAFKA_")
                                        || k.startsWith("SCHEMA_REGISTRY"));
        Process demo = pb.start();
        try {
            await("the demo's processor")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                assertThat(demo.isAlive())
                                        .as("demo exited early:%n%s", Files.readString(log))
                                        .isTrue();
                                return Files.readString(log, StandardCharsets.UTF_8)
                                        .contains("Web view for desks: http://");
                            });
            // the URL it prints serves the web view
            String url =
                    Files.readString(log, StandardCharsets.UTF_8)
                            .lines()
                            .filter(l -> l.startsWith("Web view for desks: "))
                            .findFirst()
                            .orElseThrow()
                            .substring("Web view for desks: ".length())
                            .trim();
            HttpResponse<String> page =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(url))
                                            .timeout(Duration.ofSeconds(30))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Correlations, not causes");
            List<Path> runs = runFolders(workDir);
            assertThat(runs).hasSize(1);
            assertThat(size(runs.get(0)))
                    .as("broker and state data under %s", runs.get(0))
                    .isPositive();

            demo.destroy();
            assertThat(demo.waitFor(90, TimeUnit.SECONDS))
                    .as("demo stopped within 90 s:%n%s", Files.readString(log))
                    .isTrue();
            assertThat(runFolders(workDir))
                    .as("data left after the signal; demo output:%n%s", Files.readString(log))
                    .isEmpty();
            assertThat(Files.readString(log))
                    .doesNotContain("Could not remove", "did not finish closing");
        } finally {
            demo.destroyForcibly();
        }
    }

    private static List<Path> runFolders(Path workDir) throws IOException {
        Path demoData = workDir.resolve("data").resolve("demo");
        if (!Files.isDirectory(demoData)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(demoData)) {
            return s.filter(p -> p.getFileName().toString().startsWith("run-")).toList();
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
