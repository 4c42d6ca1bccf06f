package dev.rotation.processor.rules;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AssetGroups;
import dev.rotation.processor.analytics.RotationThresholds;
import dev.rotation.processor.analytics.StrengthScale;
import dev.rotation.processor.confidence.ConfidenceModel;

/**
 * ROTATION_TO_HIGH_BETA: mainstream net outflow while high-beta assets take in money. Subjects:
 * group:high-beta, group:mainstream.
 */
public final class RotationToHighBetaRule extends GroupRotationRule {

    public RotationToHighBetaRule(
            RotationThresholds thresholds,
            AssetGroups groups,
            StrengthScale strengthScale,
            ConfidenceModel model) {
        super(thresholds, groups, strengthScale, model, "mainstream", "high-beta");
    }

    @Override
    public SignalType type() {
        return SignalType.ROTATION_TO_HIGH_BETA;
    }
}
