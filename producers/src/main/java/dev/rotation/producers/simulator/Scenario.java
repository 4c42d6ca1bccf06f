package dev.rotation.producers.simulator;

import java.util.Locale;

/**
 * A signal condition the simulator plants in a chosen week (see docs/signals.md). Each is written
 * to the ground-truth label file under the signal type it is meant to trigger.
 */
public enum Scenario {
    /** Mainstream (BTC, ETH) net outflow while SOL (and XRP sometimes) take net inflows. */
    ROTATION_TO_HIGH_BETA,
    /** The mirror: mainstream net inflow while the high-beta assets see net outflows. */
    ROTATION_TO_MAINSTREAM,
    /** Crypto net outflow while silver and gold rally on rising volume and product inflows. */
    RISK_OFF_SHIFT,
    /** Crypto net inflow while silver and gold fall with product outflows. */
    RISK_ON_SHIFT,
    /** BTC and ETH: price pullback + volume up + product redemptions in the same week. */
    DERISKING,
    /** One region (US) holds more than 80% of the gross outflow. */
    CONCENTRATED_OUTFLOW,
    /** BTC closes across the configured level (labelled LEVEL_RECLAIM when it crosses upwards). */
    LEVEL_BREACH,
    /** A second consecutive outflow week with a price breakdown and tripled volatility. */
    CASCADE_RISK;

    public static Scenario parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Unknown scenario '"
                            + name
                            + "'; expected one of "
                            + java.util.Arrays.toString(values()),
                    e);
        }
    }
}
