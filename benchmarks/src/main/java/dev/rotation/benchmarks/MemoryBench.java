package dev.rotation.benchmarks;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.service.DetectorService;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.PublishSummary;
import dev.rotation.producers.sample.SampleData;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;

/**
 * Memory of the demo-like pipeline in one JVM: embedded broker and registry, the detector, the
 * bundled sample data. Meant to run in a fresh JVM (RSS high-water mark is per process) started
 * with -Xmx512m, which run.sh does.
 */
final class MemoryBench {
    private MemoryBench() {}

    static List<Report> run(HarnessOptions o, Path work, PrintStream out)
            throws InterruptedException {
        AtomicLong peakHeap = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread sampler =
                new Thread(
                        () -> {
                            var mem = ManagementFactory.getMemoryMXBean();
                            while (!stop.get()) {
                                peakHeap.accumulateAndGet(
                                        mem.getHeapMemoryUsage().getUsed(), Math::max);
                                try {
                                    Thread.sleep(10);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        long events;
        long liveAfterGc;
        try (LocalPlatform platform = LocalPlatform.startForTests(work.resolve("platform"))) {
            ConnectionSettings connection = platform.connectionSettings();
            ProcessorConfig config =
                    Pipeline.detectorConfig(
                            work.resolve("state-memory"),
                            "bench-memory",
                            "",
                            3,
                            "exactly_once_v2",
                            1,
                            o);
            try (DetectorService detector = new DetectorService(config, connection).start()) {
                List<SpecificRecord> sample = SampleData.load();
                PublishSummary published;
                try (SchemaRegistryClient registry = connection.newRegistryClient();
                        EventPublisher publisher =
                                new EventPublisher(connection, registry, "", Map.of())) {
                    publisher.publishAll(sample);
                    published = publisher.summary();
                }
                events = published.sent();
                ProcessorMetrics metrics = detector.metrics();
                if (!Pipeline.waitFor(
                        () -> metrics.sum(ProcessorMetrics.CONSUMED) >= events,
                        Duration.ofMinutes(3))) {
                    throw new IllegalStateException("the detector did not consume the sample data");
                }
                // past the idle timeout, so the windows of the sample close and their FINAL signals
                // go out
                Thread.sleep(config.idleTimeout().toMillis() + 5_000);
                out.printf(
                        "memory: sample of %,d events processed; %.0f signals emitted%n",
                        events, metrics.sum(ProcessorMetrics.SIGNALS));
                System.gc();
                liveAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            }
        } finally {
            stop.set(true);
        }
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                poolPeaks += pool.getPeakUsage().getUsed();
            }
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        Report r =
                new Report(
                        "Memory of the demo-like pipeline (embedded broker + registry + detector + bundled sample, one JVM)",
                        "metric",
                        "value");
        r.row("max heap (-Xmx)", Report.mib(Runtime.getRuntime().maxMemory()));
        r.row("peak heap used (sampled every 10 ms)", "**" + Report.mib(peakHeap.get()) + "**");
        r.row("sum of heap pools' peak usage (upper bound)", Report.mib(poolPeaks));
        r.row("live heap after a full GC, pipeline still up", Report.mib(liveAfterGc));
        r.row("GC collections / time", gcCount + " / " + gcMillis + " ms");
        r.row("RSS high-water mark (VmHWM)", "**" + status("VmHWM") + "**");
        r.row("RSS now (VmRSS)", status("VmRSS"));
        r.row(
                "sample events / wall time",
                String.format("%,d / %.1f s", events, Pipeline.seconds(t0)));
        r.note(
                "Target: <= 512 MB heap. RSS also counts the JIT, metaspace, thread stacks, RocksDB's native memory and the "
                        + "broker's page-cache-backed buffers in this one process.");
        return List.of(r);
    }

    private static String status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return Report.mib(kb * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return "n/a";
    }
}
