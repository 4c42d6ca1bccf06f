package dev.rotation.processor.rules;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.confidence.ConfidenceModel;

/** LEVEL_RECLAIM: the previous window closed below a level, this one at or above it. */
public final class LevelReclaimRule extends LevelCrossingRule {

    public LevelReclaimRule(AnalyticsConfig config, ConfidenceModel model) {
        super(config, model, false);
    }

    @Override
    public SignalType type() {
        return SignalType.LEVEL_RECLAIM;
    }
}
