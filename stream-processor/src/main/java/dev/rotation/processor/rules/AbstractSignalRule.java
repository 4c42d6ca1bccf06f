package dev.rotation.processor.rules;

import dev.rotation.model.Caveat;
import dev.rotation.model.Correlation;
import dev.rotation.model.Evidence;
import dev.rotation.model.Magnitude;
import dev.rotation.processor.analytics.FlowSource;
import dev.rotation.processor.analytics.SourceAgreement;
import dev.rotation.processor.analytics.StrengthScale;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.Caveats;
import dev.rotation.processor.confidence.Components;
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

    /** What a reading resting on breakdowns that contradict their total keeps of its score. */
    public static final double INCONSISTENT_BREAKDOWNS_FACTOR = 0.5;

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
        Caveat inconsistent =
                ruleCaveats.stream()
                        .filter(c -> Caveats.BREAKDOWNS_INCONSISTENT.equals(c.getCode()))
                        .findFirst()
                        .orElse(null);
        if (inconsistent != null) {
            // a reading built on figures that contradict each other: halve it, and say which
            double score = confidence.score() * INCONSISTENT_BREAKDOWNS_FACTOR;
            confidence =
                    new Confidence(
                            score,
                            model.level(score),
                            confidence.causality(),
                            confidence.caveats(),
                            Components.adjusted(
                                    confidence.components(),
                                    inconsistent.getCode(),
                                    INCONSISTENT_BREAKDOWNS_FACTOR));
            explanation = withCaution(explanation, inconsistent.getText());
        }
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
     * The explanation with a caution appended as a clause, so it stays one sentence: "X; caution:
     * the report's breakdowns disagree ...".
     */
    static String withCaution(String explanation, String caution) {
        String head =
                explanation.endsWith(".")
                        ? explanation.substring(0, explanation.length() - 1)
                        : explanation;
        String clause =
                caution.endsWith(".") ? caution.substring(0, caution.length() - 1) : caution;
        return head
                + "; caution: "
                + Character.toLowerCase(clause.charAt(0))
                + clause.substring(1)
                + ".";
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
     * rows arrived, breakdowns that contradict the report's total (which also halves the reading's
     * confidence and adds the figures to its explanation, see {@link #detection}), rows left out
     * because finer rows of the same source overlap them.
     */
    protected static List<Caveat> flowCaveats(WindowSnapshot s) {
        List<Caveat> c = new ArrayList<>();
        if (s.anyFlowRevised()) {
            c.add(Caveats.lateDataRevision());
        }
        if (!s.incompleteReports().isEmpty()) {
            c.add(Caveats.reportIncomplete(s.incompleteReports()));
        }
        if (!s.breakdownDisagreements().isEmpty()) {
            c.add(Caveats.breakdownsInconsistent(s.breakdownDisagreements()));
        }
        if (!s.overlappingPeriods().isEmpty()) {
            c.add(Caveats.overlappingPeriods(s.overlappingPeriods()));
        }
        return c;
    }

    /** {@link #compareSources(WindowSnapshot, List, ConfidenceInputs, List, List)} of one leg. */
    protected static ConfidenceInputs compareSources(
            WindowSnapshot s,
            SourceAgreement.Leg leg,
            ConfidenceInputs inputs,
            List<Evidence> evidence,
            List<Caveat> caveats) {
        return compareSources(s, leg == null ? List.of() : List.of(leg), inputs, evidence, caveats);
    }

    /**
     * Compares what each source says of every flow leg the signal rests on ({@link
     * SourceAgreement}): adds, per leg, each other source's figure, its relative difference and its
     * trading-day coverage as evidence naming the source and the leg. The signal counts as
     * confirmed (SOURCES_CONFIRM_ACROSS_SCOPES) only when every leg agrees; a leg in the opposite
     * direction adds SOURCES_DISAGREE; otherwise each leg that differs adds SOURCES_DIFFER and the
     * model keeps SINGLE_SOURCE. Returns the inputs with the agreeing source count, the
     * disagreement and the coverage ({@link ConfidenceInputs#withSources(List)}). Null legs (no
     * figure in the rules' scope) are skipped; the inputs unchanged when none is left.
     */
    protected static ConfidenceInputs compareSources(
            WindowSnapshot s,
            List<SourceAgreement.Leg> legs,
            ConfidenceInputs inputs,
            List<Evidence> evidence,
            List<Caveat> caveats) {
        List<SourceAgreement.Leg> compared = legs.stream().filter(Objects::nonNull).toList();
        for (SourceAgreement.Leg leg : compared) {
            legEvidence(s, leg, evidence);
        }
        boolean allAgree =
                !compared.isEmpty()
                        && compared.stream()
                                .allMatch(l -> l.outcome() == SourceAgreement.Outcome.AGREE);
        boolean anyDisagree =
                compared.stream().anyMatch(l -> l.outcome() == SourceAgreement.Outcome.DISAGREE);
        List<Caveat> outcome = new ArrayList<>();
        for (SourceAgreement.Leg leg : compared) {
            switch (leg.outcome()) {
                case AGREE -> {
                    if (allAgree) {
                        outcome.add(Caveats.sourcesConfirmAcrossScopes(leg));
                    }
                }
                case DIFFER -> {
                    if (!anyDisagree) {
                        outcome.add(Caveats.sourcesDiffer(leg));
                    }
                }
                case DISAGREE -> outcome.add(Caveats.sourcesDisagree(leg));
                case SINGLE -> {
                    /* the model says SINGLE_SOURCE */
                }
            }
        }
        caveats.addAll(joinedByCode(outcome));
        return inputs.withSources(compared);
    }

    private static void legEvidence(
            WindowSnapshot s, SourceAgreement.Leg leg, List<Evidence> evidence) {
        String own = leg.headline().source().name();
        if (leg.headline().source().cadence() == FlowSource.Cadence.DAILY) {
            evidence.add(coverage(leg.name(), leg.headline()));
        }
        for (SourceAgreement.Comparison c : leg.comparisons()) {
            String other = c.other().source().name();
            evidence.add(
                    plain(
                            "net_flow_usd",
                            leg.name(),
                            c.other().netFlowUsd(),
                            null,
                            List.of(other)));
            if (c.other().source().cadence() == FlowSource.Cadence.DAILY) {
                evidence.add(coverage(leg.name(), c.other()));
            }
            evidence.add(
                    plain(
                            "relative_difference",
                            leg.name() + " " + other + "/" + own,
                            c.relativeDifference(),
                            s.sources().agreementTolerance(),
                            List.of(own, other)));
        }
    }

    /** One caveat per code, in first-seen order, the texts of several legs joined by a space. */
    private static List<Caveat> joinedByCode(List<Caveat> caveats) {
        java.util.Map<String, Caveat> byCode = new java.util.LinkedHashMap<>();
        for (Caveat c : caveats) {
            byCode.merge(
                    c.getCode(),
                    c,
                    (a, b) -> new Caveat(a.getCode(), a.getText() + " " + b.getText()));
        }
        return List.copyOf(byCode.values());
    }

    private static Evidence coverage(String leg, SourceAgreement.Figure f) {
        return plain("trading_day_coverage", leg, f.coverage(), null, List.of(f.source().name()));
    }

    /** Threshold strength combined with the z strength, on the given scale, when there is one. */
    protected static double strength(StrengthScale scale, double thresholdStrength, Double z) {
        return ConfidenceInputs.combine(
                thresholdStrength, ConfidenceInputs.zStrength(z, scale.fullZ()));
    }
}
