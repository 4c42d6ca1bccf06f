package dev.rotation.processor.confidence;

import dev.rotation.model.BindingCap;
import dev.rotation.model.ConfidenceComponents;
import dev.rotation.model.ScoreAdjustment;
import dev.rotation.model.TermWeights;
import dev.rotation.processor.analytics.ConfidenceWeights;
import java.util.List;

/**
 * Builds the {@link ConfidenceComponents} a signal carries: the terms of the confidence score as
 * {@link ConfidenceModel} used them, its weights, the cap that bound it and a rule's adjustment
 * (docs/confidence.md, "The components on the signal").
 */
public final class Components {

    private Components() {}

    /**
     * The components of one assessment.
     *
     * @param history the history term in [0, 1] (1 for an observation)
     * @param correlationTerm support(r) times narrowness in [0, 1], or null without a correlation
     * @param base the weighted mean of the four base terms
     * @param uncapped the score before the caps
     * @param capsApplied every cap that applied, in the order the model applied them
     */
    static ConfidenceComponents of(
            ConfidenceInputs in,
            double history,
            Double correlationTerm,
            ConfidenceWeights w,
            double base,
            double uncapped,
            List<BindingCap> capsApplied) {
        return ConfidenceComponents.newBuilder()
                .setStrength(in.strength())
                .setBreadth(in.breadth())
                .setHistory(history)
                .setHistoryWindows(in.historyWindows())
                .setCompleteness(in.completeness() * in.sourceCoverage())
                .setCorrelationTerm(correlationTerm)
                .setDistinctSources(in.distinctSources())
                .setWeights(
                        new TermWeights(
                                w.strength(),
                                w.breadth(),
                                w.history(),
                                w.completeness(),
                                w.correlation()))
                .setBase(base)
                .setUncapped(uncapped)
                .setCap(binding(uncapped, capsApplied))
                .setAdjustment(null)
                .build();
    }

    /**
     * The cap that bound a score: the lowest of those that applied (the first of equals), when it
     * is below the uncapped score; else null.
     */
    static BindingCap binding(double uncapped, List<BindingCap> capsApplied) {
        BindingCap lowest = null;
        for (BindingCap c : capsApplied) {
            if (lowest == null || c.getValue() < lowest.getValue()) {
                lowest = c;
            }
        }
        return lowest != null && lowest.getValue() < uncapped ? lowest : null;
    }

    /**
     * The components with a rule's factor on the capped score (e.g. BREAKDOWNS_INCONSISTENT, 0.5);
     * null stays null.
     */
    public static ConfidenceComponents adjusted(
            ConfidenceComponents components, String code, double factor) {
        if (components == null) {
            return null;
        }
        // field by field: a builder copied from a record deep-copies it through Avro's class
        // loading, which refuses model classes until a serde has trusted them
        return new ConfidenceComponents(
                components.getStrength(),
                components.getBreadth(),
                components.getHistory(),
                components.getHistoryWindows(),
                components.getCompleteness(),
                components.getCorrelationTerm(),
                components.getDistinctSources(),
                components.getWeights(),
                components.getBase(),
                components.getUncapped(),
                components.getCap(),
                new ScoreAdjustment(code, factor));
    }
}
