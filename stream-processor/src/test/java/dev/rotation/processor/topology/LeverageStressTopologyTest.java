package dev.rotation.processor.topology;

import static dev.rotation.processor.topology.Events.dailyClose;
import static dev.rotation.processor.topology.Events.flow;
import static dev.rotation.processor.topology.Events.leveragedPosition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rotation.model.Breakdown;
import dev.rotation.model.Causality;
import dev.rotation.model.Caveat;
import dev.rotation.model.Evidence;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mark-to-market join of institutional positions with prices, through the real topology: a
 * leveraged position is re-marked on every price of its instrument, LEVERAGE_STRESS stands while
 * the loss is past {@code rule.leverage.min-loss} (5%) and is retracted when the price recovers.
 */
class LeverageStressTopologyTest {

    private static final String FUND = "Sovereign fund";

    private static List<Signal> leverage(DetectorDriver d) {
        return d.signals.stream().filter(s -> s.getType() == SignalType.LEVERAGE_STRESS).toList();
    }

    private static double value(Signal s, String metric) {
        return s.getEvidence().stream()
                .filter(e -> e.getMetric().equals(metric))
                .mapToDouble(Evidence::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + " in " + s));
    }

    @Test
    void aPriceMoveThatCrossesTheLossThresholdRaisesItAndARecoveryRetractsIt(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            d.pipe(dailyClose("ETH-USD", "2026-01-19", 3300, 3200));
            // 100,000 ETH bought at 3,300, 2x leveraged, reported as of Monday's close
            d.pipe(leveragedPosition(FUND, "ETH-USD", "ETH", "2026-01-19", 100_000, 3300, 2.0));
            assertThat(leverage(d)).as("3,200 is 3.0%% below entry: under 5%%").isEmpty();

            d.pipe(dailyClose("ETH-USD", "2026-01-20", 3200, 3100));
            assertThat(leverage(d)).hasSize(1);
            Signal raised = leverage(d).get(0);
            assertThat(raised.getStatus()).isEqualTo(SignalStatus.PROVISIONAL);
            assertThat(raised.getCausality()).isEqualTo(Causality.CORRELATION_NOT_CAUSATION);
            assertThat(raised.getSubjects())
                    .containsExactly("holder:Sovereign fund", "instrument:ETH-USD");
            // 3,100 / 3,300 - 1 = -6.06%; on the capital behind it, x2 = -12.12%
            assertThat(value(raised, "unrealised_return")).isCloseTo(-0.0606061, within(1e-6));
            assertThat(value(raised, "equity_return")).isCloseTo(-0.1212121, within(1e-6));
            assertThat(value(raised, "market_value_usd")).isCloseTo(310e6, within(1e-3));
            assertThat(value(raised, "mark_price")).isEqualTo(3100);
            assertThat(raised.getCaveats())
                    .extracting(Caveat::getCode)
                    .contains("HOLDER_TERMS_UNKNOWN", "POSITION_AS_REPORTED");
            assertThat(raised.getExplanation())
                    .contains("6.1% below its entry price of $3,300 at $3,100")
                    .contains("not a forecast of selling")
                    .doesNotContain("caused");

            d.pipe(dailyClose("ETH-USD", "2026-01-21", 3100, 3250));
            Signal last = leverage(d).get(leverage(d).size() - 1);
            assertThat(last.getSignalId()).isEqualTo(raised.getSignalId());
            assertThat(last.getStatus())
                    .as("1.5%% below entry is past the hysteresis margin (4.9%%)")
                    .isEqualTo(SignalStatus.RETRACTED);
        }
    }

    @Test
    void aPositionFromAClosedWeekIsMarkedInLaterWeeksAndAnOutflowStrengthensIt(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            d.pipe(dailyClose("ETH-USD", "2026-01-13", 3300, 3300));
            d.pipe(leveragedPosition(FUND, "ETH-USD", "ETH", "2026-01-13", 100_000, 3300, 2.0));
            // the week of 19 Jan: ETH slides to 2,950 (-10.6% against entry)
            double[] closes = {3250, 3150, 3050, 3000, 2950, 2950, 2950};
            for (int i = 0; i < closes.length; i++) {
                d.pipe(
                        dailyClose(
                                "ETH-USD",
                                String.format("2026-01-%02d", 19 + i),
                                i == 0 ? 3300 : closes[i - 1],
                                closes[i]));
            }
            List<Signal> weekOf19 =
                    leverage(d).stream()
                            .filter(s -> s.getWindowStart().toString().startsWith("2026-01-19"))
                            .toList();
            assertThat(weekOf19).isNotEmpty();
            Signal before = weekOf19.get(weekOf19.size() - 1);
            assertThat(value(before, "unrealised_return"))
                    .isCloseTo(2950 / 3300.0 - 1, within(1e-9));
            assertThat(before.getEvidence()).noneMatch(e -> e.getMetric().equals("net_flow_usd"));

            d.pipe(
                    flow(
                            "coinshares",
                            "r1",
                            "2026-01-19",
                            "2026-01-23",
                            Breakdown.ASSET,
                            "ETH",
                            -630_000_000d));
            Signal after = leverage(d).get(leverage(d).size() - 1);
            assertThat(after.getSignalId()).isEqualTo(before.getSignalId());
            assertThat(value(after, "net_flow_usd")).isEqualTo(-630e6);
            assertThat(after.getExplanation())
                    .contains("while ETH investment products saw net outflows of $630M");
            assertThat(after.getConfidence()).isGreaterThan(before.getConfidence());
        }
    }
}
