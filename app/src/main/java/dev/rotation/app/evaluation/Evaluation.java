package dev.rotation.app.evaluation;

import dev.rotation.app.evaluation.EvaluationReport.LabelOutcome;
import dev.rotation.app.evaluation.EvaluationReport.SignalOutcome;
import dev.rotation.app.evaluation.EvaluationReport.SweepPoint;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.producers.sample.SampleData;
import dev.rotation.producers.simulator.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The whole evaluation: planted runs replayed through the production topology and scored, the
 * calibration of confidence, a threshold sweep and the real-history scorecard.
 */
public final class Evaluation {

    /** The types the simulator plants, in the order the report lists them. */
    public static final List<String> SCORED_TYPES =
            List.of(
                    "ROTATION_TO_HIGH_BETA",
                    "ROTATION_TO_MAINSTREAM",
                    "RISK_OFF_SHIFT",
                    "RISK_ON_SHIFT",
                    "DERISKING",
                    "CONCENTRATED_OUTFLOW",
                    "LEVEL_BREACH",
                    "LEVEL_RECLAIM",
                    "CASCADE_RISK");

    /**
     * The sweep: each key, the values tried besides the run's own, and the types it decides.
     *
     * @param key a threshold key
     * @param values values tried
     * @param types types it decides
     */
    public record SweepAxis(String key, List<String> values, List<String> types) {}

    public static final List<SweepAxis> SWEEP =
            List.of(
                    new SweepAxis(
                            "rule.rotation.min-receiving-usd",
                            List.of("250000", "2500000", "10000000"),
                            List.of("ROTATION_TO_HIGH_BETA", "ROTATION_TO_MAINSTREAM")),
                    new SweepAxis(
                            "rule.concentration.share",
                            List.of("0.70", "0.75", "0.85", "0.90"),
                            List.of("CONCENTRATED_OUTFLOW")));

    /**
     * @param runs simulated runs (seeds)
     * @param weeks weeks per run
     * @param thresholds threshold overrides (processor configuration keys)
     * @param sweepRuns runs the sweep replays (0 for no sweep)
     * @param parallelism runs replayed at once
     * @param command the command line, recorded in the report
     */
    public record Settings(
            int runs,
            int weeks,
            Map<String, String> thresholds,
            int sweepRuns,
            int parallelism,
            String command) {
        public Settings {
            thresholds = new TreeMap<>(thresholds);
        }

        Properties overrides() {
            Properties p = new Properties();
            p.putAll(thresholds);
            return p;
        }
    }

    private Evaluation() {}

