package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;

/**
 * The relative rotation graph (RS-Ratio and RS-Momentum, an open approximation of the JdK measures;
 * docs/signals.md, "QUADRANT_TRANSITION").
 *
 * @param benchmark the asset every other asset is measured against ({@code rrg.benchmark}, a known
 *     asset; BTC by default). Metals are measured against USD (their USD spot is the ratio).
 * @param ratioWindows n: the trailing windows of the price ratio's moving average and deviation
 *     behind RS-Ratio ({@code rrg.ratio-windows}, at least 2)
 * @param momentumWindows m: the trailing windows of RS-Ratio's rate of change behind RS-Momentum
 *     ({@code rrg.momentum-windows}, at least 2). A point needs n + m windows with a close of both
 *     the asset and the benchmark, a quadrant transition one more; n + m must fit in {@code
 *     history.windows}.
 */
public record RelativeRotationSettings(String benchmark, int ratioWindows, int momentumWindows) {

    public static final Setting<String> BENCHMARK = Setting.text("rrg.benchmark");
    public static final Setting<Integer> RATIO_WINDOWS = Setting.integer("rrg.ratio-windows");
    public static final Setting<Integer> MOMENTUM_WINDOWS = Setting.integer("rrg.momentum-windows");

    /** The benchmark of metals: their spot is quoted in USD, so the ratio is the spot itself. */
    public static final String USD = "USD";

    public RelativeRotationSettings {
        RATIO_WINDOWS.requireAtLeast(ratioWindows, 2);
        MOMENTUM_WINDOWS.requireAtLeast(momentumWindows, 2);
    }

    /** The calculator these settings describe. */
    public RelativeRotation calculator() {
        return new RelativeRotation(ratioWindows, momentumWindows);
    }

    static RelativeRotationSettings from(ConfigValues values) {
        return new RelativeRotationSettings(
                values.get(BENCHMARK), values.get(RATIO_WINDOWS), values.get(MOMENTUM_WINDOWS));
    }
}
