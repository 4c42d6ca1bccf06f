package dev.rotation.processor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rotation.model.Causality;
import dev.rotation.model.Caveat;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.ExposureMetrics;
import dev.rotation.processor.analytics.LeverageThresholds;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.WindowSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LEVERAGE_STRESS on hand-built windows; strengths computed by hand from the formula. */
class LeverageStressRuleTest {

    static final AnalyticsConfig CONFIG = AnalyticsConfig.defaults();

    static ExposureMetrics fund(Double leverage, Double entry, long asOf) {
        return new ExposureMetrics(
                "Sovereign fund",
                "SOVEREIGN_FUND",
                "ETH-USD",
                false,
                "ETH",
                100_000.0,
                null,
                entry,
                leverage,
                asOf,
                "illustrative",
                null);
    }

    static List<Detection> run(SnapshotBuilder b, ExposureMetrics p) {
        WindowSnapshot base = b.build();
        WindowSnapshot s =
                WindowSnapshot.of(
                        base.window(),
                        base.assetFlow("ETH") == null ? List.of() : List.of(base.assetFlow("ETH")),
                        base.prices(),
                        base.volumes(),
                        base.metals(),
                        java.util.Map.of(p.key(), p),
                        new TrailingHistory(12),
                        CONFIG.groups(),
                        List.of());
        return RuleSet.standard(CONFIG).evaluate(s).stream()
                .filter(d -> d.type() == dev.rotation.model.SignalType.LEVERAGE_STRESS)
                .toList();
    }

    static long asOf(SnapshotBuilder b) {
        return b.window().start() + Duration.ofDays(1).toMillis();
    }

    @Test
    void strengthRisesWithLossAndLeverageAndWithEachRegimeCondition() {
        LeverageThresholds t = CONFIG.leverage();
        // 10% below entry at 2x: 20% of the capital; 0.20 / 0.5 = 0.4
        assertThat(LeverageStressRule.strength(t, 0.20, 0)).isCloseTo(0.4, within(1e-12));
        // the same at 3x: 0.30 / 0.5 = 0.6
        assertThat(LeverageStressRule.strength(t, 0.30, 0)).isCloseTo(0.6, within(1e-12));
        // an outflow: 0.4 x 1.25 = 0.5; and a cascade too: 0.4 x 1.25^2 = 0.625
        assertThat(LeverageStressRule.strength(t, 0.20, 1)).isCloseTo(0.5, within(1e-12));
        assertThat(LeverageStressRule.strength(t, 0.20, 2)).isCloseTo(0.625, within(1e-12));
        // capped at 1
        assertThat(LeverageStressRule.strength(t, 0.60, 2)).isEqualTo(1.0);
    }

    @Test
    void theSeedWeeksEthMoveFiresOnALeveragedPositionAndSaysWhatIsUnknown() {
        // ETH from 3,345 to 2,954 in the seed week; entry 3,300: 10.5% below it
        SnapshotBuilder b =
                SnapshotBuilder.week("2026-01-21")
                        .dailyCloses("ETH-USD", 3345.0, 3200, 3100, 3000, 2980, 2954)
                        .flow("ASSET", "ETH", -630e6);
        List<Detection> d = run(b, fund(2.0, 3300.0, asOf(b)));
        assertThat(d).hasSize(1);
        Detection x = d.get(0);
        assertThat(x.subjects()).containsExactly("holder:Sovereign fund", "instrument:ETH-USD");
        assertThat(x.confidence().causality()).isEqualTo(Causality.CORRELATION_NOT_CAUSATION);
        assertThat(x.caveats())
                .extracting(Caveat::getCode)
                .contains("HOLDER_TERMS_UNKNOWN", "POSITION_AS_REPORTED", "SINGLE_SOURCE");
        assertThat(x.explanation())
                .startsWith(
                        "Sovereign fund (sovereign fund): a 2.0x leveraged ETH-USD position stood 10.5% below its entry price of $3,300 at $2,954, a loss of about 21.0% of the capital behind it, while ETH investment products saw net outflows of $630M");
    }

    @Test
    void anUnleveragedOrUnknownLeveragePositionOrALossUnderTheThresholdDoesNotFire() {
        SnapshotBuilder b =
                SnapshotBuilder.week("2026-01-21")
                        .dailyCloses("ETH-USD", 3345.0, 3200, 3100, 3000, 2980, 2954);
        assertThat(run(b, fund(1.0, 3300.0, asOf(b)))).isEmpty();
        assertThat(run(b, fund(null, 3300.0, asOf(b)))).isEmpty();
        assertThat(run(b, fund(2.0, null, asOf(b)))).isEmpty();
        // 2,954 is 4.4% below 3,090: under 5%
        assertThat(run(b, fund(3.0, 3090.0, asOf(b)))).isEmpty();
    }

    @Test
    void aPositionReportedLongerAgoThanTheMaximumAgeIsStale() {
        SnapshotBuilder b =
                SnapshotBuilder.week("2026-01-21")
                        .dailyCloses("ETH-USD", 3345.0, 3200, 3100, 3000, 2980, 2954);
        long tooOld = b.window().end() - Duration.ofDays(121).toMillis();
        assertThat(run(b, fund(2.0, 3300.0, tooOld))).isEmpty();
        assertThat(run(b, fund(2.0, 3300.0, tooOld + Duration.ofDays(2).toMillis()))).hasSize(1);
    }
}
