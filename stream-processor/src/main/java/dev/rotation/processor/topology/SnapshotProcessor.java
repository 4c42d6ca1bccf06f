package dev.rotation.processor.topology;

import dev.rotation.model.Alert;
import dev.rotation.model.Signal;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.WindowPolicy;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.lifecycle.SignalDetector;
import dev.rotation.processor.lifecycle.SignalLifecycle;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.rules.Detection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 2: joins every subject's window metrics into one cross-asset snapshot per window, runs the
 * rules on each change, and drives the signal lifecycle: PROVISIONAL while the window is open,
 * FINAL when the watermark reaches its close ({@link WindowPolicy}), RETRACTED when the condition
 * goes. It runs as a single task (its input topic has one partition) because a cross-asset snapshot
 * is global by nature; the per-event work happens, partitioned, in stage 1.
 *
 * <p><b>A report is one fact.</b> The rows of one report meet here, whichever partition each came
 * through, so here the rules see a report only as a whole ({@link ReportGate}): the rows of a
 * report that announces its row count are left out of the snapshot until every row has arrived or
 * its settle timeout ({@code report.settle.timeout}, wall clock) has passed, and a window does not
 * close while it waits for one. A report that arrives after its window closed revises the FINAL
 * week as a whole ({@code LATE_DATA_REVISION}), or not at all if it is still incomplete when it
 * settles. The decision is taken for the report, not per row, and logged at WARN with the report's
 * name. The waiting is part of the window's stored state; only the timeouts' deadlines live in
 * memory, and a restart gives every waiting report a fresh timeout.
 */
final class SnapshotProcessor implements Processor<String, SubjectUpdate, String, SpecificRecord> {
    static final String HISTORY_KEY = "history";

    private final Names names;
    private final AnalyticsConfig config;
    private final SignalDetector detector;
    private final SignalLifecycle lifecycle;
    private final WindowPolicy windowPolicy;
    private final long settleMs;
    private final ProcessorMetrics metrics;
    private final ReportNotices notices;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, WindowState> windows;
    private KeyValueStore<String, SubjectUpdate> subjects;
    private KeyValueStore<String, TrailingHistory> history;
    private KeyValueStore<String, Signal> signals;
    private KeyValueStore<String, Integer> alertsSent;
    private KeyValueStore<String, Long> clockStore;
    private final SourceClocks clocks;

    /** Open windows by start; rebuilt from the store on (re)start. */
    private final TreeMap<Long, EventWindow> open = new TreeMap<>();

    /**
     * Deserialised state of the open windows and the history. The stores stay the source of truth
     * (every change is written through, so changelogs and exactly-once are unaffected); this only
     * spares re-reading JSON on every update, the hot path the benchmark profile found.
     */
    private final java.util.Map<Long, WindowState> live = new java.util.HashMap<>();

    private TrailingHistory liveHistory;

    /**
     * When each waiting report stops being waited for (wall clock), by window start and report.
     * Rebuilt on (re)start from the windows' stored holds, each with a fresh timeout.
     */
    private final TreeMap<Long, Map<String, Long>> settleDeadlines = new TreeMap<>();

    /**
     * Store and child names, fixed by the topology builder.
     *
     * @param windowStore each window's own state (times, closed, emitted), by window
     * @param subjectStore each subject's latest metrics in a window, by window, feed and subject
     */
    record Names(
            String windowStore,
            String subjectStore,
            String historyStore,
            String signalStore,
            String alertStore,
            String clockStore) {

        /** Every store name, for connecting the stores to the processor. */
        String[] all() {
            return new String[] {
                windowStore, subjectStore, historyStore, signalStore, alertStore, clockStore
            };
        }
    }

