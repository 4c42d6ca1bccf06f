package dev.rotation.processor.rules;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.confidence.ConfidenceModel;

/** LEVEL_BREACH: the previous window closed at or above a level, this one below it. */
public final class LevelBreachRule extends LevelCrossingRule {

    public LevelBreachRule(AnalyticsConfig config, ConfidenceModel model) {
        super(config, model, true);
    }

    @Override
    public SignalType type() {
        return SignalType.LEVEL_BREACH;
    }
}
