package dev.rotation.processor.service;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code process} with a mistake in its settings: one line on stderr, exit 2, and nothing
 * started (the cluster address points nowhere, so reaching it would hang instead).
 */
class ProcessCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run process(Map<String, String> environment, String... args) {
        ProcessCommand command = new ProcessCommand();
        command.environment = environment;
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-servers=127.0.0.1:1";
        all[1] = "--schema-registry-url=http://127.0.0.1:1";
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = cli.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aMisspelledDashDKeyFailsAtStartUpWithTheNearestKey() {
        Run r = process(Map.of(), "-D", "window.grase=P1D");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("Unknown configuration key 'window.grase' (from -D). Did you mean 'window.grace'?"
                + System.lineSeparator());
    }

    @Test
    void aMisspelledRdVariableFailsTheSameWay() {
        Run r = process(Map.of("RD_WINDOW_GRASE", "P1D"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("Unknown configuration key 'window.grase' (from environment variable "
                + "RD_WINDOW_GRASE). Did you mean 'window.grace' (RD_WINDOW_GRACE)?");
    }

    @Test
    void aMissingConfigFileAndAnInvalidValueAreOneLineEach() {
        Path missing = dir.resolve("missing.properties");
        Run r = process(Map.of(), "--config", missing.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("Cannot read the configuration file '" + missing + "': no such file");

        Run bad = process(Map.of(), "--http-port", "70000");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("Invalid configuration 'http.port=70000' (from -D): must be between 0 and 65535");
        assertThat(bad.err().lines()).hasSize(1);
    }
}
