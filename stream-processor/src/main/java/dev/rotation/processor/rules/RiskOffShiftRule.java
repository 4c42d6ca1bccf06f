package dev.rotation.processor.rules;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.confidence.ConfidenceModel;

/** RISK_OFF_SHIFT: crypto net outflow while a safe-haven metal rises. */
public final class RiskOffShiftRule extends RiskShiftRule {

    public RiskOffShiftRule(AnalyticsConfig config, ConfidenceModel model) {
        super(config, model, -1);
    }

    @Override
    public SignalType type() {
        return SignalType.RISK_OFF_SHIFT;
    }
}
