package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;
import java.time.Duration;

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
 */
public record LifecycleSettings(
        double hysteresisMargin, double revisionTolerance, Duration alertCooldown) {

    public static final Setting<Double> HYSTERESIS_MARGIN = Setting.decimal("hysteresis.margin");
    public static final Setting<Double> REVISION_TOLERANCE =
            Setting.decimal("signals.revision.tolerance");
    public static final Setting<Duration> ALERT_COOLDOWN = Setting.duration("alerts.cooldown");

    public LifecycleSettings {
        requireBelowOne(HYSTERESIS_MARGIN, hysteresisMargin);
        requireBelowOne(REVISION_TOLERANCE, revisionTolerance);
        ALERT_COOLDOWN.requireNonNegative(alertCooldown);
    }

    static LifecycleSettings from(ConfigValues values) {
        return new LifecycleSettings(
                values.get(HYSTERESIS_MARGIN),
                values.get(REVISION_TOLERANCE),
                values.get(ALERT_COOLDOWN));
    }

    private static void requireBelowOne(Setting<Double> setting, double v) {
        if (!(v >= 0 && v < 1)) {
            throw setting.invalid(v, "must be at least 0 and below 1");
        }
    }
}
