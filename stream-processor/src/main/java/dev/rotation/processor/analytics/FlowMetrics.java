package dev.rotation.processor.analytics;

import java.util.Set;

/**
 * The net flow of one report breakdown key (e.g. ASSET:BTC) in one window.
 *
 * @param breakdown TOTAL, ASSET, REGION or PROVIDER
 * @param key the key within the breakdown (BTC, US, ALL)
 * @param netFlowUsd net flow in USD, negative = outflow (see {@link FlowAccumulator#toMetrics()}
 *     for how sources combine)
 * @param sources distinct sources behind the value
 * @param reportIds reports behind the value
 * @param revised whether any contributing row was revised after it was first seen
 */
public record FlowMetrics(
        String breakdown,
        String key,
        double netFlowUsd,
        Set<String> sources,
        Set<String> reportIds,
        boolean revised)
        implements SubjectMetrics {

    public FlowMetrics {
        sources = Set.copyOf(sources);
        reportIds = Set.copyOf(reportIds);
    }
}
