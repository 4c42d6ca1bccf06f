package dev.rotation.processor.topology;

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
 * closed, and what has been emitted for it. JSON in the state store (public fields on purpose).
 */
public final class WindowState {
    public long start;
    public long end;
    public boolean closed;
    public Map<String, FlowMetrics> flows = new TreeMap<>();
    public Map<String, PriceMetrics> prices = new TreeMap<>();
    public Map<String, VolumeMetrics> volumes = new TreeMap<>();
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
}
