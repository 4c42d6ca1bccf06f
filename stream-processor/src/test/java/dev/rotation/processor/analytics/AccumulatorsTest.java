package dev.rotation.processor.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccumulatorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long H = 3_600_000L;
    private static final long MON = java.time.Instant.parse("2026-01-19T00:00:00Z").toEpochMilli();

    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        return JSON.readValue(JSON.writeValueAsString(value), type);
    }

    // ------------------------------------------------------------------ flows

    @Test
    void flowsAreNewDuplicateOrRevisedByIdentity() {
        FlowAccumulator acc = new FlowAccumulator();
        String id = FlowAccumulator.identity("coinshares", "r1", "ASSET", "BTC", 0, 10);
        assertThat(acc.add(id, "coinshares", "r1", "ASSET", "BTC", -1.09e9, 9))
                .isEqualTo(AddResult.NEW);
        assertThat(acc.add(id, "coinshares", "r1", "ASSET", "BTC", -1.09e9, 9))
                .isEqualTo(AddResult.DUPLICATE);
        assertThat(acc.toMetrics().revised()).isFalse();
        assertThat(acc.add(id, "coinshares", "r1", "ASSET", "BTC", -1.10e9, 9))
                .isEqualTo(AddResult.REVISED);
        FlowMetrics m = acc.toMetrics();
        assertThat(m.netFlowUsd()).isEqualTo(-1.10e9);
        assertThat(m.revised()).isTrue();
        assertThat(m.sources()).containsExactly("coinshares");
        assertThat(m.reportIds()).containsExactly("r1");
        assertThatThrownBy(() -> acc.add("x", "coinshares", "r1", "ASSET", "ETH", 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new FlowAccumulator().toMetrics()).isNull();
    }

    @Test
    void aFlowsMetricsCarryItsRowsAndCanLeaveAReportOut() {
        FlowAccumulator acc = new FlowAccumulator();
        String a = FlowAccumulator.identity("coinshares", "r1", "ASSET", "BTC", 0, 10);
        String b = FlowAccumulator.identity("farside", "f1", "ASSET", "BTC", 0, 10);
        acc.add(a, "coinshares", "r1", null, "ASSET", "BTC", -100e6, 9);
        acc.add(b, "farside", "f1", 5, "ASSET", "BTC", -300e6, 9);
        // the same figure re-published with its report's count is a change (the count), once
        assertThat(acc.add(a, "coinshares", "r1", 14, "ASSET", "BTC", -100e6, 9))
                .isEqualTo(AddResult.NEW);
        assertThat(acc.add(a, "coinshares", "r1", 14, "ASSET", "BTC", -100e6, 9))
                .isEqualTo(AddResult.DUPLICATE);

        FlowMetrics m = acc.toMetrics();
        // two sources: each keeps its own figure; the value is the primary scope's (coinshares)
        assertThat(m.netFlowUsd()).isEqualTo(-100e6);
        assertThat(m.bySource().get("farside").netFlowUsd()).isEqualTo(-300e6);
        assertThat(m.rows())
                .extracting(FlowRow::report, FlowRow::reportRows)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("coinshares/r1", 14),
                        org.assertj.core.groups.Tuple.tuple("farside/f1", 5));

        FlowMetrics withoutFarside =
                m.admitting(r -> r.source().equals("coinshares"), FlowSources.defaults());
        assertThat(withoutFarside.netFlowUsd()).isEqualTo(-100e6);
        assertThat(withoutFarside.sources()).containsExactly("coinshares");
        assertThat(m.admitting(r -> true, FlowSources.defaults())).isSameAs(m);
        assertThat(m.admitting(r -> false, FlowSources.defaults())).isNull();
        // metrics built without rows are taken as they are
        FlowMetrics noRows =
                new FlowMetrics(
                        "ASSET", "BTC", -1, java.util.Set.of("x"), java.util.Set.of(), false);
        assertThat(noRows.admitting(r -> false, FlowSources.defaults())).isSameAs(noRows);
    }

    @Test
    void periodsOfOneSourceAddUpSourcesStaySeparateAndAReissuedReportReplaces() {
        FlowAccumulator acc = new FlowAccumulator();
        acc.add(
                FlowAccumulator.identity("farside", null, "ASSET", "BTC", 0, 1),
                "farside",
                null,
                "ASSET",
                "BTC",
                -100e6,
                0);
        acc.add(
                FlowAccumulator.identity("farside", null, "ASSET", "BTC", 1, 2),
                "farside",
                null,
                "ASSET",
                "BTC",
                -200e6,
                1);
        acc.add(
                FlowAccumulator.identity("coinshares", "r1", "ASSET", "BTC", 0, 2),
                "coinshares",
                "r1",
                "ASSET",
                "BTC",
                -400e6,
                1);
        assertThat(acc.toMetrics().netFlowUsd())
                .as("coinshares, the primary scope")
                .isEqualTo(-400e6);
        assertThat(acc.toMetrics().bySource().get("farside").netFlowUsd())
                .as("farside's two periods add up")
                .isEqualTo(-300e6);
        acc.add(
                FlowAccumulator.identity("coinshares", "r2", "ASSET", "BTC", 0, 2),
                "coinshares",
                "r2",
                "ASSET",
                "BTC",
                -500e6,
                1);
        assertThat(acc.toMetrics().netFlowUsd())
                .as("r2 re-issues the same period")
                .isEqualTo(-500e6);
        assertThat(acc.toMetrics().sources()).containsExactlyInAnyOrder("coinshares", "farside");
    }

    @Test
    void flowAccumulatorsAreBoundedAndSayWhenFull() {
        FlowAccumulator acc = new FlowAccumulator();
        for (int i = 0; i < FlowAccumulator.MAX_ENTRIES; i++) {
            assertThat(acc.add("s|r|ASSET|BTC|" + i, "s", "r", "ASSET", "BTC", 1, i))
                    .isEqualTo(AddResult.NEW);
        }
        assertThat(acc.add("s|r|ASSET|BTC|x", "s", "r", "ASSET", "BTC", 1, 0))
                .isEqualTo(AddResult.REJECTED_FULL);
        assertThat(acc.entries).hasSize(FlowAccumulator.MAX_ENTRIES);
    }

    @Test
    void flowAccumulatorSurvivesJson() throws Exception {
        FlowAccumulator acc = new FlowAccumulator();
        String id = FlowAccumulator.identity("coinshares", "r1", "ASSET", "SOL", 0, 10);
        acc.add(id, "coinshares", "r1", "ASSET", "SOL", 17.1e6, 9);
        FlowAccumulator back = roundTrip(acc, FlowAccumulator.class);
        assertThat(back.toMetrics()).isEqualTo(acc.toMetrics());
        assertThat(back.add(id, "coinshares", "r1", "ASSET", "SOL", 17.1e6, 9))
                .isEqualTo(AddResult.DUPLICATE);
    }

    // ------------------------------------------------------------------ prices

    @Test
    void priceMetricsOfTheSeedWeekMatchHandComputedValues() {
        PriceAccumulator acc = new PriceAccumulator();
        double[] closes = {92939, 90862, 89334, 90007, 88926, 89473, 88290};
        double open = 95166;
        for (int i = closes.length - 1; i >= 0; i--) { // out of order on purpose
            double o = i == 0 ? open : closes[i - 1];
            acc.add(
                    "exchange:x",
                    MON + i * 24 * H + 9 * H,
                    o,
                    Math.max(o, closes[i]),
                    Math.min(o, closes[i]),
                    closes[i]);
        }
        PriceMetrics m = acc.toMetrics("BTC-USD", 95166.0);
        assertThat(m.windowReturn()).isCloseTo(88290 / 95166.0 - 1, within(1e-12));
        assertThat(m.drawdownFromHigh()).isCloseTo(88290 / 95166.0 - 1, within(1e-12)).isNegative();
        assertThat(m.realisedVolatility()).isCloseTo(0.0127330107, within(1e-9));
        assertThat(m.bucketCloses())
                .containsExactly(92939.0, 90862.0, 89334.0, 90007.0, 88926.0, 89473.0, 88290.0);
        assertThat(m.bars()).isEqualTo(7);
        assertThat(m.firstClose()).isEqualTo(92939.0);
        assertThat(m.lastClose()).isEqualTo(88290.0);
        assertThat(m.high()).isEqualTo(95166.0);
        assertThat(m.low()).isEqualTo(88290.0);
        assertThat(m.previousClose()).isEqualTo(95166.0);

        PriceMetrics noPrev = acc.toMetrics("BTC-USD", null);
        assertThat(noPrev.windowReturn())
                .isCloseTo(88290 / 95166.0 - 1, within(1e-12))
                .as("first open is 95166 here");
        assertThat(noPrev.previousClose()).isNull();
    }

    @Test
    void theLastCloseInABucketWinsAndOneBucketHasNoVolatility() {
        PriceAccumulator acc = new PriceAccumulator();
        acc.add("x", MON + 10 * 60_000, 100, 101, 99, 100.5);
        acc.add("x", MON + 50 * 60_000, 100.5, 103, 100, 102);
        acc.add("x", MON + 20 * 60_000, 100.5, 100.5, 98, 99);
        PriceMetrics m = acc.toMetrics("SOL-USD", null);
        assertThat(m.bucketCloses()).containsExactly(102.0);
        assertThat(m.lastClose()).isEqualTo(102.0);
        assertThat(m.windowReturn()).isCloseTo(0.02, within(1e-12));
        assertThat(m.drawdownFromHigh()).isCloseTo(102 / 103.0 - 1, within(1e-12));
        assertThat(m.realisedVolatility()).isNull();
        assertThat(new PriceAccumulator().toMetrics("X", null)).isNull();
        assertThatThrownBy(() -> acc.add("x", MON, -1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bucketsStayBoundedByCoarsening() throws Exception {
        PriceAccumulator acc = new PriceAccumulator(60_000L, 168);
        for (int i = 0; i < 7 * 24 * 60; i++) {
            acc.add("x", MON + i * 60_000L, 100, 100, 100, 100 + (i % 7));
        }
        assertThat(acc.buckets.size()).isLessThanOrEqualTo(168);
        assertThat(acc.bucketMs).isGreaterThan(60_000L);
        PriceMetrics m = acc.toMetrics("X", 100.0);
        assertThat(m.lastClose()).isEqualTo(100 + ((7 * 24 * 60 - 1) % 7));
        PriceAccumulator back = roundTrip(acc, PriceAccumulator.class);
        assertThat(back.toMetrics("X", 100.0)).isEqualTo(m);
    }

    @Test
    void anEmptyPriceAccumulatorSurvivesJson() throws Exception {
        PriceAccumulator back = roundTrip(new PriceAccumulator(), PriceAccumulator.class);
        back.add("x", MON, 10, 11, 9, 10.5);
        assertThat(back.toMetrics("X", null).high()).isEqualTo(11.0);
        assertThat(back.toMetrics("X", null).low()).isEqualTo(9.0);
    }

    // ------------------------------------------------------------------ volumes and metals

    @Test
    void volumesSumAndUsdIsOnlyReportedWhenComplete() throws Exception {
        VolumeAccumulator acc = new VolumeAccumulator();
        acc.add("kraken", 10, 1e6);
        acc.add("coinbase", 5, 0.5e6);
        assertThat(acc.toMetrics("BTC-USD"))
                .isEqualTo(
                        new VolumeMetrics(
                                "BTC-USD", 15, 1.5e6, 2, java.util.Set.of("coinbase", "kraken")));
        acc.add("kraken", 1, null);
        assertThat(acc.toMetrics("BTC-USD").totalUsd()).isNull();
        assertThat(roundTrip(acc, VolumeAccumulator.class).toMetrics("BTC-USD"))
                .isEqualTo(acc.toMetrics("BTC-USD"));
        assertThatThrownBy(() -> acc.add("k", -1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new VolumeAccumulator().toMetrics("X")).isNull();
    }

    @Test
    void metalsOfTheWeekAfterAndTheCrash() throws Exception {
        MetalAccumulator acc = new MetalAccumulator();
        acc.add("news", MON + 7 * 24 * H + 21 * H, 107.58, null, null, null, null);
        acc.add("news", MON + 10 * 24 * H + 21 * H, 121.65, null, null, null, null);
        MetalMetrics m = acc.toMetrics("XAG", 100.94);
        assertThat(m.windowReturn()).isCloseTo(121.65 / 100.94 - 1, within(1e-12));
        assertThat(m.volumeOz()).isNull();
        assertThat(m.productFlowUsd()).isNull();
        assertThat(m.high()).isEqualTo(121.65);
        acc.add("news", MON + 11 * 24 * H + 21 * H, 83.99, null, null, 2e6, -5e6);
        MetalMetrics crash = roundTrip(acc, MetalAccumulator.class).toMetrics("XAG", 100.94);
        assertThat(crash.windowReturn()).isCloseTo(83.99 / 100.94 - 1, within(1e-12)).isNegative();
        assertThat(crash.lastSpot()).isEqualTo(83.99);
        assertThat(crash.volumeOz()).isEqualTo(2e6);
        assertThat(crash.productFlowUsd()).isEqualTo(-5e6);
        assertThat(acc.toMetrics("XAG", null).windowReturn())
                .isCloseTo(83.99 / 107.58 - 1, within(1e-12));
        assertThat(crash.sources()).isEqualTo(java.util.Set.of("news"));
        assertThat(List.of(crash.points())).containsExactly(3);
    }
}
