package dev.rotation.processor.rules;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.LevelThresholds;
import dev.rotation.processor.analytics.Levels;
import dev.rotation.processor.confidence.ConfidenceModel;

/** LEVEL_RECLAIM: the previous window closed below a level, this one at or above it. */
public final class LevelReclaimRule extends LevelCrossingRule {

    public LevelReclaimRule(Levels levels, LevelThresholds thresholds, ConfidenceModel model) {
        this(levels, thresholds, model, 0);
    }

    /**
     * @param holdMargin hysteresis for a crossing that already stands (see {@link
     *     LevelCrossingRule})
     */
    public LevelReclaimRule(
            Levels levels, LevelThresholds thresholds, ConfidenceModel model, double holdMargin) {
        super(levels, thresholds, model, false, holdMargin);
    }

    @Override
    public SignalType type() {
        return SignalType.LEVEL_RECLAIM;
    }
}
