package dev.rotation.processor.rules;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.confidence.ConfidenceModel;

/** ROTATION_TO_HIGH_BETA: mainstream net outflow while high-beta assets take in money. Subjects: group:high-beta, group:mainstream. */
public final class RotationToHighBetaRule extends GroupRotationRule {

    public RotationToHighBetaRule(AnalyticsConfig config, ConfidenceModel model) {
        super(config, model, "mainstream", "high-beta");
    }

    @Override
    public SignalType type() {
        return SignalType.ROTATION_TO_HIGH_BETA;
    }
}
