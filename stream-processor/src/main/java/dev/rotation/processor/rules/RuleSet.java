package dev.rotation.processor.rules;

import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.StrengthScale;
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

    /**
     * Every rule of docs/signals.md except LEVERAGE_STRESS (no institutional-exposure events yet).
     */
    public static RuleSet standard(AnalyticsConfig config) {
        ConfidenceModel model = new ConfidenceModel(config.confidence(), config.history());
        StrengthScale scale = config.strength();
        return new RuleSet(
                List.of(
                        new RotationToHighBetaRule(
                                config.rotation(), config.groups(), scale, model),
                        new RotationToMainstreamRule(
                                config.rotation(), config.groups(), scale, model),
                        new RiskOffShiftRule(config.riskShift(), config.groups(), scale, model),
                        new RiskOnShiftRule(config.riskShift(), config.groups(), scale, model),
                        new DeriskingRule(config.derisking(), config.assets(), scale, model),
                        new ConcentratedOutflowRule(config.concentration(), model),
                        new LevelBreachRule(config.levels(), config.levelCrossing(), model),
                        new LevelReclaimRule(config.levels(), config.levelCrossing(), model),
                        new CascadeRiskRule(
                                config.cascade(),
                                config.groups(),
                                config.assets(),
                                config.history(),
                                scale,
                                model)));
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
