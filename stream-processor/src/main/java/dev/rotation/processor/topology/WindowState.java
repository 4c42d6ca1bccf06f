package dev.rotation.processor.topology;

import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.ExposureMetrics;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.MetalMetrics;
import dev.rotation.processor.analytics.PriceMetrics;
import dev.rotation.processor.analytics.SubjectMetrics;
import dev.rotation.processor.analytics.VolumeMetrics;
import dev.rotation.processor.lifecycle.EmittedSignal;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Stage 2's state for one window: its times, whether it has closed, what has been emitted for it,
 * the reports whose rows it holds, and the latest metrics of every subject.
 *
 * <p>The store record under the window's key holds the window's own fields (the public ones, on
 * purpose: Smile in the state store). Each subject's metrics are stored under their own key as a
 * {@link SubjectUpdate} ({@link SnapshotProcessor}), so an update rewrites one subject, not the
 * window; the metric maps are filled from those records and are not part of the window's record.
 */
public final class WindowState {
    public long start;
    public long end;
    public boolean closed;
    final Map<String, FlowMetrics> flows = new TreeMap<>();
    final Map<String, PriceMetrics> prices = new TreeMap<>();
    final Map<String, VolumeMetrics> volumes = new TreeMap<>();
    final Map<String, MetalMetrics> metals = new TreeMap<>();
    final Map<String, ExposureMetrics> exposures = new TreeMap<>();
    public Map<String, EmittedSignal> emitted = new TreeMap<>();
    public long lastEventTime;
    public long lastIngestTime;

    /**
     * Every report with rows in this window, by {@code source/reportId}: whether stage 2 still
     * waits for its rows, and whether it arrived after the window closed ({@link ReportGate}).
     */
    public Map<String, ReportHold> reports = new TreeMap<>();

    /** How stage 2 holds one report in one window. Public fields: Smile in the state store. */
    public static final class ReportHold {
        /** The report's first row reached the window after it had closed (FINAL). */
        public boolean late;

        /** Stage 2 still waits for rows of it (until complete, or its settle timeout passes). */
        public boolean waiting;

        public ReportHold() {}

        ReportHold(boolean late, boolean waiting) {
            this.late = late;
            this.waiting = waiting;
        }
    }

    public WindowState() {}

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
        SubjectMetrics before = put(u);
        if (Objects.equals(u.metrics(), before)) {
            return false;
        }
        lastEventTime = Math.max(lastEventTime, u.eventTime());
        lastIngestTime = Math.max(lastIngestTime, u.ingestTime());
        return true;
    }

    /** Puts a stored subject's metrics back (no change to the window's times). */
    void restore(SubjectUpdate u) {
        put(u);
    }

    /** Puts the subject's metrics in the map of their kind; the metrics they replace, or null. */
    private SubjectMetrics put(SubjectUpdate u) {
        SubjectMetrics m = u.metrics();
        return switch (u.kind()) {
            case FLOWS -> flows.put(u.subject(), (FlowMetrics) m);
            case PRICES -> prices.put(u.subject(), (PriceMetrics) m);
            case VOLUMES -> volumes.put(u.subject(), (VolumeMetrics) m);
            case METALS -> metals.put(u.subject(), (MetalMetrics) m);
            case EXPOSURES -> exposures.put(u.subject(), (ExposureMetrics) m);
        };
    }
}
