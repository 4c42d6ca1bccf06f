package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;

/**
 * The lead-lag (Granger-style) tests that may raise a signal's causality to TEMPORAL_PRECEDENCE
 * (docs/signals.md, "Lead-lag: TEMPORAL_PRECEDENCE").
 *
 * @param maxLag the largest lag order tried, in windows ({@code leadlag.max-lag}, at least 1)
 * @param minObservations trailing FINAL windows where both series have a value needed before a pair
 *     is tested; fewer gives INSUFFICIENT_HISTORY ({@code leadlag.min-observations}, at least
 *     {@code 3 x max-lag + 2})
 * @param falseDiscoveryRate a pair passes when its Benjamini–Hochberg q-value, across the pairs
 *     tested for the window, is at most this ({@code leadlag.fdr}, in (0, 1))
 */
public record LeadLagSettings(int maxLag, int minObservations, double falseDiscoveryRate) {

    public static final Setting<Integer> MAX_LAG = Setting.integer("leadlag.max-lag");
    public static final Setting<Integer> MIN_OBSERVATIONS =
            Setting.integer("leadlag.min-observations");
    public static final Setting<Double> FDR = Setting.decimal("leadlag.fdr");

    public LeadLagSettings {
        MAX_LAG.requireAtLeast(maxLag, 1);
        if (minObservations < 3 * maxLag + 2) {
            throw MIN_OBSERVATIONS.invalid(
                    minObservations,
                    "must be at least 3 x leadlag.max-lag + 2 ("
                            + (3 * maxLag + 2)
                            + ") so every lag order can be tested");
        }
        if (!(falseDiscoveryRate > 0 && falseDiscoveryRate < 1)) {
            throw FDR.invalid(falseDiscoveryRate, "must be above 0 and below 1");
        }
    }

    static LeadLagSettings from(ConfigValues values) {
        return new LeadLagSettings(
                values.get(MAX_LAG), values.get(MIN_OBSERVATIONS), values.get(FDR));
    }
}
