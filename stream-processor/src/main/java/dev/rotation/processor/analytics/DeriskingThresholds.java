package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;

/**
 * Thresholds of DERISKING (docs/signals.md).
 *
 * @param minOutflowUsd the asset's net outflow must reach this, USD ({@code
 *     rule.derisking.min-outflow-usd})
 * @param minPullback the instrument's window return must be at most minus this, a fraction ({@code
 *     rule.derisking.min-pullback})
 * @param minVolumeRatio window volume over its trailing mean must reach this when known ({@code
 *     rule.derisking.min-volume-ratio})
 * @param requireVolume whether a missing volume leg stops the signal ({@code
 *     rule.derisking.require-volume})
 */
public record DeriskingThresholds(
        double minOutflowUsd, double minPullback, double minVolumeRatio, boolean requireVolume) {

    public static final Setting<Double> MIN_OUTFLOW_USD =
            Setting.decimal("rule.derisking.min-outflow-usd");
    public static final Setting<Double> MIN_PULLBACK =
            Setting.decimal("rule.derisking.min-pullback");
    public static final Setting<Double> MIN_VOLUME_RATIO =
            Setting.decimal("rule.derisking.min-volume-ratio");
    public static final Setting<Boolean> REQUIRE_VOLUME =
            Setting.bool("rule.derisking.require-volume");

    public DeriskingThresholds {
        MIN_OUTFLOW_USD.requireNonNegative(minOutflowUsd);
        MIN_PULLBACK.requireNonNegative(minPullback);
        MIN_VOLUME_RATIO.requireNonNegative(minVolumeRatio);
    }

    /**
     * The thresholds a signal that already stands must keep meeting (hysteresis): each minimum
     * lowered by {@code margin}, a fraction.
     */
    public DeriskingThresholds relaxedBy(double margin) {
        return new DeriskingThresholds(
                minOutflowUsd * (1 - margin),
                minPullback * (1 - margin),
                minVolumeRatio * (1 - margin),
                requireVolume);
    }

    static DeriskingThresholds from(ConfigValues values) {
        return new DeriskingThresholds(
                values.get(MIN_OUTFLOW_USD),
                values.get(MIN_PULLBACK),
                values.get(MIN_VOLUME_RATIO),
                values.get(REQUIRE_VOLUME));
    }
}
