package dev.rotation.processor.topology;

import static dev.rotation.processor.topology.Events.metal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rotation.model.BindingCap;
import dev.rotation.model.ConfidenceComponents;
import dev.rotation.model.Metal;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.model.TermWeights;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed week's FINAL signals carry the components of their confidence, with the values of the
 * worked example in docs/confidence.md (the same feed as {@link SeedWeekGoldenTest}).
 */
class SeedWeekConfidenceComponentsTest {

    @Test
    void theSeedWeeksSignalsCarryTheWorkedExamplesComponents(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            SeedWeekGoldenTest.prices(d, "2026-01-12", "2026-01-18");
            d.pipe(metal(Metal.XAU, "2026-01-16", 4611.05));
            d.pipe(metal(Metal.XAG, "2026-01-16", 90.00));
            SeedWeekGoldenTest.prices(d, "2026-01-19", "2026-01-25");
            d.pipe(metal(Metal.XAU, "2026-01-23", 4986.00));
            d.pipe(metal(Metal.XAG, "2026-01-23", 100.94));
            SeedWeekGoldenTest.seedWeekFlows(d);
            SeedWeekGoldenTest.prices(d, "2026-01-26", "2026-01-30");
            d.idle();

            long weekStart = Time.day("2026-01-19");
            List<Signal> finals =
                    d.latest().values().stream()
                            .filter(
                                    s ->
                                            s.getWindowStart().toEpochMilli() == weekStart
                                                    && s.getStatus() == SignalStatus.FINAL)
                            .toList();
            assertThat(finals).isNotEmpty();
            TermWeights weights = new TermWeights(0.35, 0.20, 0.20, 0.25, 0.15);

            // ROTATION_TO_HIGH_BETA: strength min(1 - 50M/1.72B, 1 - 1M/17.1M), breadth
            // (2/2 + 1/2)/2, no history, every leg; one source and no history cap it
            ConfidenceComponents rotation =
                    of(finals, SignalType.ROTATION_TO_HIGH_BETA, "group:mainstream");
            double strength = 1 - 1e6 / 17.1e6;
            assertThat(rotation.getStrength()).isCloseTo(strength, within(1e-9));
            assertThat(rotation.getBreadth()).isEqualTo(0.75);
            assertThat(rotation.getHistory()).isEqualTo(0.0);
            assertThat(rotation.getHistoryWindows()).isZero();
            assertThat(rotation.getCompleteness()).isEqualTo(1.0);
            assertThat(rotation.getDistinctSources()).isEqualTo(1);
            assertThat(rotation.getWeights()).isEqualTo(weights);
            double base = 0.35 * strength + 0.20 * 0.75 + 0.25; // 0.7295
            assertThat(rotation.getBase()).isCloseTo(base, within(1e-9));
            assertThat(rotation.getCap()).isEqualTo(new BindingCap("INSUFFICIENT_HISTORY", 0.55));

            // CONCENTRATED_OUTFLOW region:US, an observation: share 1.8B / 1.8155B past 0.8
            ConfidenceComponents us = of(finals, SignalType.CONCENTRATED_OUTFLOW, "region:US");
            double share = 1.8e9 / (1.8e9 + 11.1e6 + 4.4e6);
            assertThat(us.getStrength()).isCloseTo((share - 0.8) / 0.2, within(1e-9));
            assertThat(us.getHistory()).as("an observation needs no history").isEqualTo(1.0);
            assertThat(us.getBase())
                    .isCloseTo(0.35 * (share - 0.8) / 0.2 + 0.20 + 0.20 + 0.25, within(1e-9));
            assertThat(us.getCap()).isEqualTo(new BindingCap("SINGLE_SOURCE", 0.6));

            // RISK_OFF_SHIFT against silver: two of four legs (no metal volume, no product flows)
            ConfidenceComponents riskOff = of(finals, SignalType.RISK_OFF_SHIFT, "metal:XAG");
            assertThat(riskOff.getCompleteness()).isEqualTo(0.5);
            assertThat(riskOff.getCorrelationTerm()).as("no trailing correlation yet").isNull();

            // every signal's score is its components': min(uncapped, cap) times any adjustment
            for (Signal s : finals) {
                ConfidenceComponents k = s.getConfidenceComponents();
                assertThat(k).as(s.getSignalId()).isNotNull();
                double expected = k.getCap() == null ? k.getUncapped() : k.getCap().getValue();
                if (k.getAdjustment() != null) {
                    expected *= k.getAdjustment().getFactor();
                }
                assertThat(s.getConfidence())
                        .as(s.getSignalId())
                        .isCloseTo(expected, within(1e-12));
            }
        }
    }

    private static ConfidenceComponents of(List<Signal> finals, SignalType type, String subject) {
        List<Signal> of =
                finals.stream()
                        .filter(s -> s.getType() == type && s.getSubjects().contains(subject))
                        .toList();
        assertThat(of).as(type + " " + subject).hasSize(1);
        return of.get(0).getConfidenceComponents();
    }
}
