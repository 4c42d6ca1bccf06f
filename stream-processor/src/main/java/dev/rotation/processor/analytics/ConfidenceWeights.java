package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;

/**
 * Weights of the confidence score's terms (docs/confidence.md). The first four are relative to each
 * other (at least one positive); {@code correlation} is the share of the score a trailing
 * correlation takes when one is used.
 *
 * @param strength wS ({@code confidence.weight.strength}, not negative)
 * @param breadth wB ({@code confidence.weight.breadth}, not negative)
 * @param history wH ({@code confidence.weight.history}, not negative)
 * @param completeness wC ({@code confidence.weight.completeness}, not negative)
 * @param correlation wR ({@code confidence.weight.correlation}, 0..1)
 */
public record ConfidenceWeights(
        double strength, double breadth, double history, double completeness, double correlation) {

    public static final Setting<Double> STRENGTH = Setting.decimal("confidence.weight.strength");
    public static final Setting<Double> BREADTH = Setting.decimal("confidence.weight.breadth");
    public static final Setting<Double> HISTORY = Setting.decimal("confidence.weight.history");
    public static final Setting<Double> COMPLETENESS =
            Setting.decimal("confidence.weight.completeness");
    public static final Setting<Double> CORRELATION =
            Setting.decimal("confidence.weight.correlation");

    public ConfidenceWeights {
        STRENGTH.requireNonNegative(strength);
        BREADTH.requireNonNegative(breadth);
        HISTORY.requireNonNegative(history);
        COMPLETENESS.requireNonNegative(completeness);
        if (!(strength + breadth + history + completeness > 0)) {
            throw STRENGTH.invalid(
                    strength,
                    "the four weights "
                            + STRENGTH.key()
                            + ", "
                            + BREADTH.key()
                            + ", "
                            + HISTORY.key()
                            + " and "
                            + COMPLETENESS.key()
                            + " must not all be zero");
        }
        CORRELATION.requireFraction(correlation);
    }

    static ConfidenceWeights from(ConfigValues values) {
        return new ConfidenceWeights(
                values.get(STRENGTH),
                values.get(BREADTH),
                values.get(HISTORY),
                values.get(COMPLETENESS),
                values.get(CORRELATION));
    }

    /** wS + wB + wH + wC, the divisor of the base score. */
    public double baseSum() {
        return strength + breadth + history + completeness;
    }
}
