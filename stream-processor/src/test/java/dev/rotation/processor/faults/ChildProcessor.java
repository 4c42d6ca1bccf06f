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
                                // as the CLI's own log4j2.xml: logging outlives the shutdown hook
                                // that closes the detector, so that the close is logged
                                "-Dlog4j2.shutdownHookEnabled=false",
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
     * GET of a path on the child's HTTP endpoints ({@code /signals?limit=5}); null if it does not
     * answer.
     */
    HttpResponse<String> get(String pathAndQuery) {
        requireAlive();
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The {@code host:port} the child's HTTP endpoints are at, as it advertises them to the other
     * instances ({@code application.server}) when bound to one address.
     */
    String address() {
        return URI.create(base).getAuthority();
    }

    /**
     * Input records this JVM has consumed (re-processing after a crash counts again); -1 if
     * unreadable.
     */
    double consumed() {
        return counter(ProcessorMetrics.CONSUMED, "");
    }

    /**
     * The sum of a counter's series in this JVM whose tags contain the fragment (e.g. {@code
     * status="FINAL"}); -1 if the endpoint does not answer.
     */
    double counter(String meter, String tagFragment) {
        HttpResponse<String> r = get("/metrics");
        if (r == null) {
            return -1;
        }
        String series = meter.replace('.', '_') + "_total";
        return r.body()
                .lines()
                .filter(l -> l.startsWith(series + "{") || l.startsWith(series + " "))
                .filter(l -> l.contains(tagFragment))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
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

    /**
     * SIGTERM, as Ctrl-C or an orchestrator stops the detector: the shutdown hook closes it.
     *
     * @return true if the child exited on its own within the time; false if it had to be killed
     */
    boolean terminate(Duration atMost) throws InterruptedException {
        process.destroy();
        if (process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        kill();
        return false;
    }

    /** The child's whole log so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
