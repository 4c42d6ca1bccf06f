package dev.rotation.benchmarks;

import dev.rotation.model.cli.ProcessLocale;
import dev.rotation.processor.config.keys.ConfigurationException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The benchmark harness: measures serde cost, end-to-end throughput against a pass-through
 * baseline, event-to-signal latency, memory and how cost grows, on the embedded platform, and
 * writes each section's tables to {@code <out>/<section>.md}. See docs/benchmarks.md.
 */
public final class BenchHarness {
    private BenchHarness() {}

    public static void main(String[] args) throws Exception {
        ProcessLocale.pin();
        System.exit(run(args, System.out));
    }

    /** Runs the selected sections; 0 when all ran, 1 when one failed, 2 on a usage error. */
    public static int run(String[] args, PrintStream out) throws Exception {
        // --check: parse and check the flags, run nothing (run.sh does it once before the sections)
        boolean checkOnly = java.util.Arrays.asList(args).contains("--check");
        if (checkOnly) {
            args =
                    java.util.Arrays.stream(args)
                            .filter(a -> !a.equals("--check"))
                            .toArray(String[]::new);
        }
        HarnessOptions o;
        try {
            o = HarnessOptions.parse(args);
        } catch (HarnessOptions.UsageException e) {
            if (e.getMessage() == null) {
                out.print(HarnessOptions.USAGE);
                return 0;
            }
            out.println(e.getMessage() + ". Run with --help for every flag.");
            return 2;
        }
        if (!o.settings().isEmpty()) {
            // a --set the configuration refuses is a usage error now, not a failed section later
            try {
                Pipeline.detectorConfig(
                        Path.of("target", "bench-settings-check"),
                        "bench-settings-check",
                        "check.",
                        null,
                        "exactly_once_v2",
                        1,
                        o);
            } catch (ConfigurationException e) {
                out.println("--set: " + e.getMessage() + " Run with --help for every flag.");
                return 2;
            }
        }
        if (checkOnly) {
            return 0;
        }
        boolean tempWork = o.workDir() == null;
        Path work =
                tempWork
                        ? Path.of(
                                "target",
                                "bench-work-" + UUID.randomUUID().toString().substring(0, 8))
                        : o.workDir();
        String command = "BenchHarness " + String.join(" ", args);
        int exit = 0;
        try {
            for (String section : o.sections()) {
                Path dir = work.resolve(section);
                Files.createDirectories(dir);
                out.printf("== %s (load average %s) ==%n", section, Report.loadAverage());
                List<Report> reports = new ArrayList<>();
                try {
                    reports.addAll(
                            switch (section) {
                                case "serde" -> SerdeBench.run(o, out);
                                case "throughput" -> ThroughputBench.run(o, dir, out);
                                case "latency" -> LatencyBench.run(o, dir, out);
                                case "memory" -> MemoryBench.run(o, dir, out);
                                case "scaling" -> ScalingBench.run(o, dir, out);
                                default -> throw new IllegalArgumentException(section);
                            });
                } catch (Exception e) {
                    out.printf("%s failed: %s%n", section, e);
                    e.printStackTrace(out);
                    exit = 1;
                    continue;
                } finally {
                    if (tempWork) {
                        Pipeline.deleteRecursively(dir);
                    }
                }
                reports.forEach(r -> r.print(out));
                Report.write(o.outDir(), section, reports, command);
                out.printf("%n(written to %s)%n", o.outDir().resolve(section + ".md"));
            }
        } finally {
            if (tempWork) {
                Pipeline.deleteRecursively(work);
            }
        }
        return exit;
    }
}
