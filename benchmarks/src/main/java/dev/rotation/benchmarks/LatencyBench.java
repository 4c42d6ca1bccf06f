package dev.rotation.benchmarks;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Signal;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroDeserializer;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.service.DetectorService;
import dev.rotation.producers.events.EventIds;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.Pacer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Event time to provisional signal at a steady rate. Simulator bars are re-timed to end at the wall
 * clock and published at a paced rate; every 200 ms a fund-flow row is re-published that makes a
 * ROTATION_TO_HIGH_BETA appear or disappear (SOL +17.1M or -2M against mainstream outflows), so the
 * detector emits a PROVISIONAL revision or a RETRACTED record several times a second. The
 * detector's own timer (rd.signal.latency.event.time) measures from the newest event time behind a
 * revision to its emission; a read_committed consumer of the signal topics measures the same up to
 * the moment a downstream service can see it.
 */
final class LatencyBench {
    static final String PREFIX = "lat.";
    static final Duration BAR = Duration.ofSeconds(1);
    static final long TOGGLE_EVERY_MS = 200;

    private LatencyBench() {}

    static List<Report> run(HarnessOptions o, Path work, PrintStream out)
            throws InterruptedException {
        try (LocalPlatform platform = LocalPlatform.startForTests(work.resolve("platform"))) {
            ConnectionSettings connection = platform.connectionSettings();
            ProcessorConfig config =
                    Pipeline.detectorConfig(
                            work.resolve("state-latency"),
                            "bench-latency",
                            PREFIX,
                            o.latencyPartitions(),
                            "exactly_once_v2",
                            1,
                            o);
            DetectorService detector = new DetectorService(config, connection);
            AtomicBoolean stop = new AtomicBoolean();
            List<Long> visible = Collections.synchronizedList(new ArrayList<>());
            Thread consumer = null;
            long published;
            long measureFrom;
            Map<String, Double> commits;
            double consumed;
            try {
                detector.start();
                if (!Pipeline.waitFor(
                        () -> detector.state() == KafkaStreams.State.RUNNING,
                        Duration.ofMinutes(2))) {
                    throw new IllegalStateException(
                            "detector did not reach RUNNING: " + detector.state());
                }
                try (SchemaRegistryClient registry = connection.newRegistryClient();
                        EventPublisher publisher =
                                new EventPublisher(connection, registry, PREFIX, Map.of())) {
                    long start = System.currentTimeMillis();
                    measureFrom = start + o.latencyWarmupSeconds() * 1000L;
                    long end = measureFrom + o.latencySeconds() * 1000L;
                    consumer =
                            signalConsumer(
                                    connection, registry, detector, measureFrom, stop, visible);
                    consumer.start();
                    out.printf(
                            "latency: %d events/s for %d s warm-up + %d s measured (commit.interval.ms=%d)%n",
                            o.latencyRate(),
                            o.latencyWarmupSeconds(),
                            o.latencySeconds(),
                            config.commitIntervalMs());
                    published = publish(publisher, o.latencyRate(), measureFrom, end, start);
                    publisher.summary();
                }
                // let the last revisions through the commit
                Thread.sleep(2 * config.commitIntervalMs() + 1000);
                commits = commitMetrics(detector.streams());
                consumed = detector.metrics().sum(ProcessorMetrics.CONSUMED);
            } finally {
                stop.set(true);
                if (consumer != null) {
                    consumer.join(10_000);
                }
                detector.close(Duration.ofSeconds(30));
            }
            Timer timer = detector.meterRegistry().find(ProcessorMetrics.EVENT_TO_SIGNAL).timer();
            Report r =
                    new Report(
                            "Latency from event time to signal at "
                                    + String.format("%,d", o.latencyRate())
                                    + " events/s (exactly_once_v2, commit.interval.ms="
                                    + config.commitIntervalMs()
                                    + ", "
                                    + o.latencyPartitions()
                                    + " input partition"
                                    + (o.latencyPartitions() == 1 ? "" : "s")
                                    + ")",
                            "measured by",
                            "samples",
                            "p50 ms",
                            "p99 ms",
                            "max ms");
            if (timer != null) {
                HistogramSnapshot snap = timer.takeSnapshot();
                double p50 = Double.NaN;
                double p99 = Double.NaN;
                for (ValueAtPercentile v : snap.percentileValues()) {
                    if (Math.abs(v.percentile() - 0.5) < 1e-9) {
                        p50 = v.value(TimeUnit.MILLISECONDS);
                    } else if (Math.abs(v.percentile() - 0.99) < 1e-9) {
                        p99 = v.value(TimeUnit.MILLISECONDS);
                    }
                }
                r.row(
                        "detector timer rd.signal.latency.event.time (at emission)",
                        timer.count(),
                        Report.dec(p50, 0),
                        Report.dec(p99, 0),
                        Report.dec(timer.max(TimeUnit.MILLISECONDS), 0));
            }
            List<Long> v;
            synchronized (visible) {
                v = new ArrayList<>(visible);
            }
            Collections.sort(v);
            r.row(
                    "read_committed consumer of the signal topics (visible downstream)",
                    v.size(),
                    pct(v, 0.5),
                    pct(v, 0.99),
                    v.isEmpty() ? "n/a" : v.get(v.size() - 1));
            r.note(
                    String.format(
                            "Kafka Streams' commits (thread metrics, which sample about the last"
                                    + " minute): %,.0f, %.1f ms on average, %.0f ms at most. A commit"
                                    + " includes writing stage 1's buffered state through, and the"
                                    + " stream thread processes nothing while it commits.",
                            commits.getOrDefault("commit-total", Double.NaN),
                            commits.getOrDefault("commit-latency-avg", Double.NaN),
                            commits.getOrDefault("commit-latency-max", Double.NaN)));
            r.note(
                    String.format(
                            "%,d events published (bars re-timed to end at the wall clock, plus a flow row every %d ms "
                                    + "that toggles a ROTATION_TO_HIGH_BETA).",
                            published, TOGGLE_EVERY_MS));
            r.note(
                    "The timer's percentiles are Micrometer's client-side ones (a decaying window of about 2 minutes); "
                            + "toggles, and so signals, start only after the warm-up.");
            r.note(
                    String.format(
                            "The detector consumed %,.0f of the %,d events published by the end of the run%s",
                            consumed,
                            published,
                            consumed < 0.99 * published
                                    ? ": **it fell behind, so these are not latencies at the"
                                            + " planned rate**."
                                    : "."));
            r.note(
                    o.latencyPartitions() == 1
                            ? "Target: p99 <= 250 ms. With one input partition stage 2 runs in the stage-1 task: a signal"
                                    + " leaves with the first commit after its update is sent (every window.update.interval),"
                                    + " and a downstream read_committed consumer sees it once that commit is done."
                            : "Target: p99 <= 250 ms. Under exactly_once_v2 an update reaches stage 2 only after stage 1"
                                    + " commits (the repartition topic is read read_committed), so commit.interval.ms bounds"
                                    + " the emission latency, and a downstream read_committed consumer waits for one more"
                                    + " commit.");
            return List.of(r);
        }
    }

