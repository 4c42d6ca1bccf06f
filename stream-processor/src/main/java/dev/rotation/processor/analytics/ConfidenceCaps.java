package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;

/**
 * Ceilings on the confidence score (docs/confidence.md).
 *
 * @param singleSource cap when the evidence rests on one source ({@code
 *     confidence.single-source-cap}, 0..1)
 * @param insufficientHistory cap for an inferential signal with fewer than {@code
 *     history.min-windows} trailing windows ({@code confidence.insufficient-history-cap}, 0..1)
 */
public record ConfidenceCaps(double singleSource, double insufficientHistory) {

    public static final Setting<Double> SINGLE_SOURCE =
            Setting.decimal("confidence.single-source-cap");
    public static final Setting<Double> INSUFFICIENT_HISTORY =
            Setting.decimal("confidence.insufficient-history-cap");

    public ConfidenceCaps {
        SINGLE_SOURCE.requireFraction(singleSource);
        INSUFFICIENT_HISTORY.requireFraction(insufficientHistory);
    }

    static ConfidenceCaps from(ConfigValues values) {
        return new ConfidenceCaps(values.get(SINGLE_SOURCE), values.get(INSUFFICIENT_HISTORY));
    }
}
