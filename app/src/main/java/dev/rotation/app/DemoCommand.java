package dev.rotation.app;

import dev.rotation.model.Alert;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.cli.CommandErrors;
import dev.rotation.model.cli.UserError;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroDeserializer;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.platform.PlatformConfig;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.FlowSource;
import dev.rotation.processor.analytics.FlowSources;
import dev.rotation.processor.confidence.Caveats;
import dev.rotation.processor.confidence.Money;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.config.keys.ConfigurationException;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.query.DetectorQueries;
import dev.rotation.processor.query.SignalQuery;
import dev.rotation.processor.query.WindowView;
import dev.rotation.processor.service.DetectorService;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.PublishSummary;
import dev.rotation.producers.sample.SampleData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rotation-detector demo}: the whole pipeline in one JVM on the embedded platform. Starts a
 * real Kafka broker (KRaft) and a Confluent-compatible Schema Registry, creates the topics, starts
 * the processor, publishes the bundled sample data (the seed week and its context), then shows the
 * alerts a desk reads (FINAL and RETRACTED, by week then severity, as {@code alerts} does) and the
 * seed week's picture. It prints the URL of the web view for desks, served by the processor. Alerts
 * emitted after that, while the demo keeps serving, are printed as they arrive, each batch in the
 * same order.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Run the whole pipeline on the embedded platform with the bundled sample data.")
