package dev.rotation.processor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rotation.model.Causality;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Scale;
import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.Caveats;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The week of the seed article (CoinShares report of 2026-01-26, flows of 19-23 Jan 2026) and the
 * week after, from the real figures in shared/data. Silver's previous close of 90.0 is illustrative
 * (the data set has no 16 Jan silver point).
 */
class SeedWeekGoldenTest {

    private static final AnalyticsConfig CONFIG = AnalyticsConfig.defaults();
    private static final RuleSet RULES = RuleSet.standard(CONFIG);

    static SnapshotBuilder seedWeek(TrailingHistory history) {
        return SnapshotBuilder.week("2026-01-21", history, CONFIG)
                .flow("TOTAL", "ALL", -1.73e9)
                .flow("ASSET", "BTC", -1.09e9)
                .flow("ASSET", "ETH", -0.63e9)
                .flow("ASSET", "XRP", -18.2e6)
                .flow("ASSET", "SOL", 17.1e6)
                .flow("ASSET", "BNB", 4.6e6)
                .flow("ASSET", "LINK", 3.8e6)
                .flow("ASSET", "SHORT_BTC", 0.5e6)
                .flow("REGION", "US", -1.8e9)
                .flow("REGION", "SE", -11.1e6)
                .flow("REGION", "NL", -4.4e6)
                .flow("REGION", "CH", 32.5e6)
                .flow("REGION", "DE", 19.1e6)
                .flow("REGION", "CA", 33.5e6)
                .dailyCloses("BTC-USD", 95166.0, 92939, 90862, 89334, 90007, 88926, 89473, 88290)
                .dailyCloses(
                        "ETH-USD", 3318.04, 3205.63, 3090.03, 2968.57, 3009.83, 2918.67, 2956.74,
                        2929.64)
                .metal("XAG", 90.0, "2026-01-23", 100.94)
                .metal("XAU", 4611.05, "2026-01-23", 4986.00);
    }

    static SnapshotBuilder weekAfter(TrailingHistory history) {
        return SnapshotBuilder.week("2026-01-28", history, CONFIG)
                .flow("TOTAL", "ALL", -1.70e9)
                .flow("REGION", "US", -1.65e9)
                .metal("XAG", null, "2026-01-26", 107.58)
                .metal("XAU", null, "2026-01-26", 5074.48)
                .metal("XAG", null, "2026-01-29", 121.65)
                .metal("XAU", null, "2026-01-29", 5594.82);
    }

    private static Detection only(List<Detection> ds, SignalType type, String... subjects) {
        List<Detection> found =
                ds.stream()
                        .filter(d -> d.type() == type && d.subjects().equals(List.of(subjects)))
                        .toList();
        assertThat(found).as(type + " " + List.of(subjects) + " in " + ds).hasSize(1);
        return found.get(0);
    }

    @Test
    void theSeedWeekWindowIsMondayToMonday() {
        SnapshotBuilder b = seedWeek(TrailingHistory.forConfig(CONFIG.history()));
        assertThat(Instant.ofEpochMilli(b.window().start()))
                .isEqualTo(Instant.parse("2026-01-19T00:00:00Z"));
        assertThat(Instant.ofEpochMilli(b.window().end()))
                .isEqualTo(Instant.parse("2026-01-26T00:00:00Z"));
    }

