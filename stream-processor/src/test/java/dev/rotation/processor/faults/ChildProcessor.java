package dev.rotation.processor.faults;

import static org.awaitility.Awaitility.await;

import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.service.ProcessCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detector as operators run it, {@code process ...}, in its own JVM, so that it can be killed
 * the hard way ({@link #kill}: SIGKILL, no shutdown hook, no clean close, transactions left open).
 * Its output goes to a log file next to its state.
 */
final class ChildProcessor implements AutoCloseable {
    private static final Pattern METRICS_URL = Pattern.compile("metrics (http://\\S+)/metrics");
    private static final String CONSUMED_SERIES =
            ProcessorMetrics.CONSUMED.replace('.', '_') + "_total";

    private final String name;
    private final Process process;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String base;

    private ChildProcessor(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * The test classpath with every directory (target/classes, target/test-classes) copied once
     * under {@code snapshotDir}: a build running alongside rewrites those directories, and a child
     * that loads a class lazily while they are being rewritten fails with NoClassDefFoundError.
     */
    static synchronized String snapshotClasspath(Path snapshotDir) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry :
                System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.isDirectory(source)) {
                entries.add(entry);
                continue;
            }
            Path copy = snapshotDir.resolve(Integer.toString(n++)).toAbsolutePath();
            if (!Files.exists(copy)) {
                try (java.util.stream.Stream<Path> files = Files.walk(source)) {
                    for (Path f : files.toList()) {
                        Path target = copy.resolve(source.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(f, target);
                        }
                    }
                }
            }
            entries.add(copy.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /**
     * Starts {@code process} (ProcessCommand's own main: no sub-command word) with the given
     * settings ({@code -D key=value}) and HTTP on a free port.
     */
    static ChildProcessor start(
            String name,
            Path log,
            String classpath,
            String bootstrapServers,
            String registryUrl,
            Map<String, String> settings)
            throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx384m",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                classpath,
                                ProcessCommand.class.getName(),
                                "--bootstrap-servers",
                                bootstrapServers,
                                "--schema-registry-url",
                                registryUrl,
                                "--http-port",
                                "0"));
        settings.forEach(
                (k, v) -> {
                    command.add("-D");
                    command.add(k + "=" + v);
                });
        Files.createDirectories(log.getParent());
        ProcessBuilder pb =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        // only the flags configure the child, not the environment of whoever runs the build
        pb.environment()
                .keySet()
                .removeIf(
                        k ->
                                k.startsWith("RD_")
                                        || k.startsWith("KAFKA_")
                                        || k.startsWith("SCHEMA_REGISTRY"));
        return new ChildProcessor(name, pb.start(), log);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until the child has printed where its endpoints are. */
    ChildProcessor awaitEndpoints(Duration atMost) {
        await(name + " endpoints")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            requireAlive();
                            Matcher m =
                                    METRICS_URL.matcher(
                                            Files.readString(log, StandardCharsets.UTF_8));
                            if (m.find()) {
                                base = m.group(1);
                                return true;
                            }
                            return false;
                        });
        return this;
    }

    /**
     * Input records this JVM has consumed (re-processing after a crash counts again); -1 if
     * unreadable.
     */
    double consumed() {
        requireAlive();
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/metrics"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.body()
                    .lines()
                    .filter(l -> l.startsWith(CONSUMED_SERIES))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name
                            + " exited with "
                            + process.exitValue()
                            + "; log "
                            + log
                            + ":\n"
                            + tail(40));
        }
    }

    /** SIGKILL: the JVM gets no chance to close anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") did not die");
        }
    }

    /** The last lines of the child's log. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the child if it still runs: SIGTERM (clean close), then SIGKILL if it lingers. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
