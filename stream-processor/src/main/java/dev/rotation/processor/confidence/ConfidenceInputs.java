package dev.rotation.processor.confidence;

import dev.rotation.model.Correlation;
import dev.rotation.processor.analytics.SourceAgreement;
import java.util.List;

/**
 * What a rule knows about the quality of its evidence.
 *
 * @param strength how far past the thresholds the evidence lies, 0..1 (see the helpers below)
 * @param breadth share of the available independent legs that agree, 0..1
 * @param distinctSources independent real sources that agree on the evidence (one caps the score at
 *     {@code confidence.single-source-cap}, two or more at {@code confidence.confirmed-cap}; see
 *     {@link SourceAgreement})
 * @param historyWindows trailing windows behind the baselines the rule used
 * @param completeness share of the legs the rule wants that are present, 0..1 (missing legs are
 *     named in caveats)
 * @param correlation trailing correlation used as evidence, or null
 * @param observation a plain observation (a level crossed, a share of a report): OBSERVATION, no
 *     baseline needed
 * @param expectedCorrelationSign the sign of the correlation that supports the signal: -1, +1, or 0
 *     when either sign does
 * @param sourcesDisagree true when an independent real source contradicts the flow leg's direction
 *     ({@code SOURCES_DISAGREE}): the score is then lower than one source alone would give
 * @param sourceCoverage mean share of the expected days the compared sources cover on the flow leg,
 *     0..1 (1 for weekly reports and when nothing is compared); it scales completeness
 */
public record ConfidenceInputs(
        double strength,
        double breadth,
        int distinctSources,
        int historyWindows,
        double completeness,
        Correlation correlation,
        boolean observation,
        int expectedCorrelationSign,
        boolean sourcesDisagree,
        double sourceCoverage) {

    public ConfidenceInputs {
        unit("sourceCoverage", sourceCoverage);
        unit("strength", strength);
        unit("breadth", breadth);
        unit("completeness", completeness);
        if (distinctSources < 0 || historyWindows < 0) {
            throw new IllegalArgumentException(
                    "distinctSources and historyWindows must not be negative");
        }
        if (expectedCorrelationSign < -1 || expectedCorrelationSign > 1) {
            throw new IllegalArgumentException("expectedCorrelationSign must be -1, 0 or 1");
        }
    }

    /** Inputs whose flow leg was not compared with another source. */
    public ConfidenceInputs(
            double strength,
            double breadth,
            int distinctSources,
            int historyWindows,
            double completeness,
            Correlation correlation,
            boolean observation,
            int expectedCorrelationSign) {
        this(
                strength,
                breadth,
                distinctSources,
                historyWindows,
                completeness,
                correlation,
                observation,
                expectedCorrelationSign,
                false,
                1.0);
    }

    /** These inputs with the outcome of comparing the flow leg's sources. */
    public ConfidenceInputs withSources(SourceAgreement.Leg leg) {
        return new ConfidenceInputs(
                strength,
                breadth,
                leg.agreeingSources(),
                historyWindows,
                completeness,
                correlation,
                observation,
                expectedCorrelationSign,
                leg.outcome() == SourceAgreement.Outcome.DISAGREE,
                leg.coverage());
    }

    /**
     * These inputs with the outcome of comparing every flow leg the signal rests on: confirmed by
     * the fewest agreeing sources of any leg only when every leg agrees (a leg that differs or has
     * one source leaves one source), contradicted when any leg is, coverage the mean of the legs'.
     * The inputs unchanged when {@code legs} is empty.
     */
    public ConfidenceInputs withSources(List<SourceAgreement.Leg> legs) {
        if (legs.isEmpty()) {
            return this;
        }
        boolean allAgree =
                legs.stream().allMatch(l -> l.outcome() == SourceAgreement.Outcome.AGREE);
        return new ConfidenceInputs(
                strength,
                breadth,
                allAgree
                        ? legs.stream()
                                .mapToInt(SourceAgreement.Leg::agreeingSources)
                                .min()
                                .orElse(1)
                        : 1,
                historyWindows,
                completeness,
                correlation,
                observation,
                expectedCorrelationSign,
                legs.stream().anyMatch(l -> l.outcome() == SourceAgreement.Outcome.DISAGREE),
                legs.stream().mapToDouble(SourceAgreement.Leg::coverage).average().orElse(1));
    }

    /** The contract's constructor: a correlation of either sign counts as support. */
    public ConfidenceInputs(
            double strength,
            double breadth,
            int distinctSources,
            int historyWindows,
            double completeness,
            Correlation correlation,
            boolean observation) {
        this(
                strength,
                breadth,
                distinctSources,
                historyWindows,
                completeness,
                correlation,
                observation,
                0);
    }

    private static void unit(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + v);
        }
    }

    /**
     * Strength from the distance past a threshold, on magnitudes: {@code 1 - |threshold| /
     * |value|}, so 0 at the threshold, 0.5 at twice it, 0.9 at ten times it; 0 below it. A zero
     * threshold gives 1 for any non-zero value.
     */
    public static double thresholdStrength(double value, double threshold) {
        double v = Math.abs(value);
        double t = Math.abs(threshold);
        if (!Double.isFinite(v)) {
            return 0;
        }
        if (t == 0) {
            return v > 0 ? 1 : 0;
        }
        return clamp(1 - t / v);
    }

    /** Strength from a z-score: {@code |z| / fullZ}, capped at 1; null when there is no z-score. */
    public static Double zStrength(Double z, double fullZ) {
        if (z == null || !Double.isFinite(z)) {
            return null;
        }
        return clamp(Math.abs(z) / fullZ);
    }

    /**
     * The mean of the threshold strength and the z strength, or the threshold strength alone
     * without history.
     */
    public static double combine(double thresholdStrength, Double zStrength) {
        return zStrength == null
                ? clamp(thresholdStrength)
                : clamp((thresholdStrength + zStrength) / 2);
    }

    /** Share of a share past its threshold: {@code (share - t) / (1 - t)}, clamped. */
    public static double shareStrength(double share, double threshold) {
        if (threshold >= 1) {
            return share >= 1 ? 1 : 0;
        }
        return clamp((share - threshold) / (1 - threshold));
    }

    public static double clamp(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        return Math.max(0, Math.min(1, v));
    }
}
