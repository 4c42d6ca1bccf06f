package dev.rotation.app;

import dev.rotation.app.notify.UndeliveredReason;
import dev.rotation.model.Alert;
import dev.rotation.model.cli.CommandErrors;
import dev.rotation.model.cli.ConnectionCheck;
import dev.rotation.model.cli.ConnectionOptions;
import dev.rotation.model.cli.UserError;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroDeserializer;
import dev.rotation.model.topics.TopicNames;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rotation-detector alerts}: reads the alerts topic of any cluster (committed alerts only)
 * and shows it for a desk, as a table or as JSON lines for scripts. By default only settled alerts
 * (FINAL, RETRACTED); {@code --provisional} adds the readings of weeks still open. Alerts are
 * ordered by week, then severity, then rank ({@link AlertSelection}): without {@code --follow}
 * everything read is ordered as a whole; with it, each batch (what was read until the topic stayed
 * quiet for one poll) is ordered within itself.
 *
 * <p>Exit codes: 0 shown; 1 the topic does not exist (without {@code --follow}); 2 usage; 4 the
 * cluster or the registry cannot be reached (checked first). Failures are one line on stderr.
 */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        description = {
            "Show the alerts topic for a desk (committed alerts only), as a table or as JSON lines.",
            "",
            "Shows FINAL and RETRACTED alerts; --provisional adds the PROVISIONAL readings of weeks still open.",
            "",
            "Order: by week (oldest first), then severity (most severe first), then rank. Without --follow,"
                    + " everything read is ordered as a whole. With --follow, each batch (the alerts read until"
                    + " the topic stays quiet for half a second) is ordered within itself and printed when it"
                    + " ends, so a later batch may hold an earlier week.",
            "",
            "The table has one block per week, headed by the sources its alerts rest on; subjects and"
                    + " explanations wrap within their columns and are never cut.",
            "",
            "With --topic rd.alerts.undelivered, each alert the notifier set aside is shown with why"
                    + " (reason, attempts, last HTTP status), and records that are not alerts are"
                    + " counted with their offsets instead of stopping the command.",
            ""
        })
public final class AlertsCommand implements Callable<Integer> {
    /** How long one poll waits: a batch ends when a poll returns nothing. */
    private static final Duration POLL = Duration.ofMillis(500);

    /** Without --follow, stop after this many empty polls in a row (caught up). */
    private static final int IDLE_POLLS_TO_STOP = 6;

    /** How the alerts are written. */
    enum Format {
        /** The desk's table ({@link AlertTable}). */
        TABLE,
        /** One JSON object per line ({@link AlertJson}). */
        JSON
    }

    @Mixin ConnectionOptions connection;

    @Spec CommandSpec spec;

    @Option(
            names = "--topic",
            paramLabel = "NAME",
            description = "Alerts topic (default ${DEFAULT-VALUE})",
            defaultValue = TopicNames.ALERTS)
    String topic;

    @Option(
            names = "--from-beginning",
            description = "Start at the oldest alert rather than new ones")
    boolean fromBeginning;

    @Option(
            names = "--follow",
            description =
                    "Keep waiting for new alerts until Ctrl-C (otherwise stop when caught up)")
    boolean follow;

    @Option(
            names = "--provisional",
            description =
                    "Also show PROVISIONAL alerts: readings of a week still open, which later data may revise or retract")
    boolean provisional;

    @Option(
            names = "--format",
            paramLabel = "table|json",
            defaultValue = "table",
            description =
                    "table (for people) or json (one object per line, ISO-8601 instants, for scripts; the count goes to stderr). Default ${DEFAULT-VALUE}")
    Format format;

    @Option(
            names = "--width",
            paramLabel = "N",
            description =
                    "Width of the table in characters, at least "
                            + AlertTable.MIN_WIDTH
                            + " (default: $COLUMNS when the shell exports it, else "
                            + AlertTable.DEFAULT_WIDTH
                            + ")")
    Integer width;

