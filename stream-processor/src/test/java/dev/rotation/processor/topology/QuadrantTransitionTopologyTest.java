package dev.rotation.processor.topology;

import static dev.rotation.processor.topology.Events.dailyClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rotation.model.Causality;
import dev.rotation.model.Evidence;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QUADRANT_TRANSITION through the real topology: planted weekly closes of SOL-USD and BTC-USD (the
 * series of {@code src/test/resources/rotation/rrg_reference.py}, one close per week) move SOL
 * round the relative rotation graph against BTC, and every change of quadrant is raised in the
 * window it happens in, with the script's RS-Ratio and RS-Momentum as evidence. Defaults: weekly
 * windows, {@code rrg.ratio-windows=5}, {@code rrg.momentum-windows=4}.
 */
class QuadrantTransitionTopologyTest {

    /** Monday of the first planted week; the closes are on Thursdays. */
    private static final LocalDate FIRST_MONDAY = LocalDate.parse("2025-10-06");

    private static Map<String, Signal> latestTransitionsByWeek(DetectorDriver d) {
        Map<String, Signal> out = new TreeMap<>();
        d.signals.stream()
                .filter(s -> s.getType() == SignalType.QUADRANT_TRANSITION)
                .forEach(s -> out.put(s.getWindowStart().toString().substring(0, 10), s));
        return out;
    }

    private static double value(Signal s, String metric) {
        return s.getEvidence().stream()
                .filter(e -> e.getMetric().equals(metric))
                .mapToDouble(Evidence::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + " in " + s));
    }

    private static String monday(int week) {
        return FIRST_MONDAY.plusWeeks(week).toString();
    }

    @Test
    void plantedPricesMoveSolRoundTheQuadrantsAndEachMoveIsRaised(@TempDir Path dir) {
        double[] sol = RelativeRotationFixture.ASSET;
        double[] btc = RelativeRotationFixture.BENCHMARK;
        try (DetectorDriver d = new DetectorDriver(dir)) {
            for (int week = 0; week < sol.length; week++) {
                String thursday = FIRST_MONDAY.plusWeeks(week).plusDays(3).toString();
                d.pipe(dailyClose("BTC-USD", thursday, btc[week], btc[week]));
                d.pipe(dailyClose("SOL-USD", thursday, sol[week], sol[week]));
            }
            Map<String, Signal> byWeek = latestTransitionsByWeek(d);

            // rrg_reference.out: week 8 LEADING (first point), 9 WEAKENING, 10 WEAKENING,
            // 11 LAGGING, 12 LAGGING, 13 IMPROVING
            assertThat(byWeek).containsOnlyKeys(monday(9), monday(11), monday(13));

            Signal weakening = byWeek.get(monday(9));
            assertThat(weakening.getStatus()).isEqualTo(SignalStatus.FINAL);
            assertThat(weakening.getCausality()).isEqualTo(Causality.OBSERVATION);
            assertThat(weakening.getSubjects()).containsExactly("asset:SOL", "benchmark:BTC");
            assertThat(value(weakening, "rs_ratio")).isCloseTo(101.399797952894, within(1e-9));
            assertThat(value(weakening, "rs_momentum")).isCloseTo(98.781812414531, within(1e-9));
            assertThat(value(weakening, "previous_rs_ratio"))
                    .isCloseTo(101.527769710354, within(1e-9));
            assertThat(value(weakening, "previous_rs_momentum"))
                    .isCloseTo(101.121005397962, within(1e-9));
            assertThat(weakening.getExplanation())
                    .startsWith("SOL moved from the leading to the weakening quadrant against BTC")
                    .contains("approximation of the JdK measures over 5 and 4 windows")
                    .doesNotContain("caused");

            Signal lagging = byWeek.get(monday(11));
            assertThat(lagging.getStatus()).isEqualTo(SignalStatus.FINAL);
            assertThat(lagging.getExplanation()).contains("from the weakening to the lagging");
            assertThat(value(lagging, "rs_ratio")).isCloseTo(99.869654253146, within(1e-9));

            Signal improving = byWeek.get(monday(13));
            assertThat(improving.getStatus())
                    .as("the last week is still open")
                    .isEqualTo(SignalStatus.PROVISIONAL);
            assertThat(improving.getExplanation()).contains("from the lagging to the improving");
            assertThat(value(improving, "rs_momentum")).isCloseTo(101.272812935137, within(1e-9));
        }
    }
}
