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
 * @param confirmed cap when two or more independent real sources agree on the signal's flow leg
 *     ({@code confidence.confirmed-cap}, 0..1, at least the single-source cap)
 * @param sourcesDisagreeFactor what a reading whose sources contradict each other in direction
 *     keeps of its single-source score ({@code confidence.sources-disagree-factor}, 0..1, below 1
 *     so that it scores lower than one source alone)
 */
public record ConfidenceCaps(
        double singleSource,
        double insufficientHistory,
        double confirmed,
        double sourcesDisagreeFactor) {

    public static final Setting<Double> SINGLE_SOURCE =
            Setting.decimal("confidence.single-source-cap");
    public static final Setting<Double> INSUFFICIENT_HISTORY =
            Setting.decimal("confidence.insufficient-history-cap");
    public static final Setting<Double> CONFIRMED = Setting.decimal("confidence.confirmed-cap");
    public static final Setting<Double> SOURCES_DISAGREE_FACTOR =
            Setting.decimal("confidence.sources-disagree-factor");

    public ConfidenceCaps {
        SINGLE_SOURCE.requireFraction(singleSource);
        INSUFFICIENT_HISTORY.requireFraction(insufficientHistory);
        CONFIRMED.requireFraction(confirmed);
        if (confirmed < singleSource) {
            throw CONFIRMED.invalid(
                    confirmed,
                    "must be at least "
                            + SINGLE_SOURCE.key()
                            + " ("
                            + singleSource
                            + "): agreeing sources never lower the cap");
        }
        SOURCES_DISAGREE_FACTOR.requireFraction(sourcesDisagreeFactor);
        if (sourcesDisagreeFactor >= 1) {
            throw SOURCES_DISAGREE_FACTOR.invalid(
                    sourcesDisagreeFactor,
                    "must be below 1: sources that contradict each other score lower than one");
        }
    }

    static ConfidenceCaps from(ConfigValues values) {
        return new ConfidenceCaps(
                values.get(SINGLE_SOURCE),
                values.get(INSUFFICIENT_HISTORY),
                values.get(CONFIRMED),
                values.get(SOURCES_DISAGREE_FACTOR));
    }
}
