package dev.rotation.app.evaluation;

import dev.rotation.model.Signal;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.producers.simulator.MarketSimulator;
import dev.rotation.producers.simulator.PlantingThresholds;
import dev.rotation.producers.simulator.ScenarioLabel;
import dev.rotation.producers.simulator.Variation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Simulated runs with planted scenarios and near misses, each replayed through the production
 * topology ({@link OfflineDetector}). The runs are drawn once and can be replayed under several
 * configurations (the threshold sweep).
 */
public final class PlantedRuns {

    /** Seed of the first run; run {@code k} uses seed {@code FIRST_SEED + k}. */
    public static final long FIRST_SEED = 1;

    /**
     * One simulated run: its events, its labels and its schedule.
     *
     * @param seed the simulator's seed
     * @param schedule where scenarios and near misses were planted
     * @param labels the ground truth (planted and incidental)
     * @param events every event of the run, in event-time order
     * @param incidentalLabels labels its flows met by construction rather than by plan
     */
    public record Run(
            long seed,
            PlantingSchedule schedule,
            List<PlantedLabel> labels,
            List<SpecificRecord> events,
            long incidentalLabels) {}

    /**
     * The detector's documented thresholds at their defaults, which the simulator plants around (so
     * a threshold sweep moves the detector, not the planted data).
     */
    public static PlantingThresholds defaultThresholds() {
        AnalyticsConfig c = AnalyticsConfig.defaults();
        return new PlantingThresholds(
                c.rotation().minLeavingUsd(),
                c.rotation().minReceivingUsd(),
                c.riskShift().minCryptoFlowUsd(),
                c.riskShift().minMetalReturn(),
                c.derisking().minOutflowUsd(),
                c.derisking().minPullback(),
                c.concentration().share(),
                c.concentration().minGrossOutflowUsd(),
                c.cascade().minBreakdown());
    }

    /** Draws run {@code index} of {@code weeks} weeks (daily bars). */
    public static Run draw(int index, int weeks) {
        long seed = FIRST_SEED + index;
        PlantingSchedule schedule = PlantingSchedule.draw(seed, weeks);
        MarketSimulator sim =
                new MarketSimulator(
                        MarketSimulator.Options.of(seed, weeks)
                                .withScenarios(schedule.planted())
                                .withVariation(
                                        new Variation(
                                                defaultThresholds(), schedule.nearMisses(), seed)));
        List<SpecificRecord> events = new ArrayList<>((int) sim.eventCount());
        sim.forEach(events::add);
        List<PlantedLabel> labels = new ArrayList<>();
        for (ScenarioLabel l : sim.labels()) {
            labels.add(
                    new PlantedLabel(
                            seed,
                            l.windowStart(),
                            l.signalType(),
                            Arrays.asList(l.subjects().split(";"))));
        }
        long incidental =
                sim.labels().stream().filter(l -> l.note().startsWith("incidental")).count();
        return new Run(seed, schedule, List.copyOf(labels), List.copyOf(events), incidental);
    }

    /** The FINAL signals the detector, configured so, emits on one run. */
    public static List<FinalSignal> detect(Run run, ProcessorConfig config) {
        Path state;
        try {
            state = Files.createTempDirectory("rotation-evaluate-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OfflineDetector detector = new OfflineDetector(config, state)) {
            detector.pipeAll(run.events());
            List<FinalSignal> out = new ArrayList<>();
            for (Signal s : detector.finals()) {
                out.add(
                        new FinalSignal(
                                run.seed(),
                                s.getWindowStart(),
                                s.getType().name(),
                                s.getSubjects(),
                                s.getConfidence()));
            }
            return out;
        } finally {
            deleteQuietly(state);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    // a scratch folder left behind in the temp dir is harmless
                                }
                            });
        } catch (IOException e) {
            // same
        }
    }
}
