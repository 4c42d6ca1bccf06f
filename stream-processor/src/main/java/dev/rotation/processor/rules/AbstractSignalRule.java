package dev.rotation.processor.rules;

import dev.rotation.model.Caveat;
import dev.rotation.model.Correlation;
import dev.rotation.model.Evidence;
import dev.rotation.model.Magnitude;
import dev.rotation.processor.analytics.StrengthScale;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.Caveats;
import dev.rotation.processor.confidence.Confidence;
import dev.rotation.processor.confidence.ConfidenceInputs;
import dev.rotation.processor.confidence.ConfidenceModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every rule shares: the confidence model and small builders. Each rule holds its own
 * thresholds.
 */
public abstract class AbstractSignalRule implements SignalRule {

    protected final ConfidenceModel model;

    protected AbstractSignalRule(ConfidenceModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    protected Detection detection(
            List<String> subjects,
            Magnitude magnitude,
            List<Evidence> evidence,
            List<Caveat> ruleCaveats,
            Correlation correlation,
            ConfidenceInputs inputs,
            String explanation) {
        Confidence confidence = model.assess(inputs);
        return new Detection(
                type(),
                subjects,
                magnitude,
                evidence,
                Caveats.merge(confidence.caveats(), ruleCaveats),
                correlation,
                confidence,
                explanation);
    }

    /**
     * Evidence of a value against the trailing history of a series (baseline and z-score when there
     * is history).
     */
    protected static Evidence evidence(
            WindowSnapshot s,
            String metric,
            String subject,
            double value,
            String series,
            Double threshold,
            Collection<String> sources) {
        Double baseline = null;
        Double z = null;
        if (series != null) {
            TrailingHistory.Baseline b = s.baseline(series);
            baseline = b.meanOrNull();
            z = s.zScore(series, value);
        }
        return new Evidence(metric, subject, value, baseline, z, threshold, sourceLabel(sources));
    }

    protected static Evidence plain(
            String metric,
            String subject,
            double value,
            Double threshold,
            Collection<String> sources) {
        return new Evidence(metric, subject, value, null, null, threshold, sourceLabel(sources));
    }

    protected static String sourceLabel(Collection<String> sources) {
        return sources == null || sources.isEmpty()
                ? null
                : String.join(",", new TreeSet<>(sources));
    }

    /**
     * The fewest distinct sources behind any leg used: a chain is only as independent as its
     * thinnest leg.
     */
    @SafeVarargs
    protected static int weakestSourceCount(Set<String>... legs) {
        int min = Integer.MAX_VALUE;
        for (Set<String> l : legs) {
            if (l != null) {
                min = Math.min(min, l.size());
            }
        }
        return min == Integer.MAX_VALUE ? 0 : min;
    }

    /**
     * The caveats every flow-based rule shares: a revised figure, a report counted before all its
     * rows arrived.
     */
    protected static List<Caveat> flowCaveats(WindowSnapshot s) {
        List<Caveat> c = new ArrayList<>();
        if (s.anyFlowRevised()) {
            c.add(Caveats.lateDataRevision());
        }
        if (!s.incompleteReports().isEmpty()) {
            c.add(Caveats.reportIncomplete(s.incompleteReports()));
        }
        return c;
    }

    /** Threshold strength combined with the z strength, on the given scale, when there is one. */
    protected static double strength(StrengthScale scale, double thresholdStrength, Double z) {
        return ConfidenceInputs.combine(
                thresholdStrength, ConfidenceInputs.zStrength(z, scale.fullZ()));
    }
}
