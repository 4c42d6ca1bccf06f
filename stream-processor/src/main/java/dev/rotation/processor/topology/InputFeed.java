package dev.rotation.processor.topology;

import dev.rotation.model.events.InputEventType;
import dev.rotation.model.validation.EventValidator;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.SubjectMetrics;
import dev.rotation.processor.analytics.WindowPolicy;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One input feed's part of stage 1 ({@link InputStage}): validates an event, assigns its event-time
 * window, sets aside late events, drops duplicates (same eventId) and folds the event into the
 * subject's accumulator for that window, and computes a subject's current window metrics when stage
 * 1 sends them. Windows, lateness and retention follow the {@link WindowPolicy} (report rows have
 * their own lateness and retention, see {@link InputProcessors.Flows}). Inputs are keyed by
 * subject, the record key of the feed's {@link InputEventType} contract, so one subject's
 * accumulator lives in one task.
 *
 * @param <V> the Avro event type
 * @param <A> the accumulator type
 */
abstract class InputFeed<V extends SpecificRecord, A> {
    protected final InputEventType kind;
    private final InputChecks checks;
    private final WindowPolicy windows;
    private final String storeName;
    private final String dedupeStoreName;
    final ProcessorMetrics.Feed counters;

    private KeyValueStore<String, A> accumulators;

    /**
     * Event ids seen, by window ({@link StoreKeys#windowEvent}); purged with the accumulators. Null
     * for a feed that deduplicates inside its accumulator (report rows).
     */
    private KeyValueStore<String, String> dedupe;

    /**
     * Deserialised accumulators of this task, by store key. The store stays the source of truth
     * (every change is put to it; its commit buffer persists it with the next commit, so changelogs
     * and exactly-once are unaffected); this spares parsing the current and the previous window's
     * accumulator after each commit.
     */
    private final Map<String, A> live = new HashMap<>();

    /**
     * @param checks what this feed refuses before time (the same instance the topic's timestamp
     *     extractor uses)
     */
    InputFeed(
            InputChecks checks,
            InputStage.Timing timing,
            String storeName,
            String dedupeStoreName,
            ProcessorMetrics metrics) {
        this.kind = checks.type();
        this.checks = checks;
        this.windows = timing.windows();
        this.storeName = storeName;
        this.dedupeStoreName = dedupeStoreName;
        this.counters = metrics.feed(kind.label());
    }

    void init(ProcessorContext<?, ?> context) {
        this.accumulators = context.getStateStore(storeName);
        this.dedupe = dedupeStoreName == null ? null : context.getStateStore(dedupeStoreName);
        live.clear();
    }

    /** Where an accepted event went. */
    record Change(String storeKey, EventWindow window, String subject) {}

    /**
     * Validates and folds in one event; the (window, subject) it changed, or null when it changed
     * nothing (a duplicate).
     *
     * @throws RejectedEventException invalid, mis-keyed or later than grace
     */
    Change accept(String recordKey, Object value, long eventTime, long streamTime) {
        counters.consumed().increment();
        if (value == null) {
            throw RejectedEventException.invalid(
                    kind, InputChecks.NULL_VALUE, "record has no value");
        }
        @SuppressWarnings("unchecked")
        V event = (V) value;
        List<EventValidator.Violation> violations = checks.validate(event);
        if (!violations.isEmpty()) {
            throw RejectedEventException.invalid(
                    kind,
                    violations.get(0).code(),
                    violations.stream()
                            .map(EventValidator.Violation::message)
                            .collect(Collectors.joining("; ")));
        }
        EventValidator.Violation mismatch = checks.keyMismatch(recordKey, event);
        if (mismatch != null) {
            throw RejectedEventException.invalid(kind, mismatch.code(), mismatch.message());
        }
        String subject = subject(event);
        EventWindow window = windows.windowOf(eventTime);
        if (!takes(window, streamTime)) {
            throw RejectedEventException.late(
                    kind, windows.latenessMs(window, streamTime), window.end(), streamTime);
        }
        counters.aggregated().increment();
        if (dedupe != null) {
            String seenKey = StoreKeys.windowEvent(window.start(), eventTime, eventId(event));
            if (dedupe.get(seenKey) != null) {
                counters.duplicates().increment();
                return null;
            }
            dedupe.put(seenKey, "1");
        }
        String key = StoreKeys.windowSubject(window.start(), subject);
        A acc = load(key);
        if (acc == null) {
            acc = newAccumulator(window);
        }
        if (!add(acc, event, eventTime)) {
            counters.duplicates().increment();
            return null;
        }
        accumulators.put(key, acc);
        live.put(key, acc);
        return new Change(key, window, subject);
    }

