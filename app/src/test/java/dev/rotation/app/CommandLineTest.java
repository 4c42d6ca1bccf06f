package dev.rotation.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.cli.CommandErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The {@code rotation-detector} command line as a user meets it, without a cluster. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = RotationDetector.commandLine();
        cl.setOut(new PrintWriter(out, true));
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
    void helpListsEveryCommandIncludingBench() {
        assertThat(run("--help")).isZero();
        List<String> commands =
                out.toString()
                        .lines()
                        .dropWhile(l -> !l.equals("Commands:"))
                        .skip(1)
                        .filter(l -> l.startsWith("  ") && !l.startsWith("    "))
                        .map(l -> l.strip().split("\\s+")[0])
                        .toList();
        assertThat(commands)
                .containsExactly(
                        "demo",
                        "platform",
                        "produce",
                        "process",
                        "alerts",
                        "notify",
                        "evaluate",
                        "bench",
                        "help");
    }

    /** The one-line usage error points at {@code --help}: every command must answer it. */
    @Test
    void everyCommandAnswersHelp() {
        for (String command :
                List.of("demo", "platform", "produce", "process", "alerts", "notify", "evaluate")) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).as(command + " --help").isZero();
            assertThat(out.toString())
                    .as(command)
                    .startsWith("Usage: rotation-detector " + command);
        }
    }

    @Test
    void benchThroughTheJarSaysWhereItRunsInOneLine() {
        assertThat(run("bench", "--only", "serde")).isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString())
                .isEqualTo(
                        "The benchmarks are not part of this jar: run ./rotation-detector bench --only serde"
                                + " from the source checkout (it runs benchmarks/run.sh; see docs/benchmarks.md)."
                                + System.lineSeparator());
    }

    @Test
    void everyConnectingCommandTakesTheSameConnectionOptions() {
        for (String[] command :
                List.of(
                        new String[] {"process"},
                        new String[] {"alerts"},
                        new String[] {"notify"},
                        new String[] {"produce", "file"},
                        new String[] {"produce", "sample"},
                        new String[] {"produce", "simulate"})) {
            CommandLine cl = RotationDetector.commandLine();
            for (String name : command) {
                cl = cl.getSubcommands().get(name);
            }
            assertThat(cl.getCommandSpec().options())
                    .as(String.join(" ", command))
                    .extracting(o -> o.longestName())
                    .contains(
                            "--bootstrap-servers",
                            "--schema-registry-url",
                            "--client-config",
                            "--debug");
        }
    }

    @Test
    void alertsFromTheBeginningOfAnUnreachableClusterIsOneLineWithinFifteenSeconds()
            throws IOException {
        String servers = "127.0.0.1:" + closedPort();
        long t0 = System.nanoTime();
        int code = run("alerts", "--from-beginning", "--bootstrap-servers", servers);
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
    void aDemoSettingsMistakeIsOneLineOnStderrBeforeAnythingStarts() {
        int code = run("demo", "--http-port", "70000");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .singleElement()
                .asString()
                .contains("http.port=70000", "must be between 0 and 65535");
        assertThat(out.toString()).doesNotContain("http.port");
    }
}
