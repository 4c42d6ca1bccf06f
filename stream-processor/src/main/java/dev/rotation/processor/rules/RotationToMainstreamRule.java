package dev.rotation.processor.rules;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AssetGroups;
import dev.rotation.processor.analytics.RotationGraph;
import dev.rotation.processor.analytics.RotationThresholds;
import dev.rotation.processor.analytics.StrengthScale;
import dev.rotation.processor.confidence.ConfidenceModel;

/**
 * ROTATION_TO_MAINSTREAM, the mirror image: high-beta net outflow while mainstream assets take in
 * money (flight to quality inside crypto).
 */
public final class RotationToMainstreamRule extends GroupRotationRule {

    public RotationToMainstreamRule(
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
    public RotationToMainstreamRule(
            RotationThresholds thresholds,
            AssetGroups groups,
            StrengthScale strengthScale,
            ConfidenceModel model,
            RotationGraph graph) {
        super(thresholds, groups, strengthScale, model, "high-beta", "mainstream", graph);
    }

    @Override
    public SignalType type() {
        return SignalType.ROTATION_TO_MAINSTREAM;
    }
}
