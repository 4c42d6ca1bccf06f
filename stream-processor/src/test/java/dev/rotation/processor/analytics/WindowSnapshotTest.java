package dev.rotation.processor.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowSnapshotTest {

    private static final AnalyticsConfig CONFIG = AnalyticsConfig.defaults();
    private static final EventWindow SEED =
            WindowCalendar.weekly()
                    .windowFor(java.time.Instant.parse("2026-01-21T00:00:00Z").toEpochMilli());

    private static FlowMetrics f(String breakdown, String key, double v) {
        return new FlowMetrics(
                breakdown, key, v, Set.of("coinshares"), Set.of("coinshares-2026-01-26"), false);
    }

    static List<FlowMetrics> seedFlows() {
        List<FlowMetrics> l = new ArrayList<>();
        l.add(f("TOTAL", "ALL", -1.73e9));
        l.add(f("ASSET", "BTC", -1.09e9));
        l.add(f("ASSET", "ETH", -0.63e9));
        l.add(f("ASSET", "XRP", -18.2e6));
        l.add(f("ASSET", "SOL", 17.1e6));
        l.add(f("ASSET", "BNB", 4.6e6));
        l.add(f("ASSET", "LINK", 3.8e6));
        l.add(f("ASSET", "SHORT_BTC", 0.5e6));
        l.add(f("REGION", "US", -1.8e9));
        l.add(f("REGION", "SE", -11.1e6));
        l.add(f("REGION", "NL", -4.4e6));
        l.add(f("REGION", "CH", 32.5e6));
        l.add(f("REGION", "DE", 19.1e6));
        l.add(f("REGION", "CA", 33.5e6));
        return l;
    }

    @Test
    void derivesTheSeedWeeksFlowsWithoutEverAddingBreakdowns() {
        WindowSnapshot s =
                WindowSnapshot.of(
                        SEED, seedFlows(), Map.of(), Map.of(), Map.of(), null, CONFIG.groups());
        assertThat(s.cryptoTotal()).isEqualTo(-1.73e9);
        assertThat(s.totalBasis()).isEqualTo(WindowSnapshot.TotalBasis.REPORTED_TOTAL);
        assertThat(s.groupNet("mainstream")).isCloseTo(-1.72e9, within(1.0));
        assertThat(s.groupNet("high-beta")).isCloseTo(-1.1e6, within(1.0));
        assertThat(s.groupNet("safe-haven")).isNull();
        assertThat(s.assetNet("SOL")).isEqualTo(17.1e6);
        assertThat(s.regionNet("US")).isEqualTo(-1.8e9);
        assertThat(s.grossBasis()).isEqualTo(WindowSnapshot.GrossBasis.ASSET);
        assertThat(s.grossOutflows()).isCloseTo(1.7382e9, within(1.0));
        assertThat(s.grossInflows()).isCloseTo(26.0e6, within(1.0));
        assertThat(s.regionGrossOutflows()).isCloseTo(1.8155e9, within(1.0));
        assertThat(s.regionSum()).isCloseTo(-1.7304e9, within(1.0));
        assertThat(s.flowSources()).containsExactly("coinshares");
        assertThat(s.missingLegs()).containsExactly("METALS", "PRICES", "VOLUMES");
        assertThat(s.anyFlowRevised()).isFalse();
        assertThat(s.flowZScore("BTC")).as("no history").isNull();
    }

    @Test
    void withoutAssetRowsGrossComesFromRegionsAndTheTotalFromTheTotalRow() {
        WindowSnapshot s =
                WindowSnapshot.of(
                        SEED,
                        List.of(f("TOTAL", "ALL", -1.70e9), f("REGION", "US", -1.65e9)),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        null,
                        CONFIG.groups());
        assertThat(s.grossBasis()).isEqualTo(WindowSnapshot.GrossBasis.REGION);
        assertThat(s.grossOutflows()).isEqualTo(1.65e9);
        assertThat(s.hasAssetBreakdown()).isFalse();
        assertThat(s.missingLegs()).contains(WindowSnapshot.LEG_ASSET_BREAKDOWN);
        WindowSnapshot none =
                WindowSnapshot.of(
                        SEED,
                        List.of(f("REGION", "US", -1.65e9)),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        null,
                        CONFIG.groups());
        assertThat(none.cryptoTotal())
                .as("regions are not exhaustive, so no total from them")
                .isNull();
        assertThat(none.totalBasis()).isEqualTo(WindowSnapshot.TotalBasis.NONE);
    }

    @Test
    void appendToFeedsTheNextWindowsBaselinesZScoresAndVolumeRatios() {
        TrailingHistory h = TrailingHistory.forConfig(CONFIG.history());
        EventWindow w = SEED;
        for (int i = 0; i < 5; i++) {
            w = WindowCalendar.weekly().previous(w);
        }
        for (int i = 0; i < 5; i++) {
            VolumeAccumulator v = new VolumeAccumulator();
            v.add("x", 1000 + 100 * i, null);
            PriceAccumulator p = new PriceAccumulator();
            p.add("x", w.start() + 3_600_000L, 100, 100, 100, 100 + i);
            WindowSnapshot.of(
                            w,
                            List.of(f("ASSET", "BTC", -10e6 * i)),
                            Map.of("BTC-USD", p.toMetrics("BTC-USD", null)),
                            Map.of("BTC-USD", v.toMetrics("BTC-USD")),
                            Map.of(),
                            h,
                            CONFIG.groups())
                    .appendTo(h);
            w = WindowCalendar.weekly().next(w);
        }
        assertThat(h.values(Series.flowAsset("BTC"))).hasSize(5);
        assertThat(h.values(Series.flowGroup("mainstream"))).hasSize(5);
        assertThat(h.values(Series.CRYPTO_TOTAL))
                .as("sum of assets")
                .containsExactly(0.0, -10e6, -20e6, -30e6, -40e6);
        assertThat(WindowSnapshot.previousClose(h, Series.priceClose("BTC-USD"), SEED))
                .isEqualTo(104.0);
        VolumeAccumulator v = new VolumeAccumulator();
        v.add("x", 2400, null);
        WindowSnapshot s =
                WindowSnapshot.of(
                        SEED,
                        seedFlows(),
                        Map.of(),
                        Map.of("BTC-USD", v.toMetrics("BTC-USD")),
                        Map.of(),
                        h,
                        CONFIG.groups());
        assertThat(s.volumeRatio("BTC-USD")).isCloseTo(2.0, within(1e-12));
        assertThat(s.flowZScore("BTC")).isNotNull().isLessThan(-50);
        assertThat(s.historyDepth(Series.flowAsset("BTC"))).isEqualTo(5);
        double[][] pairs =
                s.alignedPairs(Series.CRYPTO_TOTAL, -1.73e9, Series.flowAsset("BTC"), -1.09e9);
        assertThat(pairs[0]).hasSize(6);
        assertThat(pairs[1][5]).isEqualTo(-1.09e9);
    }

    @Test
    void aRevisedFlowIsVisible() {
        FlowMetrics revised =
                new FlowMetrics("ASSET", "BTC", -1.1e9, Set.of("coinshares"), Set.of("r"), true);
        assertThat(
                        WindowSnapshot.of(
                                        SEED,
                                        List.of(revised),
                                        null,
                                        null,
                                        null,
                                        null,
                                        CONFIG.groups())
                                .anyFlowRevised())
                .isTrue();
    }
}
