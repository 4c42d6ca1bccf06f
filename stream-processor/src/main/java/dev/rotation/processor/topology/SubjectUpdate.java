package dev.rotation.processor.topology;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rotation.model.events.InputEventType;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.ExposureMetrics;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.MetalMetrics;
import dev.rotation.processor.analytics.PriceMetrics;
import dev.rotation.processor.analytics.SubjectMetrics;
import dev.rotation.processor.analytics.VolumeMetrics;
import java.util.Objects;

/**
 * What stage 1 (per-subject aggregation) tells stage 2 (the cross-asset snapshot): the current
 * metrics of one subject in one window. Stage 2 also stores the latest one per (window, kind,
 * subject). In the state format (Smile, {@link StateSerde}) the metrics carry their kind as a
 * {@code "kind"} property.
 *
 * @param windowStart start of the window, epoch ms
 * @param windowEnd end of the window (exclusive), epoch ms
 * @param subject the subject within its kind ({@code ASSET:BTC}, {@code BTC-USD}, {@code XAG},
 *     {@code <holder>|<instrument>})
 * @param metrics the subject's metrics in the window; their type is the input kind
 * @param eventTime event time of the newest input behind this update, epoch ms
 * @param ingestTime wall-clock time stage 1 processed that input (for processing latency), epoch ms
 * @param clock the stage-1 task that sent it ({@code task-0_2}): stage 2 closes windows on the
 *     minimum progress of its active tasks, not on the fastest one
 * @param clockTime that task's stream time when the subject last changed, epoch ms
 */
public record SubjectUpdate(
        long windowStart,
        long windowEnd,
        String subject,
        @JsonTypeInfo(
                        use = JsonTypeInfo.Id.NAME,
                        include = JsonTypeInfo.As.PROPERTY,
                        property = "kind")
                @JsonSubTypes({
                    @JsonSubTypes.Type(value = FlowMetrics.class, name = "FLOWS"),
                    @JsonSubTypes.Type(value = PriceMetrics.class, name = "PRICES"),
                    @JsonSubTypes.Type(value = VolumeMetrics.class, name = "VOLUMES"),
                    @JsonSubTypes.Type(value = MetalMetrics.class, name = "METALS"),
                    @JsonSubTypes.Type(value = ExposureMetrics.class, name = "EXPOSURES")
                })
                SubjectMetrics metrics,
        long eventTime,
        long ingestTime,
        String clock,
        long clockTime) {

    public SubjectUpdate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** The input kind, given by the type of the metrics. */
    public InputEventType kind() {
        return kindOf(metrics);
    }

    EventWindow window() {
        return new EventWindow(windowStart, windowEnd);
    }

    static InputEventType kindOf(SubjectMetrics metrics) {
        if (metrics instanceof FlowMetrics) {
            return InputEventType.FLOWS;
        } else if (metrics instanceof PriceMetrics) {
            return InputEventType.PRICES;
        } else if (metrics instanceof VolumeMetrics) {
            return InputEventType.VOLUMES;
        } else if (metrics instanceof MetalMetrics) {
            return InputEventType.METALS;
        } else if (metrics instanceof ExposureMetrics) {
            return InputEventType.EXPOSURES;
        }
        throw new IllegalArgumentException("unknown metrics type " + metrics.getClass().getName());
    }
}
