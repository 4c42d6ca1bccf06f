package dev.rotation.processor.analytics;

import java.util.Set;

/**
 * A precious metal in one window.
 *
 * @param windowReturn last spot / previous window's close - 1 when known, else last spot / first
 *     spot - 1
 * @param volumeOz traded volume in ounces; null when never reported (a missing leg, not zero)
 * @param productFlowUsd net flow into metal exchange-traded products; null when never reported
 */
public record MetalMetrics(
        String metal,
        double windowReturn,
        double firstSpot,
        double lastSpot,
        Double previousClose,
        double high,
        double low,
        Double volumeOz,
        Double productFlowUsd,
        int points,
        Set<String> sources)
        implements SubjectMetrics {

    public MetalMetrics {
        sources = Set.copyOf(sources);
    }
}
