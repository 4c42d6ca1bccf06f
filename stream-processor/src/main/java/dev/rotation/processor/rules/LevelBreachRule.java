package dev.rotation.processor.rules;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.LevelThresholds;
import dev.rotation.processor.analytics.Levels;
import dev.rotation.processor.confidence.ConfidenceModel;

/** LEVEL_BREACH: the previous window closed at or above a level, this one below it. */
public final class LevelBreachRule extends LevelCrossingRule {

    public LevelBreachRule(Levels levels, LevelThresholds thresholds, ConfidenceModel model) {
        this(levels, thresholds, model, 0);
    }

    /**
     * @param holdMargin hysteresis for a crossing that already stands (see {@link
     *     LevelCrossingRule})
     */
    public LevelBreachRule(
            Levels levels, LevelThresholds thresholds, ConfidenceModel model, double holdMargin) {
        super(levels, thresholds, model, true, holdMargin);
    }

    @Override
    public SignalType type() {
        return SignalType.LEVEL_BREACH;
    }
}
