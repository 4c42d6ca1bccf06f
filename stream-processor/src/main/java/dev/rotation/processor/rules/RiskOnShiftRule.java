package dev.rotation.processor.rules;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.confidence.ConfidenceModel;

/** RISK_ON_SHIFT, the mirror image: crypto net inflow while a safe-haven metal falls. */
public final class RiskOnShiftRule extends RiskShiftRule {

    public RiskOnShiftRule(AnalyticsConfig config, ConfidenceModel model) {
        super(config, model, +1);
    }

    @Override
    public SignalType type() {
        return SignalType.RISK_ON_SHIFT;
    }
}
