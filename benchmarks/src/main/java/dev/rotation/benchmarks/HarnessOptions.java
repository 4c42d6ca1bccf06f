package dev.rotation.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The harness's flags. Every measurement is selectable so a run can be short: {@code --only
 * throughput,latency} runs two of them; {@code --events 50000} makes the throughput runs a smoke
 * test.
 */
record HarnessOptions(
        Set<String> sections,
        long events,
        long scalingEvents,
        List<String> guarantees,
        List<Integer> partitions,
        List<Integer> threads,
        List<Integer> instances,
        List<Integer> subjectFactors,
        int subjectWeeks,
        java.time.Duration subjectBar,
        int latencyRate,
        int latencySeconds,
        int latencyWarmupSeconds,
        int latencyPartitions,
        Long commitIntervalMs,
        java.util.Map<String, String> settings,
        int jmhForks,
        int jmhWarmupIterations,
        int jmhIterations,
        Path outDir,
        Path workDir) {

    static final List<String> ALL = List.of("serde", "throughput", "latency", "memory", "scaling");

    static final String USAGE =
            """
            Usage: rotation-detector bench [options]   (the same as benchmarks/run.sh [options]; see docs/benchmarks.md)
              -h, --help               this help
              --only LIST              sections to run, comma-separated: serde,throughput,latency,memory,scaling
                                       (default: all, each in its own JVM)
              --events N               events pre-loaded for the throughput runs (default 2000000)
              --scaling-events N       events per partitions/threads run (default: --events / 2)
              --guarantees LIST        throughput rows (default exactly_once_v2,at_least_once)
              --partitions LIST        input partitions of the scaling runs (default 1,2,4)
              --threads LIST           stream threads of the scaling runs (default 1,2)
              --instances LIST         processor instances sharing one application id (default 1,2,3; 3 input partitions)
              --subject-factors LIST   subject growth factors (default 1,10,100)
              --subject-weeks N        simulated weeks of the subject-growth runs (default 1)
              --subject-bar DURATION   bar interval of the subject-growth runs (default PT1H)
              --latency-rate N         events/s of the latency run (default 5000)
              --latency-seconds N      measured seconds of the latency run (default 60)
              --latency-warmup N       seconds of load before measuring (default 15)
              --latency-partitions N   input partitions of the latency run (default 3; 1 = stage 2 in the stage-1 task)
              --commit-interval-ms N   override the processor's commit.interval.ms (default: its configuration)
              --set KEY=VALUE          a processor setting for every detector run (repeatable), e.g. --set streams.max.task.idle.ms=-1;
                                       streams.* keys reach the reference apps too
              --check                  check the flags and exit without running (run.sh does this first)
              --jmh-forks N, --jmh-warmup N, --jmh-iterations N   JMH settings of the serde section (1, 3, 5)
              --out DIR                where the Markdown results go (default benchmarks/results)
              --work-dir DIR           broker and state data (default a fresh folder under target/, removed after)
            """;

    static HarnessOptions parse(String[] args) {
        Set<String> sections = new LinkedHashSet<>(ALL);
        long events = 2_000_000;
        Long scalingEvents = null;
        List<String> guarantees = List.of("exactly_once_v2", "at_least_once");
        List<Integer> partitions = List.of(1, 2, 4);
        List<Integer> threads = List.of(1, 2);
        List<Integer> instances = List.of(1, 2, 3);
        List<Integer> factors = List.of(1, 10, 100);
        int subjectWeeks = 1;
        java.time.Duration subjectBar = java.time.Duration.ofHours(1);
        int rate = 5000;
        int seconds = 60;
        int warmup = 15;
        int latencyPartitions = 3;
        Long commit = null;
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        int forks = 1;
        int jmhWarmup = 3;
        int jmhIterations = 5;
        // benchmarks/results whether started from the repository root or from benchmarks/
        Path out =
                java.nio.file.Files.isDirectory(Path.of("benchmarks"))
                        ? Path.of("benchmarks", "results")
                        : Path.of("results");
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                throw new UsageException(null);
            }
            if (i + 1 >= args.length) {
                throw new UsageException("Missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--only" -> {
                    sections = new LinkedHashSet<>();
                    for (String s : v.split(",")) {
                        String name = s.trim().toLowerCase(Locale.ROOT);
                        if (!ALL.contains(name)) {
                            throw new UsageException(
                                    "Unknown section '" + s + "'; expected one of " + ALL);
                        }
                        sections.add(name);
                    }
                }
                case "--events" -> events = positiveLong(a, v);
                case "--scaling-events" -> scalingEvents = positiveLong(a, v);
                case "--guarantees" -> guarantees = List.of(v.split(","));
                case "--partitions" -> partitions = ints(a, v);
                case "--threads" -> threads = ints(a, v);
                case "--instances" -> instances = ints(a, v);
                case "--subject-factors" -> factors = ints(a, v);
                case "--subject-weeks" -> subjectWeeks = (int) positiveLong(a, v);
                case "--subject-bar" -> {
                    try {
                        subjectBar = java.time.Duration.parse(v);
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new UsageException(
                                "--subject-bar takes an ISO-8601 duration such as PT1H or P1D, got "
                                        + v);
                    }
                }
                case "--latency-rate" -> rate = (int) positiveLong(a, v);
                case "--latency-seconds" -> seconds = (int) positiveLong(a, v);
                case "--latency-warmup" -> warmup = (int) positiveLong(a, v);
                case "--latency-partitions" -> latencyPartitions = (int) positiveLong(a, v);
                case "--commit-interval-ms" -> commit = positiveLong(a, v);
                case "--set" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException(
                                "--set takes KEY=VALUE (a processor setting), got '" + v + "'");
                    }
                    settings.put(v.substring(0, eq).trim(), v.substring(eq + 1).trim());
                }
                case "--jmh-forks" -> forks = (int) positiveLong(a, v);
                case "--jmh-warmup" -> jmhWarmup = (int) positiveLong(a, v);
                case "--jmh-iterations" -> jmhIterations = (int) positiveLong(a, v);
                case "--out" -> out = Path.of(v);
                case "--work-dir" -> work = Path.of(v);
                default -> throw new UsageException("Unknown option " + a);
            }
        }
        for (String g : guarantees) {
            if (!g.equals("exactly_once_v2") && !g.equals("at_least_once")) {
                throw new UsageException(
                        "--guarantees takes exactly_once_v2 and/or at_least_once, got " + g);
            }
        }
        return new HarnessOptions(
                sections,
                events,
                scalingEvents == null ? Math.max(1, events / 2) : scalingEvents,
                guarantees,
                partitions,
                threads,
                instances,
                factors,
                subjectWeeks,
                subjectBar,
                rate,
                seconds,
                warmup,
                latencyPartitions,
                commit,
                java.util.Map.copyOf(settings),
                forks,
                jmhWarmup,
                jmhIterations,
                out,
                work);
    }

    private static long positiveLong(String flag, String v) {
        try {
            long n = Long.parseLong(v.replace("_", ""));
            if (n <= 0) {
                throw new UsageException(flag + " must be positive, got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a number, got '" + v + "'");
        }
    }

    private static List<Integer> ints(String flag, String v) {
        List<Integer> out = new ArrayList<>();
        for (String s : v.split(",")) {
            out.add((int) positiveLong(flag, s.trim()));
        }
        return List.copyOf(out);
    }

    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