    /**
     * @param reportSettleTimeout how long (wall clock, from its first row) a report's rows are
     *     waited for before the report is counted as it stands (or, if it arrived after its window
     *     closed, set aside)
     */
    SnapshotProcessor(
            Names names,
            AnalyticsConfig config,
            WindowPolicy windowPolicy,
            Duration idleTimeout,
            Duration reportSettleTimeout,
            int expectedSources,
            ProcessorMetrics metrics) {
        this.clocks = new SourceClocks(idleTimeout.toMillis(), expectedSources);
        this.names = names;
        this.config = config;
        this.detector = new SignalDetector(config);
        this.lifecycle = new SignalLifecycle(config.lifecycle());
        this.windowPolicy = windowPolicy;
        this.settleMs = reportSettleTimeout.toMillis();
        this.metrics = metrics;
        this.notices = new ReportNotices(metrics, reportSettleTimeout);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.windows = context.getStateStore(names.windowStore());
        this.subjects = context.getStateStore(names.subjectStore());
        this.history = context.getStateStore(names.historyStore());
        this.signals = context.getStateStore(names.signalStore());
        this.alertsSent = context.getStateStore(names.alertStore());
        this.clockStore = context.getStateStore(names.clockStore());
        long now = context.currentSystemTimeMs();
        // Kafka Streams re-initialises the same processor after a task was closed dirty (task
        // corrupted, transaction aborted): clocks observed since the last commit must go with it
        clocks.clear();
        try (KeyValueIterator<String, Long> it = clockStore.all()) {
            it.forEachRemaining(kv -> clocks.restore(kv.key, kv.value, now));
        }
        // sources that went quiet still let windows close, and reports settle, on the wall clock
        context.schedule(
                Duration.ofSeconds(1),
                PunctuationType.WALL_CLOCK_TIME,
                t -> {
                    settleDue(context.currentSystemTimeMs());
                    closeDue(clocks.watermark(context.currentSystemTimeMs()));
                });
        open.clear();
        live.clear();
        liveHistory = null;
        settleDeadlines.clear();
        try (KeyValueIterator<String, WindowState> it = windows.all()) {
            while (it.hasNext()) {
                WindowState s = it.next().value;
                if (!s.closed) {
                    open.put(s.start, s.window());
                }
                // a restart gives every report still waited for a fresh timeout
                s.reports.forEach(
                        (report, hold) -> {
                            if (hold.waiting) {
                                settleBy(s.start, report, now + settleMs);
                            }
                        });
            }
        }
        metrics.windowsOpen(open.size());
    }

    @Override
    public void process(Record<String, SubjectUpdate> record) {
        SubjectUpdate u = record.value();
        if (u.clock() != null
                && clocks.observe(u.clock(), u.clockTime(), context.currentSystemTimeMs())) {
            clockStore.put(u.clock(), u.clockTime());
        }
        EventWindow window = u.window();
        long now = context.currentSystemTimeMs();
        WindowState state = live.get(window.start());
        if (state == null) {
            state = load(window.start());
        }
        if (state == null) {
            if (u.metrics() instanceof FlowMetrics f
                    && !windowPolicy.keepsSnapshot(window, clocks.watermark(now))) {
                notices.tooOld(window, f);
                closeDue(clocks.watermark(now));
                return;
            }
            state = new WindowState(window);
        }
        boolean flows = u.metrics() instanceof FlowMetrics;
        Map<String, ReportGate.Status> before = flows ? ReportGate.statuses(state) : Map.of();
        if (!state.apply(u)) {
            closeDue(clocks.watermark(now));
            return;
        }
        subjects.put(StoreKeys.windowFeedSubject(window.start(), u.kind(), u.subject()), u);
        Map<String, ReportGate.Status> after;
        if (flows) {
            List<String> registered = new ArrayList<>();
            after = ReportGate.refresh(state, settleMs > 0, registered);
            for (String report : registered) {
                onReportSeen(state, report, after.get(report), now);
            }
            for (Map.Entry<String, ReportGate.Status> e : after.entrySet()) {
                ReportGate.Status was = before.get(e.getKey());
                if (was != null && was != e.getValue()) {
                    onReportChanged(state, e.getKey(), was, e.getValue());
                }
            }
        } else {
            after = ReportGate.statuses(state); // only flows change which reports count
        }
        evaluate(state, after, now, record.timestamp());
        closeDue(clocks.watermark(now));
    }

    /**
     * Runs the rules on the window as they may see it, drives the lifecycle, stores the window and
     * emits what changed.
     */
    private void evaluate(
            WindowState state, Map<String, ReportGate.Status> reports, long now, long timestamp) {
        EventWindow window = state.window();
        TrailingHistory h = history();
        WindowSnapshot snapshot = snapshot(state, reports, h);
        List<Detection> detections =
                state.closed ? detector.settled(snapshot) : detector.open(snapshot, state.emitted);
        SignalLifecycle.Outcome outcome =
                lifecycle.onUpdate(
                        window,
                        state.closed,
                        detections,
                        state.emitted,
                        signals::get,
                        now,
                        state.lastEventTime);
        state.emitted = new TreeMap<>(outcome.emitted());
        if (!state.closed) {
            open.put(window.start(), window);
            live.put(window.start(), state);
        }
        windows.put(StoreKeys.window(window.start()), state);
        emit(outcome, state, now, timestamp);
    }

