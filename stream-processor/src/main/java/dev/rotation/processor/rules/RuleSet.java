package dev.rotation.processor.rules;

import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.ConfidenceModel;

import java.util.ArrayList;
import java.util.List;

/** The rules run on every window snapshot. */
public final class RuleSet {

    private final List<SignalRule> rules;

    public RuleSet(List<SignalRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Every rule of SPEC §5 except LEVERAGE_STRESS (no institutional-exposure events yet). */
    public static RuleSet standard(AnalyticsConfig config) {
        ConfidenceModel model = new ConfidenceModel(config);
        return new RuleSet(List.of(
                new RotationToHighBetaRule(config, model),
                new RotationToMainstreamRule(config, model),
                new RiskOffShiftRule(config, model),
                new RiskOnShiftRule(config, model),
                new DeriskingRule(config, model),
                new ConcentratedOutflowRule(config, model),
                new LevelBreachRule(config, model),
                new LevelReclaimRule(config, model),
                new CascadeRiskRule(config, model)));
    }

    public List<SignalRule> rules() {
        return rules;
    }

    public List<Detection> evaluate(WindowSnapshot snapshot) {
        List<Detection> out = new ArrayList<>();
        for (SignalRule r : rules) {
            out.addAll(r.evaluate(snapshot));
        }
        return out;
    }
}
