package dev.rotation.app.notify;

import dev.rotation.model.Severity;
import dev.rotation.model.SignalType;
import dev.rotation.model.cli.CommandErrors;
import dev.rotation.model.cli.ConnectionCheck;
import dev.rotation.model.cli.ConnectionOptions;
import dev.rotation.model.cli.UserError;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.producers.cli.DurationConverter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rotation-detector notify}: delivers the alerts topic to a webhook until Ctrl-C, signed,
 * retried and at least once ({@link AlertNotifier}).
 *
 * <p>Exit codes: 0 stopped by a signal; 1 an unexpected failure (an undeliverable alert that cannot
 * be written to the undelivered topic, say); 2 a bad option, a missing or empty secret, a bad
 * webhook URL, the metrics port in use; 4 the cluster or the registry cannot be reached (checked
 * before delivery starts). Failures are one line on stderr ({@link CommandErrors}).
 */
@Command(
        name = "notify",
        mixinStandardHelpOptions = true,
        description = {
            "Deliver the alerts topic to a webhook, at least once.",
            "Each alert is POSTed as JSON, signed (X-Signature-256), with an Idempotency-Key, and"
                    + " retried with backoff.",
            "Alerts that cannot be delivered go to rd.alerts.undelivered with the reason."
        })
public final class NotifyCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;

    @Option(
            names = "--webhook",
            required = true,
            paramLabel = "URL",
            description = "Where to POST the alerts (http:// or https://)")
    String webhook;

    @Option(
            names = "--secret-file",
            paramLabel = "FILE",
            description =
                    "File holding the signing secret (else $"
                            + WebhookSecret.ENV
                            + "); trailing line breaks are ignored")
    Path secretFile;

    @Option(
            names = "--format",
            paramLabel = "json|slack",
            description =
                    "Payload: json (the alert as an object, default) or slack ({\"text\": ...})",
            defaultValue = "json")
    AlertPayload.Format format;

    @Option(
            names = "--min-severity",
            paramLabel = "SEVERITY",
            description = "Send only alerts at least this severe: ${COMPLETION-CANDIDATES}",
            defaultValue = "INFO")
    Severity minSeverity;

    @Option(
            names = "--types",
            paramLabel = "TYPE",
            split = ",",
            description = "Send only these signal types, comma-separated (default: all)")
    List<SignalType> types = List.of();

    @Option(
            names = "--max-attempts",
            paramLabel = "N",
            description =
                    "Attempts per alert before it goes to the undelivered topic (default ${DEFAULT-VALUE})",
            defaultValue = "8")
    int maxAttempts;

    @Option(
            names = "--initial-backoff",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Wait after the first failed attempt, doubling after each (default 1s)",
            defaultValue = "1s")
    Duration initialBackoff;

    @Option(
            names = "--max-backoff",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Longest wait between attempts (default 60s)",
            defaultValue = "60s")
    Duration maxBackoff;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long one attempt may take, connection included (default 10s)",
            defaultValue = "10s")
    Duration timeout;

    @Option(
            names = "--group-id",
            paramLabel = "ID",
            description =
                    "Consumer group that remembers which alerts were handled; one per webhook (default ${DEFAULT-VALUE})",
            defaultValue = NotifierSettings.DEFAULT_GROUP_ID)
    String groupId;

    @Option(
            names = "--from-beginning",
            description =
                    "A group's first run starts at the oldest alert (otherwise at the next one written)")
    boolean fromBeginning;

    @Option(
            names = "--topics-prefix",
            paramLabel = "PREFIX",
            description = "The processor's topics.prefix, if it has one",
            defaultValue = "")
    String topicsPrefix;

    @Option(
            names = "--http-port",
            paramLabel = "N",
            description = "Serve /metrics on 127.0.0.1:N (0 = any free port; default: not served)")
    Integer httpPort;

    /** Where the secret and the connection variables come from; tests replace it. */
    Map<String, String> environment = System.getenv();

    /** The settings the options give, checked. */
    NotifierSettings settings() {
        try {
            return new NotifierSettings(
                    topicsPrefix,
                    groupId,
                    fromBeginning,
                    WebhookTarget.parse(webhook),
                    WebhookSecret.resolve(secretFile, environment),
                    format,
                    new AlertFilter(
                            minSeverity,
                            types.isEmpty()
                                    ? EnumSet.noneOf(SignalType.class)
                                    : EnumSet.copyOf(types)),
                    new BackoffPolicy(
                            maxAttempts,
                            initialBackoff,
                            maxBackoff,
                            BackoffPolicy.DEFAULTS.jitter()),
                    timeout);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), CommandErrors.EXIT_USAGE, e);
        }
    }

    @Override
    public Integer call() throws Exception {
        NotifierSettings settings = settings();
        ConnectionSettings cluster = connection.settings(environment);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        NotifyMetrics metrics = new NotifyMetrics(registry);
        // every mistake of the user's is reported before anything connects
        MetricsEndpoint endpoint = metricsEndpoint(registry);
        CountDownLatch finished = new CountDownLatch(1);
        boolean started = false;
        try {
            ConnectionCheck.requireReachable(cluster);
        } catch (RuntimeException e) {
            if (endpoint != null) {
                endpoint.close();
            }
            throw e;
        }
        try (AlertNotifier notifier = new AlertNotifier(settings, cluster, metrics)) {
            if (!notifier.prepare()) {
                System.err.printf(
                        "Waiting for the topic %s to be created on %s (the processor creates it).%n",
                        notifier.alertsTopic(), cluster.bootstrapServers());
            }
            Thread hook =
                    new Thread(
                            () -> {
                                notifier.stop();
                                awaitQuietly(finished, settings.requestTimeout().plusSeconds(15));
                            },
                            "rd-notify-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.printf(
                    "Delivering %s on %s to %s as group %s (%s); undeliverable alerts go to %s.%s Ctrl-C to stop.%n",
                    notifier.alertsTopic(),
                    cluster.bootstrapServers(),
                    settings.target().display(),
                    settings.groupId(),
                    settings.format().name().toLowerCase(java.util.Locale.ROOT),
                    notifier.undeliveredTopic(),
                    endpoint == null ? "" : " Metrics " + endpoint.url() + ".");
            started = true;
            try {
                notifier.run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running and waits for this thread to finish closing
                }
            }
        } finally {
            if (endpoint != null) {
                endpoint.close();
            }
            if (started) {
                System.out.printf(
                        "Stopped: delivered %d, filtered %d, set aside %d, attempts retried %d.%n",
                        metrics.deliveredCount(),
                        metrics.total(NotifyMetrics.FILTERED),
                        metrics.total(NotifyMetrics.DEAD_LETTERED),
                        metrics.total(NotifyMetrics.RETRIED));
            }
            finished.countDown();
        }
        return 0;
    }

    private MetricsEndpoint metricsEndpoint(PrometheusMeterRegistry registry) {
        if (httpPort == null) {
            return null;
        }
        try {
            return new MetricsEndpoint(httpPort, registry);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(
                    "Cannot serve the metrics on 127.0.0.1:"
                            + httpPort
                            + " (--http-port): "
                            + e.getMessage()
                            + ". Pass --http-port N (0 = any free port).",
                    CommandErrors.EXIT_USAGE,
                    e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration atMost) {
        try {
            latch.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