    /** A report's first row in the window: when to stop waiting for it, and what to tell. */
    private void onReportSeen(
            WindowState state, String report, ReportGate.Status status, long now) {
        if (status == ReportGate.Status.PENDING) {
            settleBy(state.start, report, now + settleMs);
        }
        notices.seen(state, report, status);
    }

    /** A report's status changed in a window: it is no longer waited for. */
    private void onReportChanged(
            WindowState state, String report, ReportGate.Status was, ReportGate.Status now) {
        removeDeadline(state.start, report);
        notices.changed(state, report, was, now);
    }

    private void settleBy(long windowStart, String report, long deadline) {
        settleDeadlines.computeIfAbsent(windowStart, w -> new HashMap<>()).put(report, deadline);
    }

    private void removeDeadline(long windowStart, String report) {
        Map<String, Long> byReport = settleDeadlines.get(windowStart);
        if (byReport != null) {
            byReport.remove(report);
            if (byReport.isEmpty()) {
                settleDeadlines.remove(windowStart);
            }
        }
    }

    /**
     * Stops waiting for every report whose settle timeout has passed, and evaluates its window as
     * the report now counts (or not). A report is not given up on while a stage-1 task that is
     * still advancing has not reached its window's last instant: in a backlog (a catch-up after
     * downtime, a large file published at once) that task may yet deliver the missing rows, however
     * long the catch-up takes.
     */
    private void settleDue(long now) {
        List<Long> due = new ArrayList<>();
        settleDeadlines.forEach(
                (windowStart, byReport) -> {
                    if (byReport.values().stream().anyMatch(d -> d <= now)) {
                        due.add(windowStart);
                    }
                });
        for (long windowStart : due) {
            Map<String, Long> byReport = settleDeadlines.get(windowStart);
            WindowState state = live.get(windowStart);
            if (state == null) {
                state = load(windowStart);
            }
            if (state == null) {
                settleDeadlines.remove(windowStart);
                continue;
            }
            // a task still short of the window's last instant (where a report's rows are stamped)
            // may yet deliver its rows: it is catching up, not failing
            if (clocks.advancingBefore(state.window().end() - 1, now)) {
                continue;
            }
            List<String> settled = new ArrayList<>();
            byReport.forEach(
                    (report, deadline) -> {
                        if (deadline <= now) {
                            settled.add(report);
                        }
                    });
            Map<String, ReportGate.Status> before = ReportGate.statuses(state);
            for (String report : settled) {
                removeDeadline(windowStart, report);
                WindowState.ReportHold hold = state.reports.get(report);
                if (hold != null) {
                    hold.waiting = false;
                }
            }
            Map<String, ReportGate.Status> after = ReportGate.statuses(state);
            for (String report : settled) {
                ReportGate.Status was = before.get(report);
                if (was != null && was != after.get(report)) {
                    onReportChanged(state, report, was, after.get(report));
                }
            }
            evaluate(state, after, now, Math.max(0, state.lastEventTime));
        }
    }

    /** A window's state from the stores: its own record plus every subject's metrics. */
    private WindowState load(long windowStart) {
        WindowState state = windows.get(StoreKeys.window(windowStart));
        if (state == null) {
            return null;
        }
        try (KeyValueIterator<String, SubjectUpdate> it =
                subjects.prefixScan(subjectPrefix(windowStart), new StringSerializer())) {
            it.forEachRemaining(kv -> state.restore(kv.value));
        }
        return state;
    }

    private static String subjectPrefix(long windowStart) {
        return StoreKeys.window(windowStart) + '|';
    }

    private TrailingHistory history() {
        if (liveHistory == null) {
            TrailingHistory h = history.get(HISTORY_KEY);
            liveHistory = h != null ? h : TrailingHistory.forConfig(config.history());
        }
        return liveHistory;
    }

