package dev.rotation.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.app.RotationDetector;
import dev.rotation.model.Severity;
import dev.rotation.model.SignalType;
import dev.rotation.model.cli.CommandErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code notify} as a user meets it without a cluster: each mistake is one line and an exit code,
 * reported before anything connects.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotifyCommandTest {
    private static final String EOL = System.lineSeparator();

    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        CommandLine cl = RotationDetector.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        ((NotifyCommand) cl.getSubcommands().get("notify").getCommand()).environment = environment;
        List<String> all = new ArrayList<>(List.of("notify"));
        all.addAll(List.of(args));
        return cl.execute(all.toArray(String[]::new));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void helpNamesEveryOption() {
        StringWriter out = new StringWriter();
        CommandLine cl = RotationDetector.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("notify", "--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "--webhook=URL",
                        "--secret-file=FILE",
                        "--format=json|slack",
                        "--min-severity=SEVERITY",
                        "NOTICE, WARNING, CRITICAL",
                        "--types=TYPE[,TYPE...]",
                        "--max-attempts=N",
                        "--initial-backoff=DURATION",
                        "--max-backoff=DURATION",
                        "--timeout=DURATION",
                        "--group-id=ID",
                        "--from-beginning",
                        "--topics-prefix=PREFIX",
                        "--http-port=N",
                        "--bootstrap-servers",
                        "--debug");
    }

    @Test
    void aMissingSecretFileIsOneLine(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("webhook.secret");
        int code =
                run(
                        Map.of(),
                        "--webhook",
                        "https://hooks.example.com/rd",
                        "--secret-file",
                        missing.toString(),
                        "--bootstrap-servers",
                        "127.0.0.1:" + closedPort());
        assertThat(code).isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString())
                .isEqualTo("The secret file " + missing + " does not exist (--secret-file)." + EOL);
    }

    @Test
    void noSecretAtAllIsOneLineNamingBothWays() throws IOException {
        int code =
                run(
                        Map.of(),
                        "--webhook",
                        "https://hooks.example.com/rd",
                        "--bootstrap-servers",
                        "127.0.0.1:" + closedPort());
        assertThat(code).isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString())
                .isEqualTo(
                        "No webhook secret: pass --secret-file FILE or set $RD_WEBHOOK_SECRET"
                                + " (the receiver checks X-Signature-256 with it)."
                                + EOL);
    }

    @Test
    void theSchemasFallbackTypeIsNotATypeToAskFor() throws IOException {
        int code =
                run(
                        Map.of(WebhookSecret.ENV, "s3cret"),
                        "--webhook",
                        "http://127.0.0.1:9/hook",
                        "--types",
                        "CASCADE_RISK,UNKNOWN",
                        "--bootstrap-servers",
                        "127.0.0.1:" + closedPort());
        assertThat(code).isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString())
                .startsWith("--types UNKNOWN is not a signal type; the types are [")
                .contains("CASCADE_RISK")
                .doesNotContain(", UNKNOWN")
                .endsWith("]." + EOL);
    }

    @Test
    void aBadWebhookUrlIsOneLine() throws IOException {
        int code =
                run(
                        Map.of(WebhookSecret.ENV, "s3cret"),
                        "--webhook",
                        "hooks.example.com/rd",
                        "--bootstrap-servers",
                        "127.0.0.1:" + closedPort());
        assertThat(code).isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString())
                .isEqualTo(
                        "The webhook URL must start with https:// or http:// (--webhook)."
                                + " Pass --webhook https://HOST/PATH (http:// for a receiver on this machine)."
                                + EOL);
    }

    @Test
    void aBackoffThatCannotWorkIsOneLine(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "s3cret\n");
        int code =
                run(
                        Map.of(),
                        "--webhook",
                        "https://hooks.example.com/rd",
                        "--secret-file",
                        secret.toString(),
                        "--initial-backoff",
                        "5s",
                        "--max-backoff",
                        "1s");
        assertThat(code).isEqualTo(CommandErrors.EXIT_USAGE);
        assertThat(err.toString())
                .isEqualTo("--max-backoff (PT1S) must be at least --initial-backoff (PT5S)" + EOL);
    }

    @Test
    void aMetricsPortInUseIsOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code =
                    run(
                            Map.of(WebhookSecret.ENV, "s3cret"),
                            "--webhook",
                            "https://hooks.example.com/rd",
                            "--http-port",
                            Integer.toString(taken.getLocalPort()),
                            "--bootstrap-servers",
                            "127.0.0.1:" + closedPort());
            assertThat(code).isEqualTo(CommandErrors.EXIT_USAGE);
            assertThat(err.toString())
                    .startsWith(
                            "Cannot serve the metrics on 127.0.0.1:"
                                    + taken.getLocalPort()
                                    + " (--http-port): ")
                    .endsWith(". Pass --http-port N (0 = any free port)." + EOL)
                    .hasLineCount(1);
        }
    }

    @Test
    void anUnreachableClusterIsTheSameOneLineAsForEveryCommand() throws IOException {
        String servers = "127.0.0.1:" + closedPort();
        int code =
                run(
                        Map.of(WebhookSecret.ENV, "s3cret"),
                        "--webhook",
                        "https://hooks.example.com/rd",
                        "--bootstrap-servers",
                        servers);
        assertThat(code).isEqualTo(CommandErrors.EXIT_UNAVAILABLE);
        assertThat(err.toString())
                .isEqualTo(
                        "Cannot reach Kafka at "
                                + servers
                                + " (bootstrap.servers): connection refused. "
                                + "Start a local one with ./rotation-detector platform, or pass --bootstrap-servers HOST:PORT "
                                + "(or set $KAFKA_BOOTSTRAP_SERVERS)."
                                + EOL);
    }

    @Test
    void theOptionsBecomeTypedSettings(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "s3cret\n");
        CommandLine cl = RotationDetector.commandLine();
        NotifyCommand command = (NotifyCommand) cl.getSubcommands().get("notify").getCommand();
        command.environment = Map.of();
        cl.parseArgs(
                "notify",
                "--webhook",
                "https://hooks.example.com/rd",
                "--secret-file",
                secret.toString(),
                "--format",
                "slack",
                "--min-severity",
                "warning",
                "--types",
                "concentrated_outflow,DERISKING",
                "--max-attempts",
                "3",
                "--initial-backoff",
                "250ms",
                "--max-backoff",
                "2s",
                "--timeout",
                "PT5S",
                "--group-id",
                "desk-a",
                "--topics-prefix",
                "prod.");
        NotifierSettings s = command.settings();
        assertThat(s.format()).isEqualTo(AlertPayload.Format.SLACK);
        assertThat(s.filter())
                .isEqualTo(
                        new AlertFilter(
                                Severity.WARNING,
                                Set.of(SignalType.CONCENTRATED_OUTFLOW, SignalType.DERISKING)));
        assertThat(s.backoff())
                .isEqualTo(
                        new BackoffPolicy(
                                3,
                                Duration.ofMillis(250),
                                Duration.ofSeconds(2),
                                BackoffPolicy.DEFAULTS.jitter()));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.groupId()).isEqualTo("desk-a");
        assertThat(s.topicsPrefix()).isEqualTo("prod.");
        assertThat(s.fromBeginning()).isFalse();
        assertThat(s.secret()).isEqualTo(WebhookSecret.of("s3cret"));

        cl = RotationDetector.commandLine();
        command = (NotifyCommand) cl.getSubcommands().get("notify").getCommand();
        command.environment = Map.of(WebhookSecret.ENV, "from-env");
        cl.parseArgs("notify", "--webhook", "http://127.0.0.1:9000/");
        NotifierSettings defaults = command.settings();
        assertThat(defaults.filter()).isEqualTo(AlertFilter.all());
        assertThat(defaults.format()).isEqualTo(AlertPayload.Format.JSON);
        assertThat(defaults.backoff()).isEqualTo(BackoffPolicy.DEFAULTS);
        assertThat(defaults.requestTimeout()).isEqualTo(NotifierSettings.DEFAULT_REQUEST_TIMEOUT);
        assertThat(defaults.groupId()).isEqualTo(NotifierSettings.DEFAULT_GROUP_ID);
        assertThat(defaults.secret()).isEqualTo(WebhookSecret.of("from-env"));
    }

    @Test
    void theSettingsNeverShowTheSecretOrTheWebhookPath() {
        CommandLine cl = RotationDetector.commandLine();
        NotifyCommand command = (NotifyCommand) cl.getSubcommands().get("notify").getCommand();
        command.environment = Map.of(WebhookSecret.ENV, "s3cret-value");
        cl.parseArgs("notify", "--webhook", "https://hooks.slack.com/services/T0/B0/TOKEN123");
        String shown = command.settings().toString();
        assertThat(shown).doesNotContain("s3cret-value", "TOKEN123").contains("hooks.slack.com");
    }
}
