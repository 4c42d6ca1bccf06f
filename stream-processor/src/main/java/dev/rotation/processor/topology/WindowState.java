package dev.rotation.processor.topology;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rotation.model.events.InputEventType;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.MetalMetrics;
import dev.rotation.processor.analytics.PriceMetrics;
import dev.rotation.processor.analytics.VolumeMetrics;
import dev.rotation.processor.lifecycle.EmittedSignal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stage 2's state for one window: the latest metrics of every subject, whether the window has
 * closed, and what has been emitted for it (public fields on purpose: Smile in the state store).
 *
 * <p>Only the window's own fields are stored under the window's key. Each subject's metrics are
 * stored under its own key ({@link SnapshotProcessor}), so an update rewrites one subject, not the
 * window. The metric maps are therefore read from stored state but never written with it:
 * state written before that split still loads, and is moved to per-subject keys on first use.
 */
public final class WindowState {
    public long start;
    public long end;
    public boolean closed;
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public Map<String, FlowMetrics> flows = new TreeMap<>();
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public Map<String, PriceMetrics> prices = new TreeMap<>();
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public Map<String, VolumeMetrics> volumes = new TreeMap<>();
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public Map<String, MetalMetrics> metals = new TreeMap<>();
    public Map<String, EmittedSignal> emitted = new TreeMap<>();
    public long lastEventTime;
    public long lastIngestTime;

    public WindowState() {
    }

    WindowState(EventWindow w) {
        this.start = w.start();
        this.end = w.end();
    }

    EventWindow window() {
        return new EventWindow(start, end);
    }

    /**
     * Takes the subject's new metrics; false, and nothing changes, when they equal what the window
     * already holds (a repeated update, e.g. re-sent by stage 1 after a restart).
     */
    boolean apply(SubjectUpdate u) {
        Object before = switch (u.kind()) {
            case FLOWS -> flows.put(u.subject(), u.flow());
            case PRICES -> prices.put(u.subject(), u.price());
            case VOLUMES -> volumes.put(u.subject(), u.volume());
            case METALS -> metals.put(u.subject(), u.metal());
        };
        Object after = switch (u.kind()) {
            case FLOWS -> u.flow();
            case PRICES -> u.price();
            case VOLUMES -> u.volume();
            case METALS -> u.metal();
        };
        if (java.util.Objects.equals(after, before)) {
            return false;
        }
        lastEventTime = Math.max(lastEventTime, u.eventTime());
        lastIngestTime = Math.max(lastIngestTime, u.ingestTime());
        return true;
    }

    /** Puts a stored subject's metrics back (no change to the window's times). */
    void restore(SubjectUpdate u) {
        switch (u.kind()) {
            case FLOWS -> flows.put(u.subject(), u.flow());
            case PRICES -> prices.put(u.subject(), u.price());
            case VOLUMES -> volumes.put(u.subject(), u.volume());
            case METALS -> metals.put(u.subject(), u.metal());
        }
    }

    /** Every subject's metrics, as they are stored per subject. */
    java.util.List<SubjectUpdate> subjects() {
        java.util.List<SubjectUpdate> out = new java.util.ArrayList<>();
        flows.forEach((k, m) -> out.add(stored(InputEventType.FLOWS, k, m, null, null, null)));
        prices.forEach((k, m) -> out.add(stored(InputEventType.PRICES, k, null, m, null, null)));
        volumes.forEach((k, m) -> out.add(stored(InputEventType.VOLUMES, k, null, null, m, null)));
        metals.forEach((k, m) -> out.add(stored(InputEventType.METALS, k, null, null, null, m)));
        return out;
    }

    private SubjectUpdate stored(InputEventType kind, String subject, FlowMetrics f, PriceMetrics p, VolumeMetrics v,
                                 MetalMetrics m) {
        return new SubjectUpdate(kind, start, end, subject, f, p, v, m, lastEventTime, lastIngestTime, null, 0);
    }

    boolean hasSubjects() {
        return !flows.isEmpty() || !prices.isEmpty() || !volumes.isEmpty() || !metals.isEmpty();
    }
}
