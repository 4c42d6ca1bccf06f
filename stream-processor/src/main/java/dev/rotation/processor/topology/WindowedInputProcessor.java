package dev.rotation.processor.topology;

import dev.rotation.model.validation.EventValidator;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.MetalMetrics;
import dev.rotation.processor.analytics.PriceMetrics;
import dev.rotation.processor.analytics.VolumeMetrics;
import dev.rotation.processor.analytics.WindowCalendar;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Stage 1 of the topology, one per input feed: validates each event, assigns its event-time
 * window, sets aside late events, drops duplicates (same eventId), folds the event into the
 * subject's accumulator for that window and forwards the subject's updated window metrics to
 * stage 2. Runs in parallel across input partitions; inputs are keyed by subject (see
 * docs/operations.md), so one subject's accumulator lives in one task.
 *
 * @param <V> the Avro event type
 * @param <A> the accumulator type
 */
abstract class WindowedInputProcessor<V, A> implements Processor<String, V, String, SubjectUpdate> {
    /** How often, in stream time, state older than any open window is purged. */
    private static final Duration PURGE_INTERVAL = Duration.ofHours(6);

    protected final InputKind kind;
    protected final WindowCalendar calendar;
    private final long graceMs;
    private final String storeName;
    private final String dedupeStoreName;
    protected final ProcessorMetrics metrics;

    private ProcessorContext<String, SubjectUpdate> context;
    private KeyValueStore<String, A> accumulators;
    private WindowStore<String, String> dedupe;
    private String clock;
    /**
     * Deserialised accumulators of this task, by store key. The store stays the source of truth
     * (every change is written through, so changelogs and exactly-once are unaffected); this
     * spares parsing the current and the previous window's accumulator on every event.
     */
    private final java.util.Map<String, A> live = new java.util.HashMap<>();

    WindowedInputProcessor(InputKind kind, WindowCalendar calendar, Duration grace, String storeName,
                           String dedupeStoreName, ProcessorMetrics metrics) {
        this.kind = kind;
        this.calendar = calendar;
        this.graceMs = grace.toMillis();
        this.storeName = storeName;
        this.dedupeStoreName = dedupeStoreName;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SubjectUpdate> context) {
        this.context = context;
        this.accumulators = context.getStateStore(storeName);
        this.dedupe = dedupeStoreName == null ? null : context.getStateStore(dedupeStoreName);
        live.clear();
        // all four feeds share a sub-topology (merged), so a task's stream time covers partition n of each
        this.clock = "task-" + context.taskId();
        context.schedule(PURGE_INTERVAL, PunctuationType.STREAM_TIME, this::purge);
    }

    @Override
    public void process(Record<String, V> record) {
        metrics.consumed(kind.label());
        metrics.registryReachable();
        V event = record.value();
        if (event == null) {
            throw RejectedEventException.invalid(kind, "NULL_VALUE", "record has no value");
        }
        List<EventValidator.Violation> violations = validate(event);
        if (!violations.isEmpty()) {
            throw RejectedEventException.invalid(kind, violations.get(0).code(),
                    violations.stream().map(EventValidator.Violation::message).collect(Collectors.joining("; ")));
        }
        String subject = subject(event);
        if (!subject.equals(record.key())) {
            throw RejectedEventException.invalid(kind, "KEY_MISMATCH", "record key '" + record.key()
                    + "' is not the event's subject '" + subject + "' (inputs must be keyed by subject)");
        }
        long eventTime = record.timestamp();
        EventWindow window = calendar.windowFor(eventTime);
        long streamTime = context.currentStreamTimeMs();
        long closesAt = window.end() + graceMs;
        if (streamTime >= closesAt) {
            throw RejectedEventException.late(kind, streamTime - closesAt, window.end(), streamTime);
        }
        metrics.aggregated(kind.label());
        if (dedupe != null) {
            String eventId = eventId(event);
            if (dedupe.fetch(eventId, eventTime) != null) {
                metrics.duplicate(kind.label());
                return;
            }
            dedupe.put(eventId, "1", eventTime);
        }
        String key = StoreKeys.windowSubject(window.start(), subject);
        A acc = load(key);
        if (acc == null) {
            acc = newAccumulator(window);
        }
        if (!add(acc, event, eventTime)) {
            metrics.duplicate(kind.label());
            return;
        }
        accumulators.put(key, acc);
        live.put(key, acc);
        A previous = needsPrevious() ? load(StoreKeys.windowSubject(calendar.previous(window).start(), subject)) : null;
        Object m = metrics(subject, acc, previous);
        SubjectUpdate update = new SubjectUpdate(kind, window.start(), window.end(), subject,
                m instanceof FlowMetrics f ? f : null, m instanceof PriceMetrics p ? p : null,
                m instanceof VolumeMetrics v ? v : null, m instanceof MetalMetrics x ? x : null,
                eventTime, context.currentSystemTimeMs(), clock, streamTime);
        context.forward(new Record<>(StoreKeys.window(window.start()), update, eventTime));
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

    private void purge(long streamTime) {
        // keep the previous window too: prices and metals measure returns against its last close
        long cutoff = streamTime - graceMs - 3 * calendar.size().toMillis();
        if (cutoff <= 0) {
            return;
        }
        try (KeyValueIterator<String, A> it = accumulators.range(StoreKeys.window(0), StoreKeys.window(cutoff))) {
            List<String> old = new java.util.ArrayList<>();
            while (it.hasNext()) {
                KeyValue<String, A> kv = it.next();
                old.add(kv.key);
            }
            old.forEach(k -> {
                accumulators.delete(k);
                live.remove(k);
            });
        }
    }

    abstract List<EventValidator.Violation> validate(V event);

    abstract String subject(V event);

    abstract String eventId(V event);

    abstract A newAccumulator(EventWindow window);

    /** Folds the event in; false if it changed nothing (a duplicate). */
    abstract boolean add(A acc, V event, long eventTime);

    boolean needsPrevious() {
        return false;
    }

    /** The subject's current window metrics (FlowMetrics, PriceMetrics, VolumeMetrics or MetalMetrics). */
    abstract Object metrics(String subject, A acc, A previous);
}
