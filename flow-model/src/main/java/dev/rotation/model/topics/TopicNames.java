package dev.rotation.model.topics;

import java.util.List;

/**
 * Default names of every topic the product reads or writes. Deployments may prefix them through
 * {@link Topics#create}. What an input topic's records are keyed by, and their event time, is their
 * type's contract ({@link dev.rotation.model.events.InputEventType}).
 */
public final class TopicNames {
    /** Fund flows ({@link dev.rotation.model.events.InputEventType#FLOWS}). */
    public static final String FUND_FLOWS = "rd.fund-flows";

    /** Price bars ({@link dev.rotation.model.events.InputEventType#PRICES}). */
    public static final String PRICES = "rd.prices";

    /** Volume bars ({@link dev.rotation.model.events.InputEventType#VOLUMES}). */
    public static final String VOLUMES = "rd.volumes";

    /** Precious-metal quotes ({@link dev.rotation.model.events.InputEventType#METALS}). */
    public static final String METALS = "rd.metals";

    /**
     * Institutional positions ({@link dev.rotation.model.events.InputEventType#EXPOSURES}), marked
     * to market by the processor.
     */
    public static final String INSTITUTIONAL_EXPOSURES = "rd.institutional-exposures";

    /** Rotation signals (rotations inside crypto, concentrated outflows), keyed by signalId. */
    public static final String SIGNALS_ROTATION = "rd.signals.rotation";

    /** Risk-appetite signals (risk-off/on, de-risking, cascade risk), keyed by signalId. */
    public static final String SIGNALS_RISK_APPETITE = "rd.signals.risk-appetite";

    /** Market-structure observations (level breach/reclaim), keyed by signalId. */
    public static final String SIGNALS_MARKET = "rd.signals.market";

    /** Alerts for quant desks, keyed by signalId. */
    public static final String ALERTS = "rd.alerts";

    /**
     * Alerts {@code notify} could not deliver to its webhook: original bytes plus reason headers.
     */
    public static final String ALERTS_UNDELIVERED = "rd.alerts.undelivered";

    /**
     * Records that could not be decoded or failed validation: original bytes plus reason headers.
     */
    public static final String DEAD_LETTER = "rd.dead-letter";

    /** Records later than the grace period: original bytes plus lateness headers. */
    public static final String LATE_EVENTS = "rd.late-events";

    public static final List<String> INPUTS =
            List.of(FUND_FLOWS, PRICES, VOLUMES, METALS, INSTITUTIONAL_EXPOSURES);
    public static final List<String> SIGNALS =
            List.of(SIGNALS_ROTATION, SIGNALS_RISK_APPETITE, SIGNALS_MARKET);

    private TopicNames() {}
}
