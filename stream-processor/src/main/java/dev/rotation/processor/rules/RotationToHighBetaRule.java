package dev.rotation.processor.rules;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AssetGroups;
import dev.rotation.processor.analytics.RotationGraph;
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
        this(thresholds, groups, strengthScale, model, null);
    }

    /**
     * With the RS-Ratio and RS-Momentum of the legs' assets as evidence (see {@link
     * GroupRotationRule}).
     */
    public RotationToHighBetaRule(
            RotationThresholds thresholds,
            AssetGroups groups,
            StrengthScale strengthScale,
            ConfidenceModel model,
            RotationGraph graph) {
        super(thresholds, groups, strengthScale, model, "mainstream", "high-beta", graph);
    }

    @Override
    public SignalType type() {
        return SignalType.ROTATION_TO_HIGH_BETA;
    }
}
