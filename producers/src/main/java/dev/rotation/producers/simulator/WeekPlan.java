package dev.rotation.producers.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * What the simulator decided for one week before generating its bars: the regime, the planted
 * scenario (or none), the weekly flows, and per instrument the start and end price (the bars are
 * bridged to end exactly there), the volatility and the volume multiplier (the week's bars sum to
 * exactly base volume x multiplier).
 *
 * @param index 0-based week number
 * @param start Monday 00:00Z
 * @param regime the market regime
 * @param scenario the planted scenario, or null for a quiet week
 * @param cascadeLeadIn true for the outflow week planted before a CASCADE_RISK week
 * @param assetFlows net flow per asset (BTC, ETH, SOL, XRP), USD
 * @param regionFlows net flow per region (US, DE, CH, CA), USD; sums to the total
 * @param totalFlow the TOTAL row; equals the sum of the asset rows
 * @param startPrice price per instrument (and metal code) at the week's start
 * @param endPrice price per instrument (and metal code) at the week's end
 * @param weeklyVolatility standard deviation of the week's log return per instrument (and metal)
 * @param volumeMultiplier the week's volume relative to the base volume, per instrument (and metal)
 * @param metalProductFlows net flow into exchange-traded metal products over the week, per metal,
 *     USD
 * @param btcAboveLevelAtStart whether BTC started the week above the configured level
 * @param nearMiss the scenario planted just below its threshold this week (a {@link Variation} near
 *     miss), or null
 * @param missingVolumes instruments whose volume bars are not published this week (a missing leg)
 * @param barNoise factor on the bars' intraweek volatility (1 unless a {@link Variation} makes the
 *     regime noisier); the week's planned close is reached either way
 */
public record WeekPlan(
        int index,
        Instant start,
        Regime regime,
        Scenario scenario,
        boolean cascadeLeadIn,
        Map<String, Double> assetFlows,
        Map<String, Double> regionFlows,
        double totalFlow,
        Map<String, Double> startPrice,
        Map<String, Double> endPrice,
        Map<String, Double> weeklyVolatility,
        Map<String, Double> volumeMultiplier,
        Map<String, Double> metalProductFlows,
        boolean btcAboveLevelAtStart,
        Scenario nearMiss,
        java.util.Set<String> missingVolumes,
        double barNoise) {

    public double weeklyReturn(String instrument) {
        return endPrice.get(instrument) / startPrice.get(instrument) - 1;
    }

    public Instant end() {
        return start.plus(java.time.Duration.ofDays(7));
    }
}
