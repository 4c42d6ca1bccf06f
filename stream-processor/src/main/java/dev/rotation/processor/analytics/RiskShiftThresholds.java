package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;

/**
 * Thresholds of RISK_OFF_SHIFT and RISK_ON_SHIFT (docs/signals.md).
 *
 * @param minCryptoFlowUsd the crypto total's net flow must reach this in size, USD ({@code
 *     rule.risk-shift.min-crypto-flow-usd})
 * @param minMetalReturn the metal's window return must reach this in size, a fraction ({@code
 *     rule.risk-shift.min-metal-return})
 * @param minVolumeRatio metal volume over its trailing mean for the volume leg to agree ({@code
 *     rule.risk-shift.min-volume-ratio})
 */
public record RiskShiftThresholds(
        double minCryptoFlowUsd, double minMetalReturn, double minVolumeRatio) {

    public static final Setting<Double> MIN_CRYPTO_FLOW_USD =
            Setting.decimal("rule.risk-shift.min-crypto-flow-usd");
    public static final Setting<Double> MIN_METAL_RETURN =
            Setting.decimal("rule.risk-shift.min-metal-return");
    public static final Setting<Double> MIN_VOLUME_RATIO =
            Setting.decimal("rule.risk-shift.min-volume-ratio");

    public RiskShiftThresholds {
        MIN_CRYPTO_FLOW_USD.requireNonNegative(minCryptoFlowUsd);
        MIN_METAL_RETURN.requireNonNegative(minMetalReturn);
        MIN_VOLUME_RATIO.requireNonNegative(minVolumeRatio);
    }

    /**
     * The thresholds a signal that already stands must keep meeting (hysteresis): each lowered by
     * {@code margin}, a fraction.
     */
    public RiskShiftThresholds relaxedBy(double margin) {
        return new RiskShiftThresholds(
                minCryptoFlowUsd * (1 - margin),
                minMetalReturn * (1 - margin),
                minVolumeRatio * (1 - margin));
    }

    static RiskShiftThresholds from(ConfigValues values) {
        return new RiskShiftThresholds(
                values.get(MIN_CRYPTO_FLOW_USD),
                values.get(MIN_METAL_RETURN),
                values.get(MIN_VOLUME_RATIO));
    }
}
