package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;

/**
 * Where the confidence levels begin: LOW below {@code medium}, MEDIUM below {@code high}, else
 * HIGH.
 *
 * @param medium lowest MEDIUM score ({@code confidence.level.medium}, 0..1)
 * @param high lowest HIGH score ({@code confidence.level.high}, 0..1, above {@code medium})
 */
public record ConfidenceBands(double medium, double high) {

    public static final Setting<Double> MEDIUM = Setting.decimal("confidence.level.medium");
    public static final Setting<Double> HIGH = Setting.decimal("confidence.level.high");

    public ConfidenceBands {
        MEDIUM.requireFraction(medium);
        HIGH.requireFraction(high);
        if (medium >= high) {
            throw HIGH.invalid(high, "must be greater than " + MEDIUM.key() + " (" + medium + ")");
        }
    }

    static ConfidenceBands from(ConfigValues values) {
        return new ConfidenceBands(values.get(MEDIUM), values.get(HIGH));
    }
}
