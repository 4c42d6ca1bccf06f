package dev.rotation.processor.query;

import dev.rotation.model.Scale;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.RotationThresholds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each kept week's net flow by group and the rotation the detector read in it, oldest week first,
 * with the bands that scale a rotation.
 *
 * @param microBelow a rotation ratio below this is MICRO (a fraction: 0.05 = 5%)
 * @param majorAbove a rotation ratio above this is MAJOR; MATERIAL in between
 */
public record RotationOverTime(double microBelow, double majorAbove, List<Week> weeks) {

    public RotationOverTime {
        weeks = List.copyOf(weeks);
    }

    /**
     * One week.
     *
     * @param byGroup net flow by group, USD (see {@link WeekPicture#byGroup()})
     * @param rotation the week's rotation reading (its latest revision), null when none stands
     */
    public record Week(
            Instant start,
            Instant end,
            boolean closed,
            Map<String, Double> byGroup,
            Rotation rotation) {}

    /**
     * A rotation reading of a week.
     *
     * @param ratio receiving leg / leaving leg, a fraction
     */
    public record Rotation(
            String signalId, SignalType type, SignalStatus status, double ratio, Scale scale) {}

    /**
     * The weeks of {@code pictures} with the rotation signals among {@code signals} (others are
     * ignored). A RETRACTED rotation does not stand; where a week has two standing rotations (one
     * each way), the larger ratio is shown.
     */
    public static RotationOverTime of(
            List<WeekPicture> pictures, List<Signal> signals, RotationThresholds thresholds) {
        Map<Instant, Rotation> byWeek = new HashMap<>();
        for (Signal s : signals) {
            boolean rotation =
                    s.getType() == SignalType.ROTATION_TO_HIGH_BETA
                            || s.getType() == SignalType.ROTATION_TO_MAINSTREAM;
            if (!rotation || s.getMagnitude() == null || s.getStatus() == SignalStatus.RETRACTED) {
                continue;
            }
            Rotation r =
                    new Rotation(
                            s.getSignalId(),
                            s.getType(),
                            s.getStatus(),
                            s.getMagnitude().getRatio(),
                            s.getMagnitude().getScale());
            byWeek.merge(s.getWindowStart(), r, (a, b) -> a.ratio() >= b.ratio() ? a : b);
        }
        List<Week> weeks = new ArrayList<>();
        pictures.stream()
                .sorted(Comparator.comparing(p -> p.window().start()))
                .forEach(
                        p ->
                                weeks.add(
                                        new Week(
                                                p.window().start(),
                                                p.window().end(),
                                                p.window().closed(),
                                                p.byGroup(),
                                                byWeek.get(p.window().start()))));
        return new RotationOverTime(thresholds.microBelow(), thresholds.majorAbove(), weeks);
    }
}