    /** The stream threads' commit-total, commit-latency-avg and -max (ms), summed or maxed. */
    private static Map<String, Double> commitMetrics(KafkaStreams streams) {
        Map<String, Double> out = new java.util.HashMap<>();
        streams.metrics()
                .forEach(
                        (name, metric) -> {
                            if (name.group().equals("stream-thread-metrics")
                                    && name.name().startsWith("commit-")
                                    && metric.metricValue() instanceof Number n
                                    && !Double.isNaN(n.doubleValue())) {
                                out.merge(
                                        name.name(),
                                        n.doubleValue(),
                                        name.name().endsWith("-total") ? Double::sum : Math::max);
                            }
                        });
        return out;
    }

    private static String pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return "n/a";
        }
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return Long.toString(sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))));
    }

    private static long publish(
            EventPublisher publisher, int rate, long measureFrom, long end, long start) {
        Iterator<SpecificRecord> bars = Workloads.simulator(520, BAR).iterator();
        Pacer pacer = new Pacer(rate);
        long n = 0;
        long nextToggle = measureFrom;
        boolean rotation = false;
        // a fixed period, so every re-publication is the same report row (latest wins), not a new
        // one
        Instant periodEnd = Instant.ofEpochMilli(start);
        Instant periodStart = periodEnd.minus(Duration.ofHours(1));
        while (true) {
            long now = System.currentTimeMillis();
            if (now >= end) {
                return n;
            }
            if (now >= nextToggle) {
                rotation = !rotation;
                for (FundFlow f : flows(periodStart, periodEnd, rotation)) {
                    publisher.publish(f);
                    n++;
                }
                nextToggle += TOGGLE_EVERY_MS;
            }
            SpecificRecord e = bars.next();
            SpecificRecord retimed = Workloads.retimed(e, System.currentTimeMillis(), BAR);
            if (retimed == null) {
                continue; // the simulator's own weekly flows: the toggles replace them
            }
            pacer.acquire();
            publisher.publish(retimed);
            n++;
        }
    }

    static List<FundFlow> flows(Instant start, Instant end, boolean rotation) {
        String source = "simulator"; // declared: generated data of the primary scope
        LocalDate reportDate = LocalDate.ofInstant(end, ZoneOffset.UTC);
        String reportId = source + "-" + reportDate;
        List<FundFlow> out = new ArrayList<>();
        out.add(flow(source, reportId, reportDate, start, end, "BTC", -1.09e9));
        out.add(flow(source, reportId, reportDate, start, end, "ETH", -0.63e9));
        out.add(flow(source, reportId, reportDate, start, end, "SOL", rotation ? 17.1e6 : -2e6));
        return out;
    }

    private static FundFlow flow(
            String source,
            String reportId,
            LocalDate reportDate,
            Instant start,
            Instant end,
            String asset,
            double usd) {
        return new FundFlow(
                EventIds.fundFlow(source, reportId, Breakdown.ASSET, asset, start, end),
                source,
                reportId,
                reportDate,
                start,
                end,
                Breakdown.ASSET,
                asset,
                usd,
                null,
                asset,
                null,
                null,
                null);
    }

    private static Thread signalConsumer(
            ConnectionSettings connection,
            SchemaRegistryClient registry,
            DetectorService detector,
            long measureFrom,
            AtomicBoolean stop,
            List<Long> latencies) {
        Map<String, Object> cfg = connection.kafkaClientConfig();
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, Signal> consumer =
                new KafkaConsumer<>(
                        cfg,
                        new StringDeserializer(),
                        new ConfluentAvroDeserializer<>(registry, Signal.class));
        List<TopicPartition> parts = new ArrayList<>();
        detector.topics()
                .signals()
                .forEach(
                        t ->
                                consumer.partitionsFor(t.name())
                                        .forEach(
                                                pi ->
                                                        parts.add(
                                                                new TopicPartition(
                                                                        pi.topic(),
                                                                        pi.partition()))));
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        return new Thread(
                () -> {
                    try (consumer) {
                        while (!stop.get()) {
                            for (ConsumerRecord<String, Signal> rec :
                                    consumer.poll(Duration.ofMillis(50))) {
                                long now = System.currentTimeMillis();
                                Signal s = rec.value();
                                if (s.getEmittedAt().toEpochMilli() >= measureFrom) {
                                    latencies.add(now - s.getLastEventTime().toEpochMilli());
                                }
                            }
                        }
                    }
                },
                "bench-signal-consumer");
    }
}