    @Test
    void seedWeekYieldsTheArticlesReadingsWithItsCaution() {
        List<Detection> ds =
                RULES.evaluate(seedWeek(TrailingHistory.forConfig(CONFIG.history())).build());

        Detection rotation =
                only(ds, SignalType.ROTATION_TO_HIGH_BETA, "group:high-beta", "group:mainstream");
        assertThat(rotation.magnitude().getScale()).isEqualTo(Scale.MICRO);
        assertThat(rotation.magnitude().getRatio()).isCloseTo(17.1e6 / 1.72e9, within(1e-9));
        assertThat(rotation.magnitude().getReceivingUsd()).isCloseTo(17.1e6, within(1.0));
        assertThat(rotation.magnitude().getLeavingUsd()).isCloseTo(1.72e9, within(1.0));
        assertThat(rotation.explanation())
                .contains("micro-structural adjustment, not a regime change");
        assertThat(rotation.hasCaveat(Caveats.NEW_MONEY_VS_ROTATION_UNKNOWN)).isTrue();
        assertThat(rotation.confidence().score()).isCloseTo(0.55, within(1e-9));

        Detection us = only(ds, SignalType.CONCENTRATED_OUTFLOW, "region:US");
        assertThat(us.hasCaveat(Caveats.REGIONS_NOT_EXHAUSTIVE)).isFalse();
        Detection btcEth = only(ds, SignalType.CONCENTRATED_OUTFLOW, "asset:BTC", "asset:ETH");
        assertThat(btcEth.evidence())
                .anySatisfy(
                        e -> {
                            assertThat(e.getMetric()).isEqualTo("outflow_share");
                            assertThat(e.getValue())
                                    .isCloseTo(1.72e9 / (1.72e9 + 18.2e6), within(1e-9));
                        });

        Detection silver = only(ds, SignalType.RISK_OFF_SHIFT, "crypto:total", "metal:XAG");
        assertThat(silver.hasCaveat(Caveats.NO_CROSS_MARKET_FLOW_TRACKING)).isTrue();
        assertThat(silver.hasCaveat(Caveats.PARALLEL_MACRO_RESPONSE_POSSIBLE)).isTrue();
        assertThat(silver.hasCaveat("MISSING_LEG:METAL_VOLUME")).isTrue();
        assertThat(silver.hasCaveat("MISSING_LEG:METAL_PRODUCT_FLOW")).isTrue();
        assertThat(silver.correlation()).as("one window is no correlation").isNull();
        only(ds, SignalType.RISK_OFF_SHIFT, "crypto:total", "metal:XAU");

        Detection level = only(ds, SignalType.LEVEL_BREACH, "instrument:BTC-USD", "level:93000");
        assertThat(level.confidence().causality()).isEqualTo(Causality.OBSERVATION);

        assertThat(ds)
                .noneMatch(
                        d ->
                                d.type() == SignalType.ROTATION_TO_MAINSTREAM
                                        || d.type() == SignalType.RISK_ON_SHIFT
                                        || d.type() == SignalType.LEVEL_RECLAIM
                                        || d.type() == SignalType.CASCADE_RISK);

        for (Detection d : ds) {
            assertThat(d.confidence().level())
                    .as(d.type() + " " + d.subjects())
                    .isNotEqualTo(ConfidenceLevel.HIGH);
            assertThat(d.hasCaveat(Caveats.SINGLE_SOURCE))
                    .as(d.type() + " " + d.subjects())
                    .isTrue();
            assertThat(d.caveats()).extracting(c -> c.getCode()).doesNotHaveDuplicates();
            boolean observation =
                    d.type() == SignalType.LEVEL_BREACH
                            || d.type() == SignalType.LEVEL_RECLAIM
                            || d.type() == SignalType.CONCENTRATED_OUTFLOW;
            assertThat(d.confidence().causality())
                    .isEqualTo(
                            observation
                                    ? Causality.OBSERVATION
                                    : Causality.CORRELATION_NOT_CAUSATION);
            if (!observation) {
                assertThat(d.hasCaveat(Caveats.INSUFFICIENT_HISTORY)).isTrue();
            }
        }
    }

    @Test
    void riskOffHoldsInTheWeekAfterUntilThe30JanuaryCrashRemovesIt() {
        TrailingHistory history = TrailingHistory.forConfig(CONFIG.history());
        seedWeek(history).build().appendTo(history);

        SnapshotBuilder after = weekAfter(history);
        List<Detection> ds = RULES.evaluate(after.build());
        Detection silver = only(ds, SignalType.RISK_OFF_SHIFT, "crypto:total", "metal:XAG");
        assertThat(silver.evidence())
                .anySatisfy(
                        e -> {
                            assertThat(e.getMetric()).isEqualTo("window_return");
                            assertThat(e.getValue()).isCloseTo(121.65 / 100.94 - 1, within(1e-12));
                        });
        assertThat(ds).noneMatch(d -> d.type() == SignalType.ROTATION_TO_HIGH_BETA);
        Detection us = only(ds, SignalType.CONCENTRATED_OUTFLOW, "region:US");
        assertThat(us.hasCaveat(Caveats.REGIONS_NOT_EXHAUSTIVE)).isTrue();

        after.metal("XAG", null, "2026-01-30", 83.99).metal("XAU", null, "2026-01-30", 4883.62);
        List<Detection> afterCrash = RULES.evaluate(after.build());
        assertThat(afterCrash).noneMatch(d -> d.type() == SignalType.RISK_OFF_SHIFT);
        assertThat(afterCrash).noneMatch(d -> d.type() == SignalType.RISK_ON_SHIFT);
    }

    @Test
    void weekAfterWithBtcPricesShowsCascadeConditionsAgainstTheSeedWeek() {
        TrailingHistory history = TrailingHistory.forConfig(CONFIG.history());
        seedWeek(history).build().appendTo(history);
        WindowSnapshot s =
                weekAfter(history)
                        .dailyCloses(
                                "BTC-USD", null, 87609, 87901, 89233, 87824, 82244, 83066, 78732)
                        .build();
        assertThat(s.price("BTC-USD").previousClose()).isEqualTo(88290.0);
        List<Detection> ds = RULES.evaluate(s);
        Detection cascade = only(ds, SignalType.CASCADE_RISK, "instrument:BTC-USD");
        assertThat(cascade.hasCaveat(Caveats.ALGO_PARTICIPATION_UNQUANTIFIED)).isTrue();
        assertThat(cascade.hasCaveat(Caveats.INSUFFICIENT_HISTORY)).isTrue();
        assertThat(cascade.confidence().level()).isNotEqualTo(ConfidenceLevel.HIGH);
        assertThat(ds)
                .noneMatch(
                        d ->
                                d.type() == SignalType.LEVEL_BREACH
                                        || d.type() == SignalType.LEVEL_RECLAIM);
    }
}
