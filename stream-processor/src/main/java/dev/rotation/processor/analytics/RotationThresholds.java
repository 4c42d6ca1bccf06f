package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;

/**
 * Thresholds of ROTATION_TO_HIGH_BETA and ROTATION_TO_MAINSTREAM (docs/signals.md).
 *
 * @param minLeavingUsd the leaving group's net outflow must reach this, USD ({@code
 *     rule.rotation.min-leaving-usd})
 * @param minReceivingUsd the receiving group's inflowing assets must together reach this, USD
 *     ({@code rule.rotation.min-receiving-usd})
 * @param microBelow receiving/leaving ratio below which the scale is MICRO ({@code
 *     rule.magnitude.micro-below}, 0..1)
 * @param majorAbove ratio above which the scale is MAJOR ({@code rule.magnitude.major-above}, above
 *     {@code microBelow})
 */
public record RotationThresholds(
        double minLeavingUsd, double minReceivingUsd, double microBelow, double majorAbove) {

    public static final Setting<Double> MIN_LEAVING_USD =
            Setting.decimal("rule.rotation.min-leaving-usd");
    public static final Setting<Double> MIN_RECEIVING_USD =
            Setting.decimal("rule.rotation.min-receiving-usd");
    public static final Setting<Double> MICRO_BELOW = Setting.decimal("rule.magnitude.micro-below");
    public static final Setting<Double> MAJOR_ABOVE = Setting.decimal("rule.magnitude.major-above");

    public RotationThresholds {
        MIN_LEAVING_USD.requireNonNegative(minLeavingUsd);
        MIN_RECEIVING_USD.requireNonNegative(minReceivingUsd);
        MICRO_BELOW.requireFraction(microBelow);
        MAJOR_ABOVE.requirePositive(majorAbove);
        if (microBelow >= majorAbove) {
            throw MAJOR_ABOVE.invalid(
                    majorAbove,
                    "must be greater than " + MICRO_BELOW.key() + " (" + microBelow + ")");
        }
    }

    /**
     * The thresholds a signal that already stands must keep meeting (hysteresis): the leaving and
     * receiving minimums lowered by {@code margin}, a fraction. The scale boundaries only describe
     * a rotation and stay as they are.
     */
    public RotationThresholds relaxedBy(double margin) {
        return new RotationThresholds(
                minLeavingUsd * (1 - margin),
                minReceivingUsd * (1 - margin),
                microBelow,
                majorAbove);
    }

    static RotationThresholds from(ConfigValues values) {
        return new RotationThresholds(
                values.get(MIN_LEAVING_USD),
                values.get(MIN_RECEIVING_USD),
                values.get(MICRO_BELOW),
                values.get(MAJOR_ABOVE));
    }
}
