package dev.rotation.processor.analytics;

import java.time.Duration;
import java.util.Objects;

/**
 * The event-time window rules in one place: which window an event belongs to, when a window closes,
 * whether an event is late, and how long a window's state is kept. Stage 1 (accept, batch, purge
 * accumulators) and stage 2 (close, purge snapshots) both ask this object, so they cannot disagree.
 * Built once from configuration ({@code window.size}, {@code window.grace}, {@code
 * signals.retention.windows}).
 *
 * <p>Times are epoch milliseconds (UTC). A window is {@code [start, end)} ({@link EventWindow});
 * "stream time" is the clock the caller judges by: a stage-1 task's stream time, or stage 2's
 * watermark (the slowest active stage-1 task, see {@code SourceClocks}).
 *
 * <ul>
 *   <li><b>Close.</b> A window closes at {@code end + grace}: from that stream time on it takes no
 *       more data and its signals are FINAL. Grace is what lets a weekly report published the
 *       Monday after its period still count.
 *   <li><b>Late.</b> An event is late when its window has closed at the stream time it arrives (an
 *       event exactly at the close is late). Report rows (fund flows) are the exception: a report
 *       that arrives after its window closed revises the window as a whole (stage 2 decides, for
 *       the whole report), and only a row of a window older than stage 2 keeps is late ({@link
 *       #takesReportRow}).
 *   <li><b>Stage-1 retention.</b> A subject's accumulator is kept until stream time passes the
 *       close of the second window after its own: the next window measures its returns against this
 *       one's last close, and one more window is margin. Stage 1 keeps the event ids it has seen in
 *       a window (deduplication) as long as the window's accumulators.
 *   <li><b>Stage-2 retention.</b> A closed window's snapshot and signals are kept until the {@code
 *       retainedWindows}-th window after it has closed, so the {@code retainedWindows} most recent
 *       closed windows stay queryable.
 * </ul>
 */
public final class WindowPolicy {
    private final WindowCalendar calendar;
    private final long graceMs;
    private final int retainedWindows;

    /**
     * @param calendar the windows' size and alignment
     * @param grace how long after a window's end data still counts (not negative)
     * @param retainedWindows how many of the most recent closed windows stage 2 keeps (at least 1)
     * @throws IllegalArgumentException grace negative or retainedWindows below 1
     */
    public WindowPolicy(WindowCalendar calendar, Duration grace, int retainedWindows) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("window grace must not be negative: " + grace);
        }
        if (retainedWindows < 1) {
            throw new IllegalArgumentException(
                    "retained windows must be at least 1: " + retainedWindows);
        }
        this.graceMs = grace.toMillis();
        this.retainedWindows = retainedWindows;
    }

    /** Windows of the given size (see {@link WindowCalendar#of} for the alignment). */
    public static WindowPolicy of(Duration size, Duration grace, int retainedWindows) {
        return new WindowPolicy(WindowCalendar.of(size), grace, retainedWindows);
    }

    public Duration size() {
        return calendar.size();
    }

    public Duration grace() {
        return Duration.ofMillis(graceMs);
    }

    /** The window that holds the event time. */
    public EventWindow windowOf(long eventTimeMs) {
        return calendar.windowFor(eventTimeMs);
    }

    /** The window before {@code w}. */
    public EventWindow previous(EventWindow w) {
        return calendar.previous(w);
    }

    /**
     * The stream time from which the window takes no more data and is final: its end plus grace.
     */
    public long closeOf(EventWindow w) {
        return w.end() + graceMs;
    }

    /** Whether the window still takes data at the given stream time (before its close). */
    public boolean isOpen(EventWindow w, long streamTimeMs) {
        return streamTimeMs < closeOf(w);
    }

    /** Whether an event of this time is late at the given stream time: its window has closed. */
    public boolean isLate(long eventTimeMs, long streamTimeMs) {
        return !isOpen(windowOf(eventTimeMs), streamTimeMs);
    }

    /**
     * How far past the window's close the stream time is, ms (negative while the window is open).
     */
    public long latenessMs(EventWindow w, long streamTimeMs) {
        return streamTimeMs - closeOf(w);
    }

    /**
     * Stage 1: accumulators of windows that start before this time can be deleted; it is past the
     * close of the second window after theirs. A bound for a range scan; {@link #keepsAccumulator}
     * decides.
     */
    public long accumulatorHorizon(long streamTimeMs) {
        return before(streamTimeMs, graceMs + 3 * sizeMs());
    }

    /**
     * Stage 1: whether a subject's accumulator of window {@code w} is still needed at the stream
     * time.
     */
    public boolean keepsAccumulator(EventWindow w, long streamTimeMs) {
        return w.start() >= accumulatorHorizon(streamTimeMs);
    }

    /**
     * Stage 2: closed windows that end at or before this time can be deleted with their signals;
     * the {@code retainedWindows}-th window after them has closed. A bound for a range scan; {@link
     * #keepsSnapshot} decides.
     */
    public long snapshotHorizon(long watermarkMs) {
        return before(watermarkMs, graceMs + retainedWindows * sizeMs());
    }

    /** Stage 2: whether window {@code w}'s snapshot and signals are still kept at the watermark. */
    public boolean keepsSnapshot(EventWindow w, long watermarkMs) {
        return w.end() > snapshotHorizon(watermarkMs);
    }

    /**
     * Stage 1, report rows (fund flows): rows of windows that end at or before this time are too
     * old for any window stage 2 could still revise. One window earlier than {@link
     * #snapshotHorizon}, as a margin: stage 1 judges by its own stream time, which runs ahead of
     * stage 2's watermark. A bound for a range scan; {@link #takesReportRow} decides.
     */
    public long reportRowHorizon(long streamTimeMs) {
        return before(snapshotHorizon(streamTimeMs), sizeMs());
    }

    /**
     * Stage 1: whether a report row (fund flow) of window {@code w} is still taken, and its
     * accumulator kept, at the stream time. Report rows are not late at a window's close: a report
     * arriving after its week closed revises the week as a whole, decided in stage 2 where all its
     * rows meet. Only rows of a week older than any stage 2 still keeps are late.
     */
    public boolean takesReportRow(EventWindow w, long streamTimeMs) {
        return w.end() > reportRowHorizon(streamTimeMs);
    }

    /**
     * {@code time - span}, or Long.MIN_VALUE when that is before any time: a clock not known yet
     * (Long.MIN_VALUE) keeps everything rather than wrapping round to a horizon past every window.
     */
    private static long before(long time, long span) {
        return time < Long.MIN_VALUE + span ? Long.MIN_VALUE : time - span;
    }

    private long sizeMs() {
        return calendar.size().toMillis();
    }

    @Override
    public String toString() {
        return "WindowPolicy[size="
                + size()
                + ", grace="
                + grace()
                + ", retainedWindows="
                + retainedWindows
                + "]";
    }
}