public final class DemoCommand implements Callable<Integer> {
    /** The week the product was born from. */
    static final LocalDate SEED_WEEK = LocalDate.of(2026, 1, 19);

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            description = "Embedded Kafka port (0 = any free port; default ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(
            names = "--registry-port",
            defaultValue = "8081",
            description =
                    "Embedded Schema Registry port (0 = any free port; default ${DEFAULT-VALUE})")
    int registryPort;

    @Option(
            names = "--http-port",
            defaultValue = "8070",
            description =
                    "Port of the web view (/) and of /metrics, /health, /signals (default ${DEFAULT-VALUE})")
    int httpPort;

    @Option(
            names = "--data-dir",
            description =
                    "Where broker and state data go (default: a fresh folder under ./data/demo, removed on exit)")
    Path dataDir;

    @Option(
            names = "--exit-when-done",
            description =
                    "Stop once the sample data is processed and its windows are final; exit 0 only if every stage ran")
    boolean exitWhenDone;

    @Option(
            names = "--timeout",
            defaultValue = "PT3M",
            description =
                    "Give up waiting for the pipeline after this long (ISO-8601; default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(
            names = "--width",
            paramLabel = "N",
            description =
                    "Width of the alert table in characters, at least "
                            + AlertTable.MIN_WIDTH
                            + " (default: $COLUMNS when the shell exports it, else "
                            + AlertTable.DEFAULT_WIDTH
                            + ")")
    Integer width;

    @Option(
            names = "--provisional",
            description =
                    "Also show PROVISIONAL alerts: readings of a week still open, which later data revised or retracted")
    boolean provisional;

    private final PrintStream out = System.out;

    /** Counted down by Ctrl-C (SIGINT) or SIGTERM: the run stops and cleans up. */
    private final CountDownLatch stop = new CountDownLatch(1);

    /** Counted down once the broker and streams are closed and the scratch folder is removed. */
    private final CountDownLatch cleanedUp = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        int tableWidth = width == null ? AlertTable.widthFor(System.getenv("COLUMNS")) : width;
        if (tableWidth < AlertTable.MIN_WIDTH) {
            throw new UserError(
                    "--width "
                            + tableWidth
                            + " is too narrow for the alert table: give at least "
                            + AlertTable.MIN_WIDTH
                            + ".",
                    CommandErrors.EXIT_USAGE);
        }
        boolean tempData = dataDir == null;
        Path dir =
                tempData
                        ? Path.of(
                                "data",
                                "demo",
                                "run-" + UUID.randomUUID().toString().substring(0, 8))
                        : dataDir;
        Properties overrides = new Properties();
        overrides.setProperty("application.id", "rotation-detector-demo");
        overrides.setProperty("state.dir", dir.resolve("streams").toString());
        overrides.setProperty("http.port", Integer.toString(httpPort));
        ProcessorConfig config;
        try {
            config = ProcessorConfig.load(null, System.getenv(), overrides);
        } catch (ConfigurationException e) {
            // one line on stderr, like every other command's mistakes
            throw new UserError(e.getMessage(), CommandErrors.EXIT_USAGE, e);
        }
        Files.createDirectories(dir);
        Stages stages = new Stages();
        // the JVM exits as soon as its shutdown hooks return, so the hook waits for the clean-up
        // below
        Thread hook = new Thread(this::stopAndAwaitCleanUp, "rd-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);

        LocalPlatform platform;
        try {
            platform =
                    LocalPlatform.start(
                            PlatformConfig.defaults()
                                    .withKafkaPort(kafkaPort)
                                    .withRegistryPort(registryPort)
                                    .withDataDir(dir.resolve("platform")));
        } catch (RuntimeException e) {
            cleanUp(tempData, dir, hook);
            throw new UserError(
                    "Could not start the embedded platform: "
                            + e.getMessage()
                            + ". Is something else using port "
                            + kafkaPort
                            + " or "
                            + registryPort
                            + "? Try --kafka-port 0 --registry-port 0.",
                    CommandErrors.EXIT_USAGE,
                    e);
        }
        stages.done("platform");
        ConnectionSettings connection = platform.connectionSettings();
        out.printf(
                "Embedded Kafka (KRaft) at %s, Schema Registry at %s  [%.1f s]%n",
                connection.bootstrapServers(), connection.registryUrl(), seconds(t0));

        DetectorService detector = new DetectorService(config, connection);
        AlertPrinter printer = null;
        int exit = 1;
        try {
            detector.start();
            stages.done("topics");
            stages.done("processor");
            out.printf(
                    "Processor started; metrics %s/metrics  health %s/health  signals %s/signals%n",
                    detector.httpBase(), detector.httpBase(), detector.httpBase());
            out.printf("Web view for desks: %s%n", detector.webViewUrl());

            printer =
                    new AlertPrinter(
                            connection,
                            config,
                            new AlertSelection(provisional),
                            new AlertTable(tableWidth),
                            t0);
            printer.start();

            List<SpecificRecord> sample = SampleData.load();
            PublishSummary published;
            try (SchemaRegistryClient registry = connection.newRegistryClient();
                    EventPublisher publisher =
                            new EventPublisher(
                                    connection, registry, config.topicPrefix(), Map.of())) {
                publisher.publishAll(sample);
                published = publisher.summary();
            }
            out.printf(
                    "Published the sample data: %s  [%.1f s]%n", published.describe(), seconds(t0));
            if (published.allDelivered()) {
                stages.done("published");
            }
            out.println(
                    "Waiting for the sample's weeks to close; the settled alerts follow as one table.");

            if (stopping()) {
                return exit;
            }
            ProcessorMetrics metrics = detector.metrics();
            long expected = published.sent();
            boolean consumedAll =
                    waitFor(() -> metrics.sum(ProcessorMetrics.CONSUMED) >= expected, timeout);
            if (consumedAll) {
                stages.done("consumed");
            }
            boolean seedFinal =
                    waitFor(() -> !finals(detector.queries(), SEED_WEEK).isEmpty(), timeout);
            if (seedFinal) {
                stages.done("final-signals");
            }
            if (stopping()) {
                return exit;
            }
            // let the last committed alerts reach the table
            printer.awaitQuiet(Duration.ofSeconds(3), timeout);
            if (printer.received() > 0) {
                stages.done("alerts");
            }
            printer.printSoFarThenLive();
            printWeek(detector.queries(), config.analytics(), SEED_WEEK);
            printAccounting(metrics);
            exit = stages.all() ? 0 : 1;
            if (exit != 0) {
                out.println("Stages that did not complete: " + stages.missing());
            }
            if (!exitWhenDone) {
                out.printf(
                        "%nStill serving the web view at %s (and /metrics, /health, /signals); `rotation-detector alerts --bootstrap-servers %s"
                                + " --schema-registry-url %s --from-beginning` shows the alerts again. Ctrl-C to stop.%n",
                        detector.webViewUrl(),
                        connection.bootstrapServers(),
                        connection.registryUrl());
                stop.await();
                exit = 0;
            }
        } finally {
            try {
                if (printer != null) {
                    printer.close();
                }
                detector.close(Duration.ofSeconds(20));
                platform.close();
            } finally {
                cleanUp(tempData, dir, hook);
            }
        }
        out.printf("Done in %.1f s.%n", seconds(t0));
        return exit;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Runs in the shutdown hook (Ctrl-C, SIGTERM): stops the run and returns once it has cleaned
     * up.
     */
    private void stopAndAwaitCleanUp() {
        stop.countDown();
        try {
            if (!cleanedUp.await(60, TimeUnit.SECONDS)) {
                System.err.println(
                        "The demo did not finish closing within 60 s; its data may be left behind.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean stopping() {
        return stop.getCount() == 0;
    }

    /**
     * Last step of every run, after the broker and the streams are closed: removes the scratch
     * folder (unless {@code --data-dir} named one) and lets a waiting shutdown hook return.
     */
    private void cleanUp(boolean tempData, Path dir, Thread hook) {
        try {
            if (tempData) {
                deleteQuietly(dir);
                if (Files.exists(dir)) {
                    System.err.println(
                            "Could not remove the demo's data folder "
                                    + dir.toAbsolutePath()
                                    + "; remove it by hand.");
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook is waiting for cleanedUp
            }
        } finally {
            cleanedUp.countDown();
        }
    }

    /**
     * Polls {@code condition} until it holds (true), the timeout passes or the run is stopped
     * (false).
     */
    private boolean waitFor(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !stopping()) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // stores not queryable yet during a rebalance: try again
            }
            Thread.sleep(200);
        }
        return false;
    }

    /**
     * The week's FINAL signals (a week is a window that starts on {@code week}), by type then id.
     */
    static List<Signal> finals(DetectorQueries queries, LocalDate week) {
        Instant start = week.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Signal> out = new ArrayList<>();
        for (Signal s :
                queries.signals(SignalQuery.all().withStatus(SignalStatus.FINAL).during(week))) {
            if (s.getWindowStart().equals(start)) {
                out.add(s);
            }
        }
        out.sort(
                Comparator.comparing((Signal s) -> s.getType().name())
                        .thenComparing(Signal::getSignalId));
        return out;
    }

    private void printWeek(DetectorQueries queries, AnalyticsConfig analytics, LocalDate week) {
        Optional<WindowView> window = queries.window(week.atStartOfDay(ZoneOffset.UTC).toInstant());
        out.printf(
                "The week of %s (%s; each source on its own line, never added to another):%n",
                week,
                window.isEmpty() ? "no data" : window.get().window().closed() ? "final" : "open");
        if (window.isPresent()) {
            printSources(window.get(), analytics, week);
        }
        List<Signal> finals = finals(queries, week);
        out.printf("  signals (FINAL): %d%n", finals.size());
        for (Signal s : finals) {
            out.printf(
                    Locale.ROOT,
                    "   - %-22s %-28s conf %.2f %-6s %s; %s%n",
                    s.getType(),
                    String.join(",", s.getSubjects()),
                    s.getConfidence(),
                    s.getConfidenceLevel(),
                    s.getCausality(),
                    sourcesReading(s));
        }
        out.println(
                "  Every inferential signal is a correlation, not a causal claim; a second source on the same leg"
                        + " confirms it or contradicts it, and never adds to it.");
    }

    /**
     * One block per flow source: its scope, region and cadence, then its figures along each
     * breakdown (and, for a daily source, how many of the week's trading days each asset covers).
     */
    private void printSources(WindowView view, AnalyticsConfig analytics, LocalDate week) {
        FlowSources sources = analytics.sources();
        EventWindow w =
                new EventWindow(
                        week.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
                        week.plusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        Map<String, Map<String, Double>> assets = new TreeMap<>();
        Map<String, Map<String, Double>> regions = new TreeMap<>();
        Map<String, Map<String, Double>> groups = new TreeMap<>();
        Map<String, Map<String, Integer>> days = new TreeMap<>();
        Map<String, Double> totals = new TreeMap<>();
        for (FlowMetrics f : view.flows().values()) {
            f.bySource()
                    .forEach(
                            (source, figure) -> {
                                double v = figure.netFlowUsd();
                                switch (f.breakdown()) {
                                    case "ASSET" -> {
                                        assets.computeIfAbsent(source, x -> new TreeMap<>())
                                                .merge(f.key(), v, Double::sum);
                                        String group = analytics.groups().groupOf(f.key());
                                        groups.computeIfAbsent(source, x -> new TreeMap<>())
                                                .merge(
                                                        group == null ? "other" : group,
                                                        v,
                                                        Double::sum);
                                        List<LocalDate> trading = sources.of(source).tradingDays(w);
                                        days.computeIfAbsent(source, x -> new TreeMap<>())
                                                .put(
                                                        f.key(),
                                                        (int)
                                                                trading.stream()
                                                                        .filter(
                                                                                figure.days()
                                                                                        ::contains)
                                                                        .count());
                                    }
                                    case "REGION" ->
                                            regions.computeIfAbsent(source, x -> new TreeMap<>())
                                                    .merge(f.key(), v, Double::sum);
                                    case "TOTAL" -> totals.put(source, v);
                                    default -> {}
                                }
                            });
        }
        java.util.Set<String> names = new java.util.TreeSet<>(sources.preference());
        names.addAll(assets.keySet());
        names.addAll(regions.keySet());
        names.addAll(totals.keySet());
        for (String name : names) {
            FlowSource source = sources.of(name);
            out.printf("  %s:%n", source.describe());
            if (totals.containsKey(name)) {
                out.printf("    net flow, total reported: %s%n", Money.signedUsd(totals.get(name)));
            }
            if (groups.containsKey(name)) {
                out.printf("    by group  (asset breakdown): %s%n", join(groups.get(name)));
            }
            if (regions.containsKey(name)) {
                out.printf(
                        "    by region (region breakdown; never added to the asset view): %s%n",
                        join(regions.get(name)));
            }
            if (assets.containsKey(name)) {
                out.printf("    by asset: %s%n", join(assets.get(name)));
            }
            List<LocalDate> trading = source.tradingDays(w);
            if (!trading.isEmpty() && days.containsKey(name)) {
                List<String> covered = new ArrayList<>();
                days.get(name)
                        .forEach(
                                (asset, n) ->
                                        covered.add(asset + " " + n + " of " + trading.size()));
                out.printf("    trading days with a figure: %s%n", String.join(", ", covered));
            }
        }
    }

    /**
     * What the signal's sources say of its flow legs, naming the legs compared: "coinshares and
     * us-spot-etf agree on crypto:total", "coinshares and us-spot-etf differ in size on one of
     * group:mainstream and group:high-beta", "... disagree on ...", or "one source per leg"; then
     * every source behind it, and "illustrative data" when it rests on any.
     */
    static String sourcesReading(Signal s) {
        List<String> codes = s.getCaveats().stream().map(c -> c.getCode()).toList();
        List<dev.rotation.model.Evidence> differences =
                s.getEvidence().stream()
                        .filter(e -> e.getMetric().equals("relative_difference"))
                        .toList();
        List<String> compared =
                differences.stream()
                        .map(e -> e.getSource().replace(",", " and "))
                        .distinct()
                        .toList();
        List<String> legs =
                differences.stream().map(e -> e.getSubject().split(" ")[0]).distinct().toList();
        String pair = String.join("; ", compared);
        String all = String.join(" and ", legs);
        String some = legs.size() == 1 ? all : "one of " + all;
        String reading =
                codes.contains(Caveats.SOURCES_DISAGREE)
                        ? pair + " disagree on " + some
                        : codes.contains(Caveats.SOURCES_CONFIRM_ACROSS_SCOPES)
                                ? pair + " agree on " + all
                                : codes.contains(Caveats.SOURCES_DIFFER)
                                        ? pair + " differ in size on " + some
                                        : "one source per leg";
        return reading
                + " (sources: "
                + String.join(", ", s.getSources())
                + (codes.contains(Caveats.ILLUSTRATIVE_DATA) ? "; with illustrative data)" : ")");
    }

    private void printAccounting(ProcessorMetrics m) {
        out.printf(
                Locale.ROOT,
                "%nAccounting: consumed %.0f = aggregated %.0f + dead-lettered %.0f + late %.0f (duplicates counted once: %.0f)%n",
                m.sum(ProcessorMetrics.CONSUMED),
                m.sum(ProcessorMetrics.AGGREGATED),
                m.sum(ProcessorMetrics.DEAD_LETTERED),
                m.sum(ProcessorMetrics.LATE),
                m.sum(ProcessorMetrics.DUPLICATES));
    }

    /**
     * Net flows by name, most negative first, each written as a desk writes a flow: {@code BTC
     * -$1.09B, SHORT_BTC +$0.5M, SOL +$17.1M}.
     */
    static String join(Map<String, Double> m) {
        List<String> parts = new ArrayList<>();
        m.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> parts.add(e.getKey() + " " + Money.signedUsd(e.getValue())));
        return String.join(", ", parts);
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a scratch folder
        }
    }

    /** Which stages ran, for --exit-when-done. */
    static final class Stages {
        private static final List<String> ALL =
                List.of(
                        "platform",
                        "topics",
                        "processor",
                        "published",
                        "consumed",
                        "final-signals",
                        "alerts");
        private final List<String> done = new ArrayList<>();

        void done(String stage) {
            done.add(stage);
        }

        boolean all() {
            return done.containsAll(ALL);
        }

        List<String> missing() {
            return ALL.stream().filter(s -> !done.contains(s)).toList();
        }
    }

    /**
     * Reads the alerts topic (committed only) from the start of the run. It keeps what it reads
     * until {@link #printSoFarThenLive()} prints it as one ordered table; after that it prints each
     * batch as it arrives.
     */
    static final class AlertPrinter implements AutoCloseable {
        private final KafkaConsumer<String, Alert> consumer;
        private final SchemaRegistryClient registry;
        private final AlertSelection selection;
        private final AlertTable table;
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger received = new AtomicInteger();
        private final AtomicLong firstAt = new AtomicLong();
        private final AtomicLong lastAt = new AtomicLong(System.nanoTime());
        private final long t0;

        /** Alerts read and shown but not printed yet; guarded by this. */
        private final List<Alert> pending = new ArrayList<>();

        /** PROVISIONAL alerts read and not shown; guarded by this. */
        private int hidden;

        /** Whether each batch is printed as it arrives; guarded by this. */
        private boolean live;

        AlertPrinter(
                ConnectionSettings connection,
                ProcessorConfig config,
                AlertSelection selection,
                AlertTable table,
                long t0) {
            this.t0 = t0;
            this.selection = selection;
            this.table = table;
            this.registry = connection.newRegistryClient();
            Map<String, Object> cfg = connection.kafkaClientConfig();
            cfg.put(ConsumerConfig.GROUP_ID_CONFIG, "rotation-detector-demo-alerts");
            cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            this.consumer =
                    new KafkaConsumer<>(
                            cfg,
                            new StringDeserializer(),
                            new ConfluentAvroDeserializer<>(registry, Alert.class));
            this.consumer.subscribe(
                    List.of(config.topicPrefix() + dev.rotation.model.topics.TopicNames.ALERTS));
            this.thread = new Thread(this::loop, "rd-demo-alerts");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void loop() {
            try {
                while (running.get()) {
                    List<Alert> batch = new ArrayList<>();
                    for (ConsumerRecord<String, Alert> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.value() != null) {
                            batch.add(r.value());
                        }
                    }
                    if (!batch.isEmpty()) {
                        take(batch);
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        }

        private synchronized void take(List<Alert> batch) {
            if (received.getAndAdd(batch.size()) == 0) {
                firstAt.set(System.nanoTime());
            }
            lastAt.set(System.nanoTime());
            for (Alert a : batch) {
                if (selection.shows(a)) {
                    pending.add(a);
                } else {
                    hidden++;
                }
            }
            if (live) {
                print();
            }
        }

        /**
         * Prints a line on what was read, then every alert shown so far as one table in the desk's
         * order; from then on each batch is printed as it arrives.
         */
        synchronized void printSoFarThenLive() {
            int count = received.get();
            System.out.println();
            if (count == 0) {
                System.out.println("No alert was read from the alerts topic.");
            } else {
                System.out.printf(
                        Locale.ROOT,
                        "First alert after %.1f s; %d alerts read, %s:%n%n",
                        (firstAt.get() - t0) / 1e9,
                        count,
                        selection.provisional()
                                ? "all shown below by week then severity"
                                : String.format(
                                        Locale.ROOT,
                                        "the %d FINAL or RETRACTED shown below by week then severity"
                                                + " (--provisional also shows the %d PROVISIONAL)",
                                        selection.select(pending).size(),
                                        hidden));
            }
            print();
            live = true;
        }

        private void print() {
            if (!pending.isEmpty()) {
                table.lines(selection.select(pending)).forEach(System.out::println);
                System.out.println();
                pending.clear();
            }
        }

        int received() {
            return received.get();
        }

        /** Waits until no alert arrived for {@code quiet} (at most {@code max}). */
        void awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline
                    && System.nanoTime() - lastAt.get() < quiet.toNanos()) {
                Thread.sleep(100);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            consumer.wakeup();
            thread.join(5000);
            registry.close();
        }
    }
}
