package dev.rotation.processor.analytics;

import dev.rotation.model.SignalType;
import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the signal lifecycle revises signals and raises alerts (docs/signals.md, "Revisions, alerts
 * and hysteresis").
 *
 * @param hysteresisMargin while its window is open, a signal that stands is held until its value
 *     falls short of each threshold by more than this fraction of the threshold; 0 turns hysteresis
 *     off ({@code hysteresis.margin}, 0 to below 1)
 * @param revisionTolerance a figure of a standing signal (evidence value, baseline, z-score,
 *     threshold, magnitude, confidence score) that moves by more than this fraction of its size
 *     makes a new revision on the signal topic; smaller moves are float noise or immaterial ({@code
 *     signals.revision.tolerance}, 0 to below 1)
 * @param alertCooldown after an alert for a signal, a further PROVISIONAL alert for it waits until
 *     the window's data is this much newer in event time; FINAL and RETRACTED alerts never wait
 *     ({@code alerts.cooldown}, not negative, PT0S for none)
 * @param silentTypes signal types that go to the signal topics and the read side but raise no alert
 *     ({@code alerts.silent-types}, comma-separated; by default QUADRANT_TRANSITION, an observation
 *     for charts that moves with every few weeks of prices)
 */
public record LifecycleSettings(
        double hysteresisMargin,
        double revisionTolerance,
        Duration alertCooldown,
        Set<SignalType> silentTypes) {

    public static final Setting<Double> HYSTERESIS_MARGIN = Setting.decimal("hysteresis.margin");
    public static final Setting<Double> REVISION_TOLERANCE =
            Setting.decimal("signals.revision.tolerance");
    public static final Setting<Duration> ALERT_COOLDOWN = Setting.duration("alerts.cooldown");
    public static final Setting<List<String>> SILENT_TYPES = Setting.list("alerts.silent-types");

    public LifecycleSettings {
        requireBelowOne(HYSTERESIS_MARGIN, hysteresisMargin);
        requireBelowOne(REVISION_TOLERANCE, revisionTolerance);
        ALERT_COOLDOWN.requireNonNegative(alertCooldown);
        silentTypes = Set.copyOf(silentTypes);
    }

    /** Every signal type alerted. */
    public LifecycleSettings(double hysteresisMargin, double revisionTolerance, Duration cooldown) {
        this(hysteresisMargin, revisionTolerance, cooldown, Set.of());
    }

    static LifecycleSettings from(ConfigValues values) {
        return new LifecycleSettings(
                values.get(HYSTERESIS_MARGIN),
                values.get(REVISION_TOLERANCE),
                values.get(ALERT_COOLDOWN),
                signalTypes(values.get(SILENT_TYPES)));
    }

    private static Set<SignalType> signalTypes(List<String> names) {
        Set<SignalType> types = EnumSet.noneOf(SignalType.class);
        for (String name : names) {
            try {
                SignalType t = SignalType.valueOf(name.strip().toUpperCase(Locale.ROOT));
                if (t == SignalType.UNKNOWN) {
                    throw new IllegalArgumentException();
                }
                types.add(t);
            } catch (IllegalArgumentException e) {
                throw SILENT_TYPES.invalid(
                        name,
                        "must be signal types, e.g. "
                                + EnumSet.complementOf(EnumSet.of(SignalType.UNKNOWN)));
            }
        }
        return types;
    }

    private static void requireBelowOne(Setting<Double> setting, double v) {
        if (!(v >= 0 && v < 1)) {
            throw setting.invalid(v, "must be at least 0 and below 1");
        }
    }
}
