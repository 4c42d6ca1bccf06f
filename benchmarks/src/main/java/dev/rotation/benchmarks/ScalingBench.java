package dev.rotation.benchmarks;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.processor.config.ProcessorConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How cost grows: input partitions and stream threads; state on disk as the number of subjects
 * grows.
 */
final class ScalingBench {
    static final Duration SUBJECT_TIMEOUT = Duration.ofMinutes(6);

    private ScalingBench() {}

    static List<Report> run(HarnessOptions o, Path work, PrintStream out) {
        try (LocalPlatform platform = LocalPlatform.startForTests(work.resolve("platform"))) {
            ConnectionSettings connection = platform.connectionSettings();
            return List.of(
                    partitions(o, work, connection, out),
                    instances(o, work, connection, out),
                    subjects(o, work, connection, out));
        }
    }

    private static Report partitions(
            HarnessOptions o, Path work, ConnectionSettings connection, PrintStream out) {
        Report r =
                new Report(
                        "Throughput by input partitions and stream threads ("
                                + String.format("%,d", o.scalingEvents())
                                + " events, exactly_once_v2)",
                        "input partitions",
                        "num.stream.threads",
                        "s to consume all",
                        "events/s",
                        "events/s (stage 2 drained)");
        for (int p : o.partitions()) {
            String prefix = "scale-p" + p + ".";
            long events =
                    Pipeline.preload(
                            connection, prefix, p, Workloads.firstEvents(o.scalingEvents()));
            for (int t : o.threads()) {
                if (t > 1 && t > p + 1) {
                    continue; // more threads than tasks (p stage-1 tasks + 1 snapshot task) would
                    // idle
                }
                ProcessorConfig c =
                        Pipeline.detectorConfig(
                                work.resolve("state-p" + p + "-t" + t),
                                "bench-scale-p" + p + "-t" + t,
                                prefix,
                                p,
                                "exactly_once_v2",
                                t,
                                o);
                Pipeline.DetectorRun d =
                        Pipeline.runDetector(connection, c, events, ThroughputBench.TIMEOUT);
                out.printf(
                        "scaling: %d partitions, %d threads: %,.0f events/s (drained %,.0f)%n",
                        p, t, d.eventsPerSecond(), d.drainedEventsPerSecond());
                r.row(
                        p,
                        t,
                        Report.dec(d.secondsToConsume(), 1),
                        Report.num(d.eventsPerSecond()),
                        Report.num(d.drainedEventsPerSecond()));
            }
        }
        r.note(
                "Stage 1 runs one task per input partition; stage 2 is one task (one partition), so at most "
                        + "partitions + 1 tasks can use threads. With one input partition stage 2 runs inside the one "
                        + "stage-1 task, so a second thread has nothing to do.");
        r.note(
                "The first run starts on a cold JVM (JIT, the first transactional producer) and is slower for it.");
        return r;
    }

