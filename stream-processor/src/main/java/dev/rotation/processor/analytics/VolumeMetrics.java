package dev.rotation.processor.analytics;

import java.util.Set;

/**
 * Traded volume of one instrument in one window.
 *
 * @param totalUsd null unless every bar carried a USD volume (a partial USD sum would mislead)
 */
public record VolumeMetrics(
        String instrument, double totalBase, Double totalUsd, int bars, Set<String> sources)
        implements SubjectMetrics {

    public VolumeMetrics {
        sources = Set.copyOf(sources);
    }
}