    /** The subject's current metrics in the window, or null if its accumulator is gone (purged). */
    SubjectMetrics currentMetrics(Change c) {
        A acc = load(c.storeKey());
        if (acc == null) {
            return null;
        }
        A previous =
                needsPrevious()
                        ? load(
                                StoreKeys.windowSubject(
                                        windows.previous(c.window()).start(), c.subject()))
                        : null;
        return metrics(c.subject(), acc, previous);
    }

    /**
     * Every (window, subject) this task holds whose window is still open at the given stream time.
     */
    List<Change> openWindows(long streamTime) {
        List<Change> open = new ArrayList<>();
        try (KeyValueIterator<String, A> it = accumulators.all()) {
            while (it.hasNext()) {
                String key = it.next().key;
                EventWindow window = windows.windowOf(StoreKeys.windowStartOf(key));
                if (windows.isOpen(window, streamTime)) {
                    open.add(new Change(key, window, StoreKeys.subjectOf(key)));
                }
            }
        }
        return open;
    }

    private A load(String key) {
        A acc = live.get(key);
        if (acc == null) {
            acc = accumulators.get(key);
            if (acc != null) {
                live.put(key, acc);
            }
        }
        return acc;
    }

    /**
     * Deletes the accumulators, and the event ids, of the windows the window policy no longer
     * keeps; returns the accumulators' store keys.
     */
    List<String> purge(long streamTime) {
        long horizon = horizon(streamTime);
        if (horizon <= 0) {
            return new ArrayList<>();
        }
        List<String> old = notKept(accumulators, horizon, streamTime);
        old.forEach(
                k -> {
                    accumulators.delete(k);
                    live.remove(k);
                });
        if (dedupe != null) {
            notKept(dedupe, horizon, streamTime).forEach(dedupe::delete);
        }
        return old;
    }

    /**
     * Keys of a store keyed by {@link StoreKeys#window} first whose window starts before the
     * horizon and is no longer kept at the stream time.
     */
    private List<String> notKept(KeyValueStore<String, ?> store, long horizon, long streamTime) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ?> it =
                store.range(StoreKeys.window(0), StoreKeys.window(horizon))) {
            while (it.hasNext()) {
                String key = it.next().key;
                if (!keeps(windows.windowOf(StoreKeys.windowStartOf(key)), streamTime)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /**
     * Whether an event of window {@code w} is still taken at the stream time; if not it is late. By
     * default, while the window is open.
     */
    boolean takes(EventWindow w, long streamTime) {
        return windows.isOpen(w, streamTime);
    }

    /** Whether the accumulator of window {@code w} is still kept at the stream time. */
    boolean keeps(EventWindow w, long streamTime) {
        return windows.keepsAccumulator(w, streamTime);
    }

    /** Accumulators of windows that start before this time may be purged (a range-scan bound). */
    long horizon(long streamTime) {
        return windows.accumulatorHorizon(streamTime);
    }

    final WindowPolicy windows() {
        return windows;
    }

    /** The subject the event is aggregated under: its record key by the contract. */
    final String subject(V event) {
        return kind.key(event);
    }

    final String eventId(V event) {
        return kind.eventId(event);
    }

    abstract A newAccumulator(EventWindow window);

    /** Folds the event in; false if it changed nothing (a duplicate). */
    abstract boolean add(A acc, V event, long eventTime);

    boolean needsPrevious() {
        return false;
    }

    /**
     * The subject's current window metrics (FlowMetrics, PriceMetrics, VolumeMetrics or
     * MetalMetrics).
     */
    abstract SubjectMetrics metrics(String subject, A acc, A previous);
}