    /**
     * Several processor instances of one application (one application id, their own state dirs),
     * each with one stream thread, over 3-partition input topics: Kafka Streams spreads the three
     * stage-1 tasks over them, and the one stage-2 task runs on one of them.
     */
    private static Report instances(
            HarnessOptions o, Path work, ConnectionSettings connection, PrintStream out) {
        int partitions = 3;
        Report r =
                new Report(
                        "Throughput by processor instances with one application id ("
                                + String.format("%,d", o.scalingEvents())
                                + " events, "
                                + partitions
                                + " input partitions, exactly_once_v2, one stream thread each)",
                        "instances",
                        "s to consume all",
                        "events/s",
                        "events/s (stage 2 drained)",
                        "stage-2 task on instance");
        String prefix = "scale-i.";
        long events =
                Pipeline.preload(
                        connection, prefix, partitions, Workloads.firstEvents(o.scalingEvents()));
        for (int n : o.instances()) {
            List<ProcessorConfig> configs = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                configs.add(
                        Pipeline.detectorConfig(
                                work.resolve("state-i" + n + "-" + i),
                                "bench-scale-i" + n,
                                prefix,
                                partitions,
                                "exactly_once_v2",
                                1,
                                o));
            }
            Pipeline.GroupRun g =
                    Pipeline.runDetectors(connection, configs, events, ThroughputBench.TIMEOUT);
            Pipeline.DetectorRun d = g.run();
            out.printf(
                    "scaling: %d instances: %,.0f events/s (drained %,.0f), stage 2 on instance %d%n",
                    n, d.eventsPerSecond(), d.drainedEventsPerSecond(), g.snapshotInstance() + 1);
            r.row(
                    n,
                    Report.dec(d.secondsToConsume(), 1),
                    Report.num(d.eventsPerSecond()),
                    Report.num(d.drainedEventsPerSecond()),
                    g.snapshotInstance() < 0 ? "-" : (g.snapshotInstance() + 1) + " of " + n);
        }
        r.note(
                "All instances run in this one JVM beside the broker, so they share its 2 cores: the table shows what "
                        + "spreading the tasks costs and how stage 2 (one task, on one instance) bounds the drain, not "
                        + "the speed-up separate machines would give.");
        r.note(
                "Time runs from starting every instance (the rebalance that spreads the tasks included) until their "
                        + "consumed counters sum to the events pre-loaded.");
        return r;
    }

    private static Report subjects(
            HarnessOptions o, Path work, ConnectionSettings connection, PrintStream out) {
        Report r =
                new Report(
                        "State and cost as the number of subjects grows ("
                                + o.subjectWeeks()
                                + " simulated weeks of "
                                + o.subjectBar()
                                + " bars, exactly_once_v2)",
                        "factor",
                        "input subjects",
                        "events",
                        "events/s",
                        "events/s (stage 2 drained)",
                        "state dir after the run");
        for (int f : o.subjectFactors()) {
            String prefix = "subj-x" + f + ".";
            long events =
                    Pipeline.preload(
                            connection,
                            prefix,
                            3,
                            Workloads.withExtraInstruments(
                                    Workloads.simulator(o.subjectWeeks(), o.subjectBar()), f));
            ProcessorConfig c =
                    Pipeline.detectorConfig(
                            work.resolve("state-subj-x" + f),
                            "bench-subj-x" + f,
                            prefix,
                            3,
                            "exactly_once_v2",
                            1,
                            o);
            Pipeline.DetectorRun d;
            try {
                d = Pipeline.runDetector(connection, c, events, SUBJECT_TIMEOUT);
            } catch (IllegalStateException e) {
                // a factor too slow to finish is itself the result; the larger factors would be
                // slower still
                out.printf("scaling: subjects x%d: %s%n", f, e.getMessage());
                r.row(
                        f + "x",
                        Workloads.subjects(f),
                        String.format("%,d", events),
                        "did not finish in " + SUBJECT_TIMEOUT.toMinutes() + " min",
                        "-",
                        "-");
                break;
            }
            out.printf(
                    "scaling: subjects x%d (%d subjects, %,d events): %,.0f events/s, state %s%n",
                    f,
                    Workloads.subjects(f),
                    events,
                    d.eventsPerSecond(),
                    Report.mib(d.stateBytes()));
            r.row(
                    f + "x",
                    Workloads.subjects(f),
                    String.format("%,d", events),
                    Report.num(d.eventsPerSecond()),
                    Report.num(d.drainedEventsPerSecond()),
                    Report.mib(d.stateBytes()));
        }
        r.note(
                "Extra subjects are extra instruments (copies of each price and volume series under new names, made in the "
                        + "benchmark module); flow and metal subjects stay as they are. The event count grows with the subjects.");
        r.note(
                "State dir = bytes on disk of the Kafka Streams state directory (RocksDB files, checkpoints) after close.");
        return r;
    }
}
