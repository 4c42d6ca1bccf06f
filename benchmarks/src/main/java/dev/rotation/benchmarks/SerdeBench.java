package dev.rotation.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link SerdeBenchmark} through JMH's Runner and turns it into the wire-vs-raw table. */
final class SerdeBench {
    private SerdeBench() {}

    static List<Report> run(HarnessOptions o, PrintStream out) throws RunnerException, IOException {
        Options opt =
                new OptionsBuilder()
                        .include(SerdeBenchmark.class.getName() + ".")
                        .forks(o.jmhForks())
                        // the forks get their own flags, not the harness JVM's (which may carry a
                        // profiler or a GC choice)
                        .jvmArgs("-Xmx512m")
                        .warmupIterations(o.jmhWarmupIterations())
                        .measurementIterations(o.jmhIterations())
                        .build();
        Collection<RunResult> results = new Runner(opt).run();
        Map<String, double[]> score = new HashMap<>();
        for (RunResult rr : results) {
            String method =
                    rr.getParams()
                            .getBenchmark()
                            .substring(rr.getParams().getBenchmark().lastIndexOf('.') + 1);
            String type = rr.getParams().getParam("type");
            score.put(
                    type + "/" + method,
                    new double[] {
                        rr.getPrimaryResult().getScore(), rr.getPrimaryResult().getScoreError()
                    });
        }
        Report r =
                new Report(
                        "Avro serde: Confluent wire format vs raw Avro binary (ns/op, JMH average time)",
                        "type",
                        "bytes (wire)",
                        "serialize wire",
                        "serialize raw",
                        "ratio",
                        "deserialize wire",
                        "deserialize raw",
                        "ratio");
        for (String type : SampleRecords.TYPES) {
            double[] ws = score.get(type + "/wireSerialize");
            double[] rs = score.get(type + "/rawSerialize");
            double[] wd = score.get(type + "/wireDeserialize");
            double[] rd = score.get(type + "/rawDeserialize");
            if (ws == null || rs == null || wd == null || rd == null) {
                continue;
            }
            r.row(
                    type,
                    SerdeBenchmark.wireSize(type),
                    fmt(ws),
                    fmt(rs),
                    "**" + Report.dec(ws[0] / rs[0], 2) + "x**",
                    fmt(wd),
                    fmt(rd),
                    "**" + Report.dec(wd[0] / rd[0], 2) + "x**");
        }
        r.note(
                String.format(
                        "JMH 1.37, %d fork(s), %d x 1 s warm-up, %d x 1 s measurement, one thread; +/- is JMH's 99.9%% "
                                + "error.",
                        o.jmhForks(), o.jmhWarmupIterations(), o.jmhIterations()));
        r.note(
                "Target: wire <= 1.15x raw. Raw = SpecificDatumWriter/Reader on the same record, same buffer reuse.");
        return List.of(r);
    }

    private static String fmt(double[] s) {
        return Report.dec(s[0], 0) + " ± " + Report.dec(Double.isNaN(s[1]) ? 0 : s[1], 0);
    }
}
