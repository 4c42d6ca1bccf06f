package dev.rotation.benchmarks;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.processor.config.ProcessorConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * End-to-end throughput of the full detector topology against the pass-through baseline, on the
 * same broker, the same pre-loaded topics and the same serde. Each app gets its own application id,
 * so each reads the topics from the beginning.
 */
final class ThroughputBench {
    static final String PREFIX = "tput.";
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private ThroughputBench() {}

    /** One app's configuration: its own state dir and application id, the run's guarantee. */
    private static ProcessorConfig runConfig(
            Path work, String app, String tag, int partitions, String guarantee, HarnessOptions o) {
        return Pipeline.detectorConfig(
                work.resolve("state-" + app + "-" + tag),
                "bench-" + app + "-" + tag,
                PREFIX,
                partitions,
                guarantee,
                1,
                o);
    }

    static List<Report> run(HarnessOptions o, Path work, PrintStream out) {
        try (LocalPlatform platform = LocalPlatform.startForTests(work.resolve("platform"))) {
            ConnectionSettings connection = platform.connectionSettings();
            ProcessorConfig probe =
                    Pipeline.detectorConfig(
                            work.resolve("probe"), "probe", PREFIX, null, "exactly_once_v2", 1, o);
            int partitions = probe.inputPartitions();
            long t0 = System.nanoTime();
            long events =
                    Pipeline.preload(
                            connection, PREFIX, partitions, Workloads.firstEvents(o.events()));
            double preloadSecs = Pipeline.seconds(t0);
            out.printf(
                    "throughput: pre-loaded %,d simulator events into %d-partition topics in %.1f s (%,.0f events/s)%n",
                    events, partitions, preloadSecs, events / preloadSecs);
            double preloadRate = events / preloadSecs;

            Report r =
                    new Report(
                            "End-to-end throughput ("
                                    + String.format("%,d", events)
                                    + " pre-loaded events, "
                                    + partitions
                                    + " input partitions)",
                            "app",
                            "processing.guarantee",
                            "commit.interval.ms",
                            "threads",
                            "s to consume all",
                            "events/s",
                            "s until stage 2 drained",
                            "events/s (drained)",
                            "detector / baseline");
            for (String g : o.guarantees()) {
                String tag = g.equals("exactly_once_v2") ? "eos" : "alos";
                ProcessorConfig det = runConfig(work, "detector", tag, partitions, g, o);
                out.printf("throughput: detector, %s ...%n", g);
                Pipeline.DetectorRun d = Pipeline.runDetector(connection, det, events, TIMEOUT);
                out.printf(
                        "throughput: detector, %s: %.1f s, %,.0f events/s (stage 2 drained at %.1f s)%n",
                        g, d.secondsToConsume(), d.eventsPerSecond(), d.secondsToDrain());
                ProcessorConfig base = runConfig(work, "baseline", tag, partitions, g, o);
                out.printf("throughput: pass-through baseline, %s ...%n", g);
                Pipeline.DetectorRun b =
                        PassThroughApp.run(
                                connection,
                                base,
                                base.applicationId(),
                                partitions,
                                events,
                                TIMEOUT);
                out.printf(
                        "throughput: pass-through, %s: %.1f s, %,.0f events/s%n",
                        g, b.secondsToConsume(), b.eventsPerSecond());
                ProcessorConfig cnt = runConfig(work, "count", tag, partitions, g, o);
                out.printf("throughput: windowed-count reference, %s ...%n", g);
                Pipeline.DetectorRun c =
                        PassThroughApp.run(
                                PassThroughApp.Kind.WINDOWED_COUNT,
                                connection,
                                cnt,
                                cnt.applicationId(),
                                partitions,
                                events,
                                TIMEOUT);
                out.printf(
                        "throughput: windowed count, %s: %.1f s, %,.0f events/s%n",
                        g, c.secondsToConsume(), c.eventsPerSecond());
                r.row(
                        "detector (full topology)",
                        g,
                        d.commitIntervalMs(),
                        d.threads(),
                        Report.dec(d.secondsToConsume(), 1),
                        Report.num(d.eventsPerSecond()),
                        Report.dec(d.secondsToDrain(), 1),
                        Report.num(d.drainedEventsPerSecond()),
                        "**"
                                + Report.dec(d.eventsPerSecond() / b.eventsPerSecond(), 2)
                                + "x** (drained: "
                                + Report.dec(d.drainedEventsPerSecond() / b.eventsPerSecond(), 2)
                                + "x)");
                r.row(
                        "pass-through baseline",
                        g,
                        b.commitIntervalMs(),
                        b.threads(),
                        Report.dec(b.secondsToConsume(), 1),
                        Report.num(b.eventsPerSecond()),
                        "-",
                        "-",
                        "1.00x");
                r.row(
                        "windowed count (reference)",
                        g,
                        c.commitIntervalMs(),
                        c.threads(),
                        Report.dec(c.secondsToConsume(), 1),
                        Report.num(c.eventsPerSecond()),
                        "-",
                        "-",
                        Report.dec(c.eventsPerSecond() / b.eventsPerSecond(), 2) + "x");
            }
            r.note(
                    "Time runs from start() of the app (including its first rebalance) until its counter of consumed input "
                            + "records reaches the number pre-loaded; the detector's stage 2 (the single-partition cross-asset snapshot) "
                            + "is drained when Kafka Streams' process-total reaches the input plus the updates stage 1 sent (rd.updates.sent), "
                            + "with no batch left to send.");
            r.note(
                    String.format(
                            "Pre-load (EventPublisher, idempotent, lz4, acks=all) ran at %,.0f events/s.",
                            preloadRate));
            r.note(
                    "The windowed count is a reference, not a target: a count per record key in 7-day windows "
                            + "(Kafka Streams' cached window store and its changelog) over the same topics, the simplest "
                            + "stateful app, with the same guarantee, thread and commit interval.");
            r.note("Target: detector >= 0.6x the pass-through baseline.");
            return List.of(r);
        }
    }
}
