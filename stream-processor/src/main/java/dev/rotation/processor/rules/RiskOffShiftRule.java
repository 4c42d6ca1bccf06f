package dev.rotation.processor.rules;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AssetGroups;
import dev.rotation.processor.analytics.RiskShiftThresholds;
import dev.rotation.processor.analytics.StrengthScale;
import dev.rotation.processor.confidence.ConfidenceModel;

/** RISK_OFF_SHIFT: crypto net outflow while a safe-haven metal rises. */
public final class RiskOffShiftRule extends RiskShiftRule {

    public RiskOffShiftRule(
            RiskShiftThresholds thresholds,
            AssetGroups groups,
            StrengthScale strengthScale,
            ConfidenceModel model) {
        super(thresholds, groups, strengthScale, model, -1);
    }

    @Override
    public SignalType type() {
        return SignalType.RISK_OFF_SHIFT;
    }
}
