package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;
import java.util.List;

/**
 * Thresholds of CASCADE_RISK (docs/signals.md).
 *
 * @param groups asset groups whose instruments are watched ({@code rule.cascade.groups}; each must
 *     be a configured group)
 * @param minOutflowWindows consecutive outflow windows needed, this one included ({@code
 *     rule.cascade.min-outflow-windows}, at least 1)
 * @param minOutflowUsd a window counts as an outflow window from this net outflow, USD ({@code
 *     rule.cascade.min-outflow-usd})
 * @param minBreakdown the window return must be at most minus this, a fraction ({@code
 *     rule.cascade.min-breakdown})
 * @param minVolRatio realised volatility over its trailing mean must exceed this ({@code
 *     rule.cascade.min-vol-ratio})
 */
public record CascadeThresholds(
        List<String> groups,
        int minOutflowWindows,
        double minOutflowUsd,
        double minBreakdown,
        double minVolRatio) {

    public static final Setting<List<String>> GROUPS = Setting.list("rule.cascade.groups");
    public static final Setting<Integer> MIN_OUTFLOW_WINDOWS =
            Setting.integer("rule.cascade.min-outflow-windows");
    public static final Setting<Double> MIN_OUTFLOW_USD =
            Setting.decimal("rule.cascade.min-outflow-usd");
    public static final Setting<Double> MIN_BREAKDOWN =
            Setting.decimal("rule.cascade.min-breakdown");
    public static final Setting<Double> MIN_VOL_RATIO =
            Setting.decimal("rule.cascade.min-vol-ratio");

    public CascadeThresholds {
        groups = List.copyOf(groups);
        MIN_OUTFLOW_WINDOWS.requireAtLeast(minOutflowWindows, 1);
        MIN_OUTFLOW_USD.requireNonNegative(minOutflowUsd);
        MIN_BREAKDOWN.requireNonNegative(minBreakdown);
        MIN_VOL_RATIO.requireNonNegative(minVolRatio);
    }

    /**
     * The thresholds a signal that already stands must keep meeting (hysteresis): the outflow,
     * breakdown and volatility thresholds lowered by {@code margin}, a fraction. The number of
     * consecutive outflow windows is a count and stays as it is.
     */
    public CascadeThresholds relaxedBy(double margin) {
        return new CascadeThresholds(
                groups,
                minOutflowWindows,
                minOutflowUsd * (1 - margin),
                minBreakdown * (1 - margin),
                minVolRatio * (1 - margin));
    }

    static CascadeThresholds from(ConfigValues values) {
        return new CascadeThresholds(
                values.get(GROUPS),
                values.get(MIN_OUTFLOW_WINDOWS),
                values.get(MIN_OUTFLOW_USD),
                values.get(MIN_BREAKDOWN),
                values.get(MIN_VOL_RATIO));
    }
}
