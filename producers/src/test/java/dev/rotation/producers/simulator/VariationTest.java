package dev.rotation.producers.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class VariationTest {

    private static final PlantingThresholds THRESHOLDS =
            new PlantingThresholds(50e6, 1e6, 100e6, 0.01, 50e6, 0.02, 0.8, 100e6, 0.05);

    private static MarketSimulator simulator(long seed) {
        Map<Integer, Scenario> planted =
                Map.of(
                        4, Scenario.ROTATION_TO_HIGH_BETA,
                        8, Scenario.CONCENTRATED_OUTFLOW,
                        12, Scenario.DERISKING);
        Map<Integer, Scenario> nearMisses =
                Map.of(
                        6, Scenario.LEVEL_BREACH,
                        10, Scenario.RISK_OFF_SHIFT,
                        15, Scenario.CASCADE_RISK,
                        17, Scenario.CONCENTRATED_OUTFLOW);
        return new MarketSimulator(
                MarketSimulator.Options.of(seed, 20)
                        .withScenarios(planted)
                        .withVariation(new Variation(THRESHOLDS, nearMisses, seed)));
    }

    private static List<SpecificRecord> events(MarketSimulator sim) {
        List<SpecificRecord> out = new ArrayList<>();
        sim.forEach(out::add);
        return out;
    }

    @Test
    void sameSeedSameRunAndEveryEventCounted() {
        MarketSimulator a = simulator(3);
        assertThat(events(a)).isEqualTo(events(simulator(3))).hasSize((int) a.eventCount());
        assertThat(a.labels()).isEqualTo(simulator(3).labels());
    }

    @Test
    void nearMissesAreLabelledNeitherAsScenarioNorAsPlanted() {
        for (long seed = 1; seed <= 10; seed++) {
            MarketSimulator sim = simulator(seed);
            List<String> plantedTypes =
                    sim.labels().stream()
                            .filter(l -> !l.note().startsWith("incidental"))
                            .map(ScenarioLabel::signalType)
                            .toList();
            assertThat(plantedTypes)
                    .containsExactly("ROTATION_TO_HIGH_BETA", "CONCENTRATED_OUTFLOW", "DERISKING");
            WeekPlan levelNearMiss = sim.plan().get(6);
            assertThat(levelNearMiss.nearMiss()).isEqualTo(Scenario.LEVEL_BREACH);
            assertThat(levelNearMiss.scenario()).isNull();
            // BTC closes within 1% of the level on the side it started
            double close = levelNearMiss.endPrice().get("BTC-USD");
            double level = MarketSimulator.Options.DEFAULT_BTC_LEVEL;
            assertThat(close > level).isEqualTo(levelNearMiss.btcAboveLevelAtStart());
            assertThat(Math.abs(close / level - 1)).isLessThan(0.0101);
            // the risk-off near miss: both metals up, each by less than the minimum return
            WeekPlan riskOff = sim.plan().get(10);
            assertThat(riskOff.weeklyReturn("XAG")).isBetween(0.0, 0.01);
            assertThat(riskOff.weeklyReturn("XAU")).isBetween(0.0, 0.01);
            // the concentration near miss: the top region holds less than 80% of the outflow
            WeekPlan concentration = sim.plan().get(17);
            double gross =
                    concentration.regionFlows().values().stream()
                            .filter(v -> v < 0)
                            .mapToDouble(v -> -v)
                            .sum();
            double top =
                    -concentration.regionFlows().values().stream()
                            .mapToDouble(Double::doubleValue)
                            .min()
                            .orElseThrow();
            assertThat(top / gross).isLessThan(0.8);
        }
    }

    @Test
    void reportRowsArriveInAShuffledOrder() {
        List<Breakdown> firstReport =
                events(simulator(5)).stream()
                        .filter(FundFlow.class::isInstance)
                        .map(e -> ((FundFlow) e).getBreakdown())
                        .limit(MarketSimulator.REPORT_ROWS * 4L)
                        .toList();
        // without a variation the TOTAL row always comes first
        assertThat(firstReport).hasSize(MarketSimulator.REPORT_ROWS * 4);
        List<Breakdown> firsts = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            firsts.add(firstReport.get(r * MarketSimulator.REPORT_ROWS));
        }
        assertThat(firsts)
                .isNotEqualTo(
                        List.of(
                                Breakdown.TOTAL,
                                Breakdown.TOTAL,
                                Breakdown.TOTAL,
                                Breakdown.TOTAL));
    }

    @Test
    void nearMissesNeedThresholdsAndTheirOwnWeek() {
        assertThatThrownBy(() -> new Variation(null, Map.of(5, Scenario.DERISKING), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thresholds");
        assertThatThrownBy(
                        () ->
                                MarketSimulator.Options.of(1, 10)
                                        .withScenarios(Map.of(5, Scenario.DERISKING))
                                        .withVariation(
                                                new Variation(
                                                        THRESHOLDS,
                                                        Map.of(5, Scenario.RISK_ON_SHIFT),
                                                        1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("near miss");
    }
}