    /**
     * Runs the evaluation.
     *
     * @param progress receives one line per finished step (for the CLI's output)
     * @throws dev.rotation.processor.config.keys.ConfigurationException for an unknown threshold
     *     key or an invalid value, naming the key
     */
    public static EvaluationReport run(Settings settings, Consumer<String> progress) {
        ProcessorConfig config = ProcessorConfig.load(settings.overrides());
        List<PlantedRuns.Run> runs = new ArrayList<>();
        List<FinalSignal> finals = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.parallelism()));
        try {
            List<Future<Object[]>> pending = new ArrayList<>();
            for (int i = 0; i < settings.runs(); i++) {
                int index = i;
                pending.add(
                        pool.submit(
                                () -> {
                                    PlantedRuns.Run run = PlantedRuns.draw(index, settings.weeks());
                                    return new Object[] {run, PlantedRuns.detect(run, config)};
                                }));
            }
            for (Future<Object[]> f : pending) {
                Object[] done = get(f);
                PlantedRuns.Run run = (PlantedRuns.Run) done[0];
                @SuppressWarnings("unchecked")
                List<FinalSignal> signals = (List<FinalSignal>) done[1];
                runs.add(run);
                finals.addAll(signals);
                progress.accept(
                        "run "
                                + runs.size()
                                + "/"
                                + settings.runs()
                                + " (seed "
                                + run.seed()
                                + "): "
                                + run.events().size()
                                + " events, "
                                + run.labels().size()
                                + " labels, "
                                + signals.size()
                                + " FINAL signals");
            }

            LabelMatcher matcher =
                    new LabelMatcher(new SubjectNames(config.analytics().groups().members()));
            List<PlantedLabel> labels = runs.stream().flatMap(r -> r.labels().stream()).toList();
            List<FinalSignal> scored =
                    finals.stream().filter(s -> SCORED_TYPES.contains(s.type())).toList();
            Map<String, Long> unscored = new TreeMap<>();
            finals.stream()
                    .filter(s -> !SCORED_TYPES.contains(s.type()))
                    .forEach(s -> unscored.merge(s.type(), 1L, Long::sum));
            LabelMatcher.Result result = matcher.match(scored, labels);
            List<TypeScore> types = TypeScore.of(SCORED_TYPES, result);
            Calibration calibration =
                    Calibration.of(
                            result.signals().stream()
                                    .map(
                                            m ->
                                                    new Calibration.Outcome(
                                                            m.signal().confidence(), m.matched()))
                                    .toList(),
                            Calibration.DECILES);

            int sweepRuns = Math.min(settings.sweepRuns(), runs.size());
            List<SweepPoint> sweep =
                    sweep(settings, runs.subList(0, sweepRuns), result, matcher, pool, progress);

            progress.accept(
                    "real history: replaying the bundled sample without illustrative series");
            HistoryScorecard.Result scorecard = HistoryScorecard.score(SampleData.load(), config);

            return new EvaluationReport(
                    settings.command(),
                    new EvaluationReport.Settings(
                            settings.runs(),
                            PlantedRuns.FIRST_SEED,
                            settings.weeks(),
                            settings.thresholds(),
                            sweepRuns),
                    planted(runs),
                    types,
                    unscored,
                    calibration,
                    sweep,
                    scorecard,
                    result.signals().stream()
                            .map(
                                    m ->
                                            new SignalOutcome(
                                                    m.signal().run(),
                                                    m.signal().windowStart().toString(),
                                                    m.signal().type(),
                                                    m.signal().subjects(),
                                                    m.signal().confidence(),
                                                    m.matched()))
                            .toList(),
                    result.labels().stream()
                            .map(
                                    m ->
                                            new LabelOutcome(
                                                    m.label().run(),
                                                    m.label().windowStart().toString(),
                                                    m.label().type(),
                                                    m.label().subjects(),
                                                    m.found()))
                            .toList());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<SweepPoint> sweep(
            Settings settings,
            List<PlantedRuns.Run> runs,
            LabelMatcher.Result base,
            LabelMatcher matcher,
            ExecutorService pool,
            Consumer<String> progress) {
        List<SweepPoint> points = new ArrayList<>();
        if (runs.isEmpty()) {
            return points;
        }
        java.util.Set<Long> seeds = new java.util.HashSet<>();
        runs.forEach(r -> seeds.add(r.seed()));
        List<PlantedLabel> labels = runs.stream().flatMap(r -> r.labels().stream()).toList();
        // the run's own value, from the main results restricted to the sweep's runs
        LabelMatcher.Result own =
                new LabelMatcher.Result(
                        base.signals().stream()
                                .filter(m -> seeds.contains(m.signal().run()))
                                .toList(),
                        base.labels().stream()
                                .filter(m -> seeds.contains(m.label().run()))
                                .toList());
        ProcessorConfig defaults = ProcessorConfig.load(settings.overrides());
        for (SweepAxis axis : SWEEP) {
            Map<String, LabelMatcher.Result> byValue = new LinkedHashMap<>();
            byValue.put(
                    String.valueOf(
                            settings.thresholds()
                                    .getOrDefault(axis.key(), current(defaults, axis.key()))),
                    own);
            for (String value : axis.values()) {
                Properties p = settings.overrides();
                p.setProperty(axis.key(), value);
                ProcessorConfig config = ProcessorConfig.load(p);
                List<Future<List<FinalSignal>>> pending = new ArrayList<>();
                for (PlantedRuns.Run run : runs) {
                    pending.add(pool.submit(() -> PlantedRuns.detect(run, config)));
                }
                List<FinalSignal> signals = new ArrayList<>();
                for (Future<List<FinalSignal>> f : pending) {
                    get(f).stream()
                            .filter(s -> SCORED_TYPES.contains(s.type()))
                            .forEach(signals::add);
                }
                byValue.put(value, matcher.match(signals, labels));
                progress.accept("sweep " + axis.key() + "=" + value + " done");
            }
            List<Map.Entry<String, LabelMatcher.Result>> sorted =
                    new ArrayList<>(byValue.entrySet());
            sorted.sort(
                    (a, b) ->
                            Double.compare(
                                    Double.parseDouble(a.getKey()),
                                    Double.parseDouble(b.getKey())));
            for (Map.Entry<String, LabelMatcher.Result> e : sorted) {
                for (String type : axis.types()) {
                    TypeScore s = TypeScore.of(type, e.getValue());
                    points.add(
                            new SweepPoint(
                                    axis.key(), e.getKey(), type, s.precision(), s.recall()));
                }
            }
        }
        return points;
    }

    private static String current(ProcessorConfig config, String key) {
        return switch (key) {
            case "rule.rotation.min-receiving-usd" ->
                    plain(config.analytics().rotation().minReceivingUsd());
            case "rule.concentration.share" -> plain(config.analytics().concentration().share());
            default -> throw new IllegalArgumentException("no sweep for " + key);
        };
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.valueOf((long) v)
                : String.valueOf(v);
    }

    private static EvaluationReport.Planted planted(List<PlantedRuns.Run> runs) {
        Map<String, Long> labels = new TreeMap<>();
        Map<String, Long> nearMisses = new TreeMap<>();
        long weeks = 0;
        long quiet = 0;
        long events = 0;
        long incidental = 0;
        for (PlantedRuns.Run r : runs) {
            weeks += r.schedule().weeks();
            quiet += r.schedule().quietWeeks();
            events += r.events().size();
            incidental += r.incidentalLabels();
            r.labels().forEach(l -> labels.merge(l.type(), 1L, Long::sum));
            for (Scenario s : r.schedule().nearMisses().values()) {
                nearMisses.merge(s.name(), 1L, Long::sum);
            }
        }
        return new EvaluationReport.Planted(weeks, labels, incidental, nearMisses, quiet, events);
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
