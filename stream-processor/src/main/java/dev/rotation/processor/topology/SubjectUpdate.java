package dev.rotation.processor.topology;

import dev.rotation.model.events.InputEventType;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.MetalMetrics;
import dev.rotation.processor.analytics.PriceMetrics;
import dev.rotation.processor.analytics.VolumeMetrics;

/**
 * What stage 1 (per-subject aggregation) tells stage 2 (the cross-asset snapshot): the current
 * metrics of one subject in one window. Exactly one of the metric fields is set, by kind.
 *
 * @param eventTime event time of the input that produced this update
 * @param ingestTime wall-clock time stage 1 processed that input (for processing latency)
 * @param clock the stage-1 task that sent it ({@code task-0_2}): stage 2 closes windows on the
 *     minimum progress of its active tasks, not on the fastest one
 * @param clockTime that source's stream time when it sent the update
 */
public record SubjectUpdate(
        InputEventType kind,
        long windowStart,
        long windowEnd,
        String subject,
        FlowMetrics flow,
        PriceMetrics price,
        VolumeMetrics volume,
        MetalMetrics metal,
        long eventTime,
        long ingestTime,
        String clock,
        long clockTime) {
}
