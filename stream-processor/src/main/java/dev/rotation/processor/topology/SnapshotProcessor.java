package dev.rotation.processor.topology;

import dev.rotation.model.Alert;
import dev.rotation.model.Signal;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.WindowPolicy;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.lifecycle.SignalDetector;
import dev.rotation.processor.lifecycle.SignalLifecycle;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.rules.Detection;
import java.time.Duration;
import java.util.ArrayList;
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
 */
final class SnapshotProcessor implements Processor<String, SubjectUpdate, String, SpecificRecord> {
    static final String HISTORY_KEY = "history";

    private final Names names;
    private final AnalyticsConfig config;
    private final SignalDetector detector;
    private final SignalLifecycle lifecycle;
    private final WindowPolicy windowPolicy;
    private final ProcessorMetrics metrics;

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
            String clockStore) {}

    SnapshotProcessor(
            Names names,
            AnalyticsConfig config,
            WindowPolicy windowPolicy,
            Duration idleTimeout,
            int expectedSources,
            ProcessorMetrics metrics) {
        this.clocks = new SourceClocks(idleTimeout.toMillis(), expectedSources);
        this.names = names;
        this.config = config;
        this.detector = new SignalDetector(config);
        this.lifecycle = new SignalLifecycle(config.lifecycle());
        this.windowPolicy = windowPolicy;
        this.metrics = metrics;
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
        try (KeyValueIterator<String, Long> it = clockStore.all()) {
            it.forEachRemaining(kv -> clocks.restore(kv.key, kv.value, now));
        }
        // sources that went quiet still let windows close, checked on the wall clock
        context.schedule(
                Duration.ofSeconds(1),
                PunctuationType.WALL_CLOCK_TIME,
                t -> closeDue(clocks.watermark(context.currentSystemTimeMs())));
        open.clear();
        live.clear();
        liveHistory = null;
        try (KeyValueIterator<String, WindowState> it = windows.all()) {
            while (it.hasNext()) {
                WindowState s = it.next().value;
                if (!s.closed) {
                    open.put(s.start, s.window());
                }
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
        String key = StoreKeys.window(window.start());
        WindowState state = live.get(window.start());
        if (state == null) {
            state = load(window.start());
        }
        if (state == null) {
            state = new WindowState(window);
        }
        if (!state.apply(u)) {
            closeDue(clocks.watermark(context.currentSystemTimeMs()));
            return;
        }
        subjects.put(StoreKeys.windowFeedSubject(window.start(), u.kind(), u.subject()), u);
        long now = context.currentSystemTimeMs();
        TrailingHistory h = history();
        WindowSnapshot snapshot = snapshot(state, h);
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
        windows.put(key, state);
        emit(outcome, state, now, record.timestamp());
        closeDue(clocks.watermark(context.currentSystemTimeMs()));
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

    private WindowSnapshot snapshot(WindowState s, TrailingHistory h) {
        return WindowSnapshot.of(
                s.window(), s.flows.values(), s.prices, s.volumes, s.metals, h, config.groups());
    }

    /** Closes, in window order, every open window the watermark has closed. */
    private void closeDue(long watermark) {
        boolean closedAny = false;
        while (!open.isEmpty()) {
            Map.Entry<Long, EventWindow> first = open.firstEntry();
            if (windowPolicy.isOpen(first.getValue(), watermark)) {
                break;
            }
            open.pollFirstEntry();
            String key = StoreKeys.window(first.getKey());
            WindowState state = live.remove(first.getKey());
            if (state == null) {
                state = load(first.getKey());
            }
            if (state == null || state.closed) {
                continue;
            }
            long now = context.currentSystemTimeMs();
            TrailingHistory h = history();
            WindowSnapshot snapshot = snapshot(state, h);
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
