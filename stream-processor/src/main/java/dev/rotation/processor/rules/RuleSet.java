package dev.rotation.processor.rules;

import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.MarkToMarket;
import dev.rotation.processor.analytics.RiskShiftThresholds;
import dev.rotation.processor.analytics.RotationGraph;
import dev.rotation.processor.analytics.RotationThresholds;
import dev.rotation.processor.analytics.StrengthScale;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.Caveats;
import dev.rotation.processor.confidence.ConfidenceModel;
import dev.rotation.processor.leadlag.PrecedenceCheck;
import java.util.ArrayList;
import java.util.List;

/** The rules run on every window snapshot. */
public final class RuleSet {

    private final List<SignalRule> rules;
    private final PrecedenceCheck precedence;

    /** The rules alone: no lead-lag test touches their causality. */
    public RuleSet(List<SignalRule> rules) {
        this(rules, null);
    }

    /**
     * @param precedence the lead-lag check that may raise a detection to TEMPORAL_PRECEDENCE; null
     *     for none
     */
    public RuleSet(List<SignalRule> rules, PrecedenceCheck precedence) {
        this.rules = List.copyOf(rules);
        this.precedence = precedence;
    }

    /** Every rule of docs/signals.md. */
    public static RuleSet standard(AnalyticsConfig config) {
        return withMargin(config, 0);
    }

    /**
     * The same rules with every threshold relaxed by {@code hysteresis.margin}: what a signal that
     * already stands must keep meeting while its window is open (see {@code
     * lifecycle.SignalDetector}).
     */
    public static RuleSet holding(AnalyticsConfig config) {
        return withMargin(config, config.lifecycle().hysteresisMargin());
    }

    private static RuleSet withMargin(AnalyticsConfig config, double margin) {
        ConfidenceModel model = new ConfidenceModel(config.confidence(), config.history());
        StrengthScale scale = config.strength();
        RotationThresholds rotation = config.rotation().relaxedBy(margin);
        RiskShiftThresholds riskShift = config.riskShift().relaxedBy(margin);
        CascadeRiskRule cascade =
                new CascadeRiskRule(
                        config.cascade().relaxedBy(margin),
                        config.groups(),
                        config.assets(),
                        config.history(),
                        scale,
                        model);
        RotationGraph graph = new RotationGraph(config.relativeRotation(), config.assets());
        return new RuleSet(
                List.of(
                        new RotationToHighBetaRule(rotation, config.groups(), scale, model, graph),
                        new RotationToMainstreamRule(
                                rotation, config.groups(), scale, model, graph),
                        new RiskOffShiftRule(riskShift, config.groups(), scale, model),
                        new RiskOnShiftRule(riskShift, config.groups(), scale, model),
                        new DeriskingRule(
                                config.derisking().relaxedBy(margin),
                                config.assets(),
                                scale,
                                model),
                        new ConcentratedOutflowRule(
                                config.concentration().relaxedBy(margin), model),
                        new LevelBreachRule(config.levels(), config.levelCrossing(), model, margin),
                        new LevelReclaimRule(
                                config.levels(), config.levelCrossing(), model, margin),
                        cascade,
                        new LeverageStressRule(
                                config.leverage().relaxedBy(margin),
                                config.assets(),
                                new MarkToMarket(config.assets(), config.history().minWindows()),
                                cascade,
                                model),
                        new QuadrantTransitionRule(graph, model)),
                new PrecedenceCheck(config.leadLag(), config.assets()));
    }

    public List<SignalRule> rules() {
        return rules;
    }

    public List<Detection> evaluate(WindowSnapshot snapshot) {
        List<Detection> out = new ArrayList<>();
        for (SignalRule r : rules) {
            for (Detection d : r.evaluate(snapshot)) {
                out.add(flagIllustrative(d, snapshot));
            }
        }
        return precedence == null ? out : precedence.apply(out, snapshot);
    }

    /**
     * The detection with an ILLUSTRATIVE_DATA caveat when its evidence names an illustrative
     * source, or when it used the trailing history (a baseline, a z-score or a correlation) and a
     * window of that history had illustrative inputs. The caveat discloses; it does not change the
     * score.
     */
    static Detection flagIllustrative(Detection d, WindowSnapshot s) {
        List<String> inWindow = d.sources().stream().filter(s.sources()::isIllustrative).toList();
        boolean usedHistory =
                d.correlation() != null
                        || d.evidence().stream()
                                .anyMatch(e -> e.getBaseline() != null || e.getZScore() != null);
        boolean inHistory = usedHistory && s.illustrativeInHistory();
        if (inWindow.isEmpty() && !inHistory) {
            return d;
        }
        return new Detection(
                d.type(),
                d.subjects(),
                d.magnitude(),
                d.evidence(),
                Caveats.merge(d.caveats(), List.of(Caveats.illustrativeData(inWindow, inHistory))),
                d.correlation(),
                d.confidence(),
                d.explanation());
    }
}
