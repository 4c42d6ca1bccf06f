package dev.rotation.processor.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Marking a reported position with hand-computed figures. */
class MarkToMarketTest {

    static final WindowCalendar WEEKS = WindowCalendar.weekly();
    static final EventWindow SEED_WEEK = WEEKS.windowFor(ms("2026-01-21T12:00:00Z"));
    static final AnalyticsConfig CONFIG = AnalyticsConfig.defaults();
    static final MarkToMarket MARKS = new MarkToMarket(CONFIG.assets(), 4);

    static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    static PriceMetrics price(String instrument, double windowReturn, double close) {
        return new PriceMetrics(
                instrument,
                windowReturn,
                0,
                null,
                1,
                close,
                close,
                close,
                close,
                close,
                null,
                SEED_WEEK.start(),
                SEED_WEEK.end() - 1,
                Set.of("test-prices"),
                List.of(close));
    }

    static ExposureMetrics bankMstr(long asOf) {
        return new ExposureMetrics(
                "Japanese trust bank",
                "BANK",
                "MSTR",
                true,
                "BTC",
                null,
                96.6e6,
                null,
                null,
                asOf,
                "news",
                null);
    }

    static WindowSnapshot snapshot(
            Map<String, PriceMetrics> prices,
            Map<String, ExposureMetrics> exposures,
            TrailingHistory h) {
        return WindowSnapshot.of(
                SEED_WEEK,
                List.of(),
                prices,
                Map.of(),
                Map.of(),
                exposures,
                h,
                CONFIG.groups(),
                List.of());
    }

    /** Four earlier weeks in which MSTR moved exactly twice as much as BTC. */
    static TrailingHistory twiceBtc() {
        TrailingHistory h = new TrailingHistory(12);
        double[] btc = {0.01, -0.02, 0.03, -0.01};
        for (int i = 0; i < btc.length; i++) {
            long start = SEED_WEEK.start() - (btc.length - i) * SEED_WEEK.sizeMs();
            EventWindow w = new EventWindow(start, start + SEED_WEEK.sizeMs());
            h.append(Series.priceReturn("BTC-USD"), w, btc[i]);
            h.append(Series.priceReturn("MSTR"), w, 2 * btc[i]);
            h.append(Series.priceClose("MSTR"), w, 400);
        }
        return h;
    }

    @Test
    void anEquityProxyHeldInUsdIsIndirectExposureScaledByItsBeta() {
        ExposureMetrics bank = bankMstr(ms("2026-01-22T00:00:00Z"));
        WindowSnapshot s =
                snapshot(
                        Map.of(
                                "BTC-USD", price("BTC-USD", -0.05, 88_290),
                                "MSTR", price("MSTR", -0.10, 360)),
                        Map.of(bank.key(), bank),
                        twiceBtc());
        MarkToMarket.Marked m = MARKS.mark(bank, s);
        // reported in this window: its USD value stands as reported
        assertThat(m.marketValueUsd()).isEqualTo(96.6e6);
        // 5 pairs (4 earlier weeks + this one), every one with MSTR = 2 x BTC: slope 2
        assertThat(m.betaWindows()).isEqualTo(5);
        assertThat(m.beta()).isCloseTo(2.0, within(1e-12));
        assertThat(m.underlyingExposureUsd()).isCloseTo(193.2e6, within(1e-3));
        assertThat(m.unrealisedReturn()).as("no entry price").isNull();
        assertThat(m.priceInWindow()).isTrue();
    }

    @Test
    void aUsdPositionFromAnEarlierWeekMovesWithThePriceSinceThen() {
        // reported on 14 Jan, in a week whose MSTR close was 400; MSTR is at 360 now
        ExposureMetrics bank = bankMstr(ms("2026-01-15T00:00:00Z"));
        TrailingHistory h = twiceBtc();
        h.recordPosition(bank);
        WindowSnapshot s = snapshot(Map.of("MSTR", price("MSTR", -0.10, 360)), Map.of(), h);
        assertThat(s.positions()).containsOnlyKeys("Japanese trust bank|MSTR");
        MarkToMarket.Marked m = MARKS.mark(bank, s);
        assertThat(m.marketValueUsd()).isCloseTo(96.6e6 * 360 / 400, within(1e-3));
        assertThat(m.beta())
                .as("no BTC price this week: the 4 earlier pairs")
                .isCloseTo(2.0, within(1e-12));
        assertThat(m.betaWindows()).isEqualTo(4);
    }

    @Test
    void withoutEnoughSharedHistoryTheBetaAndTheUnderlyingExposureAreUnknown() {
        ExposureMetrics bank = bankMstr(ms("2026-01-22T00:00:00Z"));
        WindowSnapshot s =
                snapshot(
                        Map.of("MSTR", price("MSTR", -0.10, 360)),
                        Map.of(bank.key(), bank),
                        new TrailingHistory(12));
        MarkToMarket.Marked m = MARKS.mark(bank, s);
        assertThat(m.beta()).isNull();
        assertThat(m.underlyingExposureUsd()).isNull();
        assertThat(m.marketValueUsd()).isEqualTo(96.6e6);
    }

    @Test
    void aLeveragedDirectPositionInUnitsIsMarkedAtTheLastClose() {
        ExposureMetrics fund =
                new ExposureMetrics(
                        "Sovereign fund",
                        "SOVEREIGN_FUND",
                        "ETH-USD",
                        false,
                        "ETH",
                        100_000.0,
                        null,
                        3_300.0,
                        2.0,
                        ms("2026-01-20T00:00:00Z"),
                        "illustrative",
                        null);
        TrailingHistory h = new TrailingHistory(12);
        EventWindow before =
                new EventWindow(SEED_WEEK.start() - SEED_WEEK.sizeMs(), SEED_WEEK.start());
        h.append(Series.priceClose("ETH-USD"), before, 3_000);
        // no ETH price in this window yet: the previous week's close, flagged stale
        MarkToMarket.Marked m = MARKS.mark(fund, snapshot(Map.of(), Map.of(fund.key(), fund), h));
        assertThat(m.price()).isEqualTo(3_000);
        assertThat(m.priceInWindow()).isFalse();
        assertThat(m.marketValueUsd()).isCloseTo(300e6, within(1e-6));
        assertThat(m.unrealisedReturn()).isCloseTo(3000 / 3300.0 - 1, within(1e-12));
        assertThat(m.equityReturn()).isCloseTo(2 * (3000 / 3300.0 - 1), within(1e-12));
        assertThat(m.beta()).isEqualTo(1.0);
        assertThat(m.underlyingExposureUsd()).isCloseTo(300e6, within(1e-6));
    }
}
