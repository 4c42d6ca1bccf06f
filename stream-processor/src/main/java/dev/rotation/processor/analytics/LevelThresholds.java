package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;

/**
 * Threshold of LEVEL_BREACH and LEVEL_RECLAIM (the levels themselves are {@link Levels}).
 *
 * @param fullStrengthDistance distance of the close past the level, as a fraction of the level, at
 *     which the evidence has full strength ({@code rule.level.full-strength-distance}, positive)
 */
public record LevelThresholds(double fullStrengthDistance) {

    public static final Setting<Double> FULL_STRENGTH_DISTANCE =
            Setting.decimal("rule.level.full-strength-distance");

    public LevelThresholds {
        FULL_STRENGTH_DISTANCE.requirePositive(fullStrengthDistance);
    }

    static LevelThresholds from(ConfigValues values) {
        return new LevelThresholds(values.get(FULL_STRENGTH_DISTANCE));
    }
}
