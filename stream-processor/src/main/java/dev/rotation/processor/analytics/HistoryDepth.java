package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;

/**
 * How much trailing history the analytics keep and trust, in FINAL windows.
 *
 * @param windows windows of each series kept for baselines, z-scores and correlations ({@code
 *     history.windows}, at least 2); also the depth for a full history term in the confidence score
 * @param minWindows windows below which an inferential signal's confidence is capped ({@code
 *     history.min-windows}, 1 to {@code windows})
 */
public record HistoryDepth(int windows, int minWindows) {

    public static final Setting<Integer> WINDOWS = Setting.integer("history.windows");
    public static final Setting<Integer> MIN_WINDOWS = Setting.integer("history.min-windows");

    public HistoryDepth {
        WINDOWS.requireAtLeast(windows, 2);
        if (minWindows < 1 || minWindows > windows) {
            throw MIN_WINDOWS.invalid(
                    minWindows, "must be between 1 and " + WINDOWS.key() + " (" + windows + ")");
        }
    }

    static HistoryDepth from(ConfigValues values) {
        return new HistoryDepth(values.get(WINDOWS), values.get(MIN_WINDOWS));
    }
}
