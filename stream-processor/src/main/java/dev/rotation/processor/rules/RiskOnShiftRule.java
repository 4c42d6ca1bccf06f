package dev.rotation.processor.rules;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AssetGroups;
import dev.rotation.processor.analytics.RiskShiftThresholds;
import dev.rotation.processor.analytics.StrengthScale;
import dev.rotation.processor.confidence.ConfidenceModel;

/** RISK_ON_SHIFT, the mirror image: crypto net inflow while a safe-haven metal falls. */
public final class RiskOnShiftRule extends RiskShiftRule {

    public RiskOnShiftRule(
            RiskShiftThresholds thresholds,
            AssetGroups groups,
            StrengthScale strengthScale,
            ConfidenceModel model) {
        super(thresholds, groups, strengthScale, model, +1);
    }

    @Override
    public SignalType type() {
        return SignalType.RISK_ON_SHIFT;
    }
}
