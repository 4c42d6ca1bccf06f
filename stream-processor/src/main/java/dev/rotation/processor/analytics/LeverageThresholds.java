package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;
import java.time.Duration;

/**
 * Thresholds of LEVERAGE_STRESS and of marking institutional positions (docs/signals.md).
 *
 * @param minLoss a leveraged position fires when its marked-to-market price is at least this
 *     fraction below its entry price ({@code rule.leverage.min-loss}, a fraction in (0, 1))
 * @param fullStrengthEquityLoss the loss on the holder's own capital (price loss times leverage) at
 *     which the strength reaches 1 ({@code rule.leverage.full-strength-equity-loss}, above 0)
 * @param regimeBoost the strength is multiplied by {@code 1 + regimeBoost} for each of: the
 *     underlying asset's products net an outflow in the window, and CASCADE_RISK conditions hold on
 *     the underlying's instrument; capped at 1 ({@code rule.leverage.regime-boost}, not negative)
 * @param maxPositionAge a position reported longer than this before the window's end is stale and
 *     no longer marked ({@code exposure.max-age}, positive ISO-8601 duration)
 */
public record LeverageThresholds(
        double minLoss,
        double fullStrengthEquityLoss,
        double regimeBoost,
        Duration maxPositionAge) {

    public static final Setting<Double> MIN_LOSS = Setting.decimal("rule.leverage.min-loss");
    public static final Setting<Double> FULL_STRENGTH_EQUITY_LOSS =
            Setting.decimal("rule.leverage.full-strength-equity-loss");
    public static final Setting<Double> REGIME_BOOST =
            Setting.decimal("rule.leverage.regime-boost");
    public static final Setting<Duration> MAX_POSITION_AGE = Setting.duration("exposure.max-age");

    public LeverageThresholds {
        if (!(minLoss > 0 && minLoss < 1)) {
            throw MIN_LOSS.invalid(
                    minLoss, "must be above 0 and below 1 (a fraction of the entry price)");
        }
        FULL_STRENGTH_EQUITY_LOSS.requirePositive(fullStrengthEquityLoss);
        REGIME_BOOST.requireNonNegative(regimeBoost);
        MAX_POSITION_AGE.requirePositive(maxPositionAge);
    }

    /**
     * The thresholds a signal that already stands must keep meeting (hysteresis): the loss lowered
     * by {@code margin}, a fraction. The strength scale and the position age describe the signal
     * rather than decide it and stay as they are.
     */
    public LeverageThresholds relaxedBy(double margin) {
        return new LeverageThresholds(
                minLoss * (1 - margin), fullStrengthEquityLoss, regimeBoost, maxPositionAge);
    }

    static LeverageThresholds from(ConfigValues values) {
        return new LeverageThresholds(
                values.get(MIN_LOSS),
                values.get(FULL_STRENGTH_EQUITY_LOSS),
                values.get(REGIME_BOOST),
                values.get(MAX_POSITION_AGE));
    }
}