    @Override
    public Integer call() {
        int tableWidth = tableWidth();
        ConnectionSettings settings = connection.settings(System.getenv());
        ConnectionCheck.requireReachable(settings);
        Map<String, Object> cfg = settings.kafkaClientConfig();
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, "rotation-detector-alerts-" + UUID.randomUUID());
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // reading must not create the topic: an absent topic is reported below
        cfg.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AlertSelection selection = new AlertSelection(provisional);
        AlertTable table = new AlertTable(tableWidth);
        AtomicBoolean running = new AtomicBoolean(true);
        try (SchemaRegistryClient registry = settings.newRegistryClient();
                ConfluentAvroDeserializer<Alert> alerts =
                        new ConfluentAvroDeserializer<>(registry, Alert.class);
                KafkaConsumer<String, byte[]> consumer =
                        new KafkaConsumer<>(
                                cfg, new StringDeserializer(), new ByteArrayDeserializer())) {
            if (consumer.partitionsFor(topic).isEmpty()) {
                if (!follow) {
                    throw new UserError(
                            "The topic "
                                    + topic
                                    + " does not exist on "
                                    + settings.bootstrapServers()
                                    + ": the processor creates it when it starts (./rotation-detector process), or pass --topic NAME.",
                            CommandErrors.EXIT_FAILED);
                }
                err.printf(
                        "Waiting for the topic %s to be created on %s (the processor creates it).%n",
                        topic, settings.bootstrapServers());
                err.flush();
            }
            Thread main = Thread.currentThread();
            Thread hook =
                    new Thread(
                            () -> {
                                running.set(false);
                                consumer.wakeup();
                                try {
                                    main.join(5000);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            });
            Runtime.getRuntime().addShutdownHook(hook);
            consumer.subscribe(List.of(topic));
            List<Alert> batch = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            int idlePolls = 0;
            int shown = 0;
            int hidden = 0;
            int superseded = 0;
            while (running.get()) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException e) {
                    break;
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.value() == null) {
                        continue;
                    }
                    UndeliveredReason why = UndeliveredReason.from(r.headers());
                    Alert alert;
                    try {
                        alert = alerts.deserialize(r.topic(), r.headers(), r.value());
                    } catch (RuntimeException e) {
                        unreadable.add(unreadable(r, why, e));
                        continue;
                    }
                    if (why != null) {
                        undelivered.put(alert, why);
                    }
                    if (selection.shows(alert)) {
                        batch.add(alert);
                    } else {
                        hidden++;
                    }
                }
                idlePolls = records.isEmpty() ? idlePolls + 1 : 0;
                if (follow && records.isEmpty() && !batch.isEmpty()) {
                    List<Alert> selected = selection.select(batch);
                    superseded += batch.size() - selected.size();
                    shown += print(selected, table, out);
                    batch.clear();
                }
                if (!follow
                        && idlePolls >= IDLE_POLLS_TO_STOP
                        && !consumer.assignment().isEmpty()) {
                    break;
                }
            }
            List<Alert> selected = selection.select(batch);
            superseded += batch.size() - selected.size();
            shown += print(selected, table, out);
            String summary =
                    String.format(
                            "%d alert(s) shown from %s on %s%s%s",
                            shown,
                            topic,
                            settings.bootstrapServers(),
                            hidden == 0
                                    ? ""
                                    : " ("
                                            + hidden
                                            + " PROVISIONAL not shown: --provisional shows them)",
                            superseded == 0
                                    ? ""
                                    : " ("
                                            + superseded
                                            + " settled reading(s) revised later not shown: the"
                                            + " latest revision of each signal is)");
            PrintWriter summaryTo = format == Format.JSON ? err : out;
            if (!unreadable.isEmpty()) {
                summaryTo.printf(
                        "%d record(s) of %s are not alerts and were skipped:%n",
                        unreadable.size(), topic);
                unreadable.forEach(u -> summaryTo.println("  " + u));
            }
            summaryTo.println(summary);
            summaryTo.flush();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down
            }
        }
        return 0;
    }

    /** The table width asked for, or the terminal's; a width below the minimum is one line. */
    private int tableWidth() {
        if (width == null) {
            return AlertTable.widthFor(System.getenv("COLUMNS"));
        }
        if (width < AlertTable.MIN_WIDTH) {
            throw new UserError(
                    "--width "
                            + width
                            + " is too narrow for the table: give at least "
                            + AlertTable.MIN_WIDTH
                            + ", or use --format json.",
                    CommandErrors.EXIT_USAGE);
        }
        return width;
    }

    /** Why the notifier set each alert aside, for alerts read from the undelivered topic. */
    private final IdentityHashMap<Alert, UndeliveredReason> undelivered = new IdentityHashMap<>();

    /** One line for a record that is not an alert: where it is and why it cannot be read. */
    private static String unreadable(
            ConsumerRecord<String, byte[]> r, UndeliveredReason why, RuntimeException e) {
        return "partition "
                + r.partition()
                + " offset "
                + r.offset()
                + ": "
                + (why != null ? why.describe() : firstLine(e));
    }

    /** Prints {@code ordered} in the chosen format; returns how many alerts it printed. */
    private int print(List<Alert> ordered, AlertTable table, PrintWriter out) {
        if (ordered.isEmpty()) {
            return 0;
        }
        if (format == Format.JSON) {
            ordered.forEach(a -> out.println(AlertJson.line(a, undelivered.get(a))));
        } else {
            table.lines(ordered).forEach(out::println);
            List<Alert> setAside = ordered.stream().filter(undelivered::containsKey).toList();
            if (!setAside.isEmpty()) {
                out.println("Why undelivered:");
                for (Alert a : setAside) {
                    out.printf(
                            "  %s %s r%d (alert %s): %s%n",
                            a.getType(),
                            a.getWindowStart().toString().substring(0, 10),
                            a.getRevision(),
                            a.getAlertId(),
                            undelivered.get(a).describe());
                }
            }
            out.println();
        }
        out.flush();
        return ordered.size();
    }

    private static String firstLine(RuntimeException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName()
                + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
