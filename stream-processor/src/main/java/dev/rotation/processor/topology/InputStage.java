package dev.rotation.processor.topology;

import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.SubjectMetrics;
import dev.rotation.processor.analytics.WindowPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Stage 1 of the topology: one processor per task for all four input feeds (the task owns partition
 * n of each), dispatching every record to its {@link InputFeed} by source topic. Runs in parallel
 * across input partitions.
 *
 * <p>Changed subjects go to stage 2 in batches, not per event: every {@code window.update.interval}
 * (wall clock) the task forwards the current metrics of each (feed, window, subject) that changed
 * since the last batch, once, in the order they last changed. A thousand bars of one instrument
 * inside an interval make one {@link SubjectUpdate}, so the single-partition snapshot stage does
 * work in proportion to subjects, not events. A batch is also sent at once when stream time reaches
 * the close of a window with a pending change, and when too many changes are pending. Each update
 * carries the task's stream time when its subject last changed; since a pending change is always
 * for a window still open at the clock of every update sent before it, the clock stage 2 sees never
 * closes a window whose data is still to come. (Report rows for a window that has already closed at
 * the task's clock, which stage 1 takes for stage 2 to judge, are sent at once.)
 *
 * <p>Exactly-once: every event's change to its accumulator (and event id) is written to the feed's
 * store, whose commit buffer persists and changelogs it with the next commit ({@link
 * CommitBufferedStore}), so a commit may include changes whose update has not been sent yet. After
 * a (re)start the task therefore re-sends every window still open at its restored stream time
 * (where every pending change is, see above); stage 2 ignores updates that change nothing.
 */
final class InputStage implements Processor<String, Object, String, SubjectUpdate> {
    /** How often, in stream time, state older than any open window is purged. */
    private static final Duration PURGE_INTERVAL = Duration.ofHours(6);

    /**
     * Pending changes that force a batch before the interval is up (bounds memory and burst size).
     */
    static final int MAX_PENDING = 4096;

    /** Event-time windows, and how often changes go to stage 2 (zero: after every event). */
    record Timing(WindowPolicy windows, Duration updateInterval) {}

    /**
     * A change not sent yet: where, the newest event time behind it, and the clock when it last
     * changed.
     */
    private record Pending(
            InputFeed<?, ?> feed,
            InputFeed.Change change,
            long eventTime,
            long ingestTime,
            long clockTime) {}

    private final Map<String, InputFeed<?, ?>> feedsByTopic;
    private final WindowPolicy windows;
    private final Duration updateInterval;
    private final Runnable registryReachable;

    private ProcessorContext<String, SubjectUpdate> context;
    private String clock;

    /**
     * Changes not yet sent, by feed and store key, in the order they last changed (ascending
     * clock): access order, so re-putting a key moves it last.
     */
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>(256, 0.75f, true);

    /** Earliest close (end + grace) among the pending windows. */
    private long pendingCloses = Long.MAX_VALUE;

    /**
     * @param feedsByTopic the feed of each input topic (new instances per task)
     * @param registryReachable told on every decoded record (the registry answered, or was not
     *     needed)
     */
    InputStage(
            Map<String, InputFeed<?, ?>> feedsByTopic, Timing timing, Runnable registryReachable) {
        this.feedsByTopic = Map.copyOf(feedsByTopic);
        this.windows = timing.windows();
        this.updateInterval = timing.updateInterval();
        this.registryReachable = registryReachable;
    }

    static Supplier<InputStage> supplier(
            Supplier<Map<String, InputFeed<?, ?>>> feeds,
            Timing timing,
            Runnable registryReachable) {
        return () -> new InputStage(feeds.get(), timing, registryReachable);
    }

    @Override
    public void init(ProcessorContext<String, SubjectUpdate> context) {
        this.context = context;
        // one task owns partition n of every feed, so its stream time is the clock stage 2 watches
        this.clock = "task-" + context.taskId();
        pending.clear();
        pendingCloses = Long.MAX_VALUE;
        feedsByTopic.values().forEach(f -> f.init(context));
        context.schedule(PURGE_INTERVAL, PunctuationType.STREAM_TIME, this::purge);
        if (!updateInterval.isZero()) {
            context.schedule(updateInterval, PunctuationType.WALL_CLOCK_TIME, t -> sendPending());
        }
        // the last commit may hold changes whose update was still pending: re-send what is open
        long streamTime = context.currentStreamTimeMs();
        long now = context.currentSystemTimeMs();
        for (InputFeed<?, ?> feed : feedsByTopic.values()) {
            for (InputFeed.Change c : feed.openWindows(streamTime)) {
                markPending(feed, c, c.window().start(), now, streamTime);
            }
        }
    }

    @Override
    public void process(Record<String, Object> record) {
        registryReachable.run();
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
        InputFeed<?, ?> feed = feedsByTopic.get(topic);
        if (feed == null) {
            throw new IllegalStateException("no input feed for topic " + topic);
        }
        long streamTime = context.currentStreamTimeMs();
        if (streamTime >= pendingCloses) {
            // a pending window is closing: its data goes out before any clock that could close it
            sendPending();
        }
        long eventTime = record.timestamp();
        InputFeed.Change change = feed.accept(record.key(), record.value(), eventTime, streamTime);
        if (change == null) {
            return;
        }
        markPending(feed, change, eventTime, context.currentSystemTimeMs(), streamTime);
        // a report row for a window already closed at this task's clock goes out at once: after a
        // restart only open windows are re-sent, so nothing for a closed one may stay pending
        if (updateInterval.isZero()
                || pending.size() >= MAX_PENDING
                || !windows.isOpen(change.window(), streamTime)) {
            sendPending();
        }
    }

    private void markPending(
            InputFeed<?, ?> feed,
            InputFeed.Change change,
            long eventTime,
            long now,
            long streamTime) {
        String key = pendingKey(feed, change.storeKey());
        Pending before = pending.get(key);
        long newest = before == null ? eventTime : Math.max(eventTime, before.eventTime());
        pending.put(key, new Pending(feed, change, newest, now, streamTime));
        pendingCloses = Math.min(pendingCloses, windows.closeOf(change.window()));
    }

    private static String pendingKey(InputFeed<?, ?> feed, String storeKey) {
        return feed.kind.label() + '|' + storeKey;
    }

    /**
     * Forwards the current metrics of every pending (feed, window, subject), oldest change first.
     */
    private void sendPending() {
        for (Pending p : pending.values()) {
            SubjectMetrics m = p.feed().currentMetrics(p.change());
            if (m == null) {
                continue; // purged meanwhile: the window is long closed
            }
            EventWindow w = p.change().window();
            SubjectUpdate update =
                    new SubjectUpdate(
                            w.start(),
                            w.end(),
                            p.change().subject(),
                            m,
                            p.eventTime(),
                            p.ingestTime(),
                            clock,
                            p.clockTime());
            context.forward(new Record<>(StoreKeys.window(w.start()), update, p.eventTime()));
            p.feed().counters.updatesSent().increment();
        }
        pending.clear();
        pendingCloses = Long.MAX_VALUE;
    }

    private void purge(long streamTime) {
        for (InputFeed<?, ?> feed : feedsByTopic.values()) {
            List<String> purged = feed.purge(streamTime);
            purged.forEach(k -> pending.remove(pendingKey(feed, k)));
        }
    }
}
