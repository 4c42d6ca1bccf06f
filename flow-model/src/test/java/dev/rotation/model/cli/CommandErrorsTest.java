package dev.rotation.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The one-line error report, exercised through picocli as the commands use it. */
class CommandErrorsTest {

    /** A connecting command that fails the way it is told to. */
    @Command(name = "connect")
    static final class Connecting implements Callable<Integer> {
        @Mixin ConnectionOptions connection;

        @Option(names = "--fail")
        String fail;

        @Override
        public Integer call() {
            connection.settings(Map.of());
            switch (fail) {
                case "user" -> throw new UserError("The thing is wrong: fix it.", 3);
                case "timeout" ->
                        throw new IllegalStateException(
                                "Cannot create topics",
                                new org.apache.kafka.common.errors.TimeoutException(
                                        "Timed out waiting for a node assignment."));
                default -> throw new IllegalArgumentException("a bug\nwith a second line");
            }
        }
    }

    @Command(name = "plain")
    static final class Plain implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("broken");
        }
    }

    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cl = CommandErrors.install(new CommandLine(command));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aUserErrorIsItsOwnLineAndExitCode() {
        assertThat(run(new Connecting(), "--fail", "user")).isEqualTo(3);
        assertThat(err.toString())
                .isEqualTo("The thing is wrong: fix it." + System.lineSeparator());
    }

    @Test
    void debugAddsTheStackTrace() {
        assertThat(run(new Connecting(), "--fail", "user", "--debug")).isEqualTo(3);
        assertThat(err.toString())
                .startsWith("The thing is wrong: fix it." + System.lineSeparator())
                .contains(
                        "dev.rotation.model.cli.UserError",
                        "\tat dev.rotation.model.cli.CommandErrorsTest$Connecting.call");
    }

    @Test
    void aClusterThatStopsAnsweringIsNamedWithTheAddressTheCommandUsed() {
        assertThat(
                        run(
                                new Connecting(),
                                "--fail",
                                "timeout",
                                "--bootstrap-servers",
                                "10.0.0.7:9092"))
                .isEqualTo(CommandErrors.EXIT_UNAVAILABLE);
        assertThat(err.toString().lines().toList())
                .singleElement()
                .asString()
                .startsWith(
                        "Cannot reach Kafka at 10.0.0.7:9092 (bootstrap.servers): it stopped answering "
                                + "(Timed out waiting for a node assignment). Start a local one with ./rotation-detector platform");
    }

    @Test
    void anUnexpectedFailureIsOneLinePointingToDebug() {
        assertThat(run(new Connecting(), "--fail", "bug")).isEqualTo(CommandErrors.EXIT_FAILED);
        assertThat(err.toString())
                .isEqualTo(
                        "connect failed: java.lang.IllegalArgumentException: a bug "
                                + "(--debug prints the stack trace)"
                                + System.lineSeparator());
    }

    @Test
    void aCommandWithoutDebugShowsTheTraceOfAnUnexpectedFailure() {
        assertThat(run(new Plain())).isEqualTo(CommandErrors.EXIT_FAILED);
        assertThat(err.toString())
                .startsWith(
                        "plain failed: java.lang.IllegalStateException: broken"
                                + System.lineSeparator())
                .contains("\tat dev.rotation.model.cli.CommandErrorsTest$Plain.call");
    }

    @Test
    void aMissingClientConfigFileIsAUsageError(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("client.properties");
        assertThat(run(new Connecting(), "--fail", "user", "--client-config", missing.toString()))
                .isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString())
                .isEqualTo(
                        "The client properties file "
                                + missing
                                + " does not exist (--client-config)."
                                + System.lineSeparator());
    }

    @Test
    void aMistakeOnTheCommandLineIsOneLineWithSuggestionAndWhereTheOptionsAre() {
        int code = run(new Connecting(), "--fails");
        assertThat(code).isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString().strip())
                .startsWith("Unknown option: '--fails'.")
                .contains("Did you mean --fail?")
                .endsWith("Run 'connect --help' for the options.")
                .doesNotContain("Usage:");
    }

    @Test
    void aMissingOptionValueIsOneLineToo() {
        int code = run(new Connecting(), "--fail");
        assertThat(code).isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString().strip())
                .startsWith("Missing required parameter for option '--fail'")
                .endsWith("Run 'connect --help' for the options.");
    }
}