    /** The window as its rules may see it: only the reports that count ({@link ReportGate}). */
    private WindowSnapshot snapshot(
            WindowState s, Map<String, ReportGate.Status> reports, TrailingHistory h) {
        return WindowSnapshot.of(
                s.window(),
                ReportGate.countedFlows(s, reports, config.sources()),
                s.prices,
                s.volumes,
                s.metals,
                s.exposures,
                h,
                config.groups(),
                ReportGate.incomplete(s, reports),
                config.sources());
    }

    /**
     * Closes, in window order, every open window the watermark has closed. A window waiting for a
     * report's rows stays open (and so do the ones after it) until the report is complete or its
     * settle timeout passes.
     */
    private void closeDue(long watermark) {
        boolean closedAny = false;
        while (!open.isEmpty()) {
            Map.Entry<Long, EventWindow> first = open.firstEntry();
            if (windowPolicy.isOpen(first.getValue(), watermark)) {
                break;
            }
            String key = StoreKeys.window(first.getKey());
            WindowState state = live.get(first.getKey());
            if (state == null) {
                state = load(first.getKey());
            }
            Map<String, ReportGate.Status> reports =
                    state == null ? Map.of() : ReportGate.statuses(state);
            if (state != null && !state.closed && ReportGate.waits(reports)) {
                live.put(first.getKey(), state);
                break;
            }
            open.pollFirstEntry();
            live.remove(first.getKey());
            if (state == null || state.closed) {
                continue;
            }
            long now = context.currentSystemTimeMs();
            TrailingHistory h = history();
            WindowSnapshot snapshot = snapshot(state, reports, h);
            SignalLifecycle.Outcome outcome =
                    lifecycle.onClose(
                            state.window(),
                            detector.settled(snapshot),
                            state.emitted,
                            signals::get,
                            now,
                            state.lastEventTime);
            state.emitted = new TreeMap<>(outcome.emitted());
            state.closed = true;
            windows.put(key, state);
            snapshot.appendTo(h);
            history.put(HISTORY_KEY, h);
            emit(outcome, state, now, watermark);
            closedAny = true;
        }
        if (closedAny) {
            purge(watermark);
        }
        metrics.windowsOpen(open.size());
    }

    /** Every signal record to its topic; the lifecycle's alerts, each id once, to the alerts. */
    private void emit(SignalLifecycle.Outcome out, WindowState state, long now, long timestamp) {
        for (Signal s : out.emit()) {
            signals.put(s.getSignalId(), s);
            metrics.signal(s);
            metrics.latency(s.getLastEventTime().toEpochMilli(), state.lastIngestTime, now);
            context.forward(new Record<String, SpecificRecord>(s.getSignalId(), s, timestamp));
        }
        for (Alert a : out.alerts()) {
            if (alertsSent.get(a.getAlertId()) == null) {
                alertsSent.put(a.getAlertId(), a.getRevision());
                metrics.alert(a);
                context.forward(new Record<String, SpecificRecord>(a.getSignalId(), a, timestamp));
            }
        }
    }

    /**
     * Drops closed windows (and their signals) the window policy no longer keeps, so state stays
     * bounded.
     */
    private void purge(long watermark) {
        long horizon = windowPolicy.snapshotHorizon(watermark);
        if (horizon <= 0) {
            return;
        }
        List<String> oldWindows = new ArrayList<>();
        try (KeyValueIterator<String, WindowState> it =
                windows.range(StoreKeys.window(0), StoreKeys.window(horizon))) {
            while (it.hasNext()) {
                KeyValue<String, WindowState> kv = it.next();
                if (kv.value.closed && !windowPolicy.keepsSnapshot(kv.value.window(), watermark)) {
                    oldWindows.add(kv.key);
                    for (String signalId : kv.value.emitted.keySet()) {
                        signals.delete(signalId);
                        deleteAlertsOf(signalId);
                    }
                }
            }
        }
        for (String key : oldWindows) {
            windows.delete(key);
            List<String> subjectKeys = new ArrayList<>();
            try (KeyValueIterator<String, SubjectUpdate> it =
                    subjects.prefixScan(key + '|', new StringSerializer())) {
                it.forEachRemaining(kv -> subjectKeys.add(kv.key));
            }
            subjectKeys.forEach(subjects::delete);
        }
    }

    /** Every alert id of a signal: {@code <signalId>|<state>[|n]} ({@code AlertFactory}). */
    private void deleteAlertsOf(String signalId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Integer> it =
                alertsSent.prefixScan(signalId + '|', new StringSerializer())) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(alertsSent::delete);
    }
}
