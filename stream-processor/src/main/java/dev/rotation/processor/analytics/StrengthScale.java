package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;

/**
 * How a z-score becomes strength of evidence for the rules that compare against history: {@code |z|
 * / fullZ}, capped at 1 (docs/confidence.md).
 *
 * @param fullZ the |z| that counts as full strength ({@code rule.strength.full-z}, positive)
 */
public record StrengthScale(double fullZ) {

    public static final Setting<Double> FULL_Z = Setting.decimal("rule.strength.full-z");

    public StrengthScale {
        FULL_Z.requirePositive(fullZ);
    }

    static StrengthScale from(ConfigValues values) {
        return new StrengthScale(values.get(FULL_Z));
    }
}
