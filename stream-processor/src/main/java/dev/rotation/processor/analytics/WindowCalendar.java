package dev.rotation.processor.analytics;

import java.time.Duration;
import java.util.Objects;

/**
 * Tumbling event-time windows. Windows whose size is a whole number of days are aligned to Monday
 * 1970-01-05 00:00 UTC, so a weekly window runs Monday to Monday, as weekly fund-flow reports
 * count; other sizes are aligned to UTC midnight of the epoch.
 */
public final class WindowCalendar {

    /** Monday 1970-01-05T00:00:00Z. */
    static final long MONDAY_ORIGIN_MS = Duration.ofDays(4).toMillis();

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final long sizeMs;
    private final long originMs;

    private WindowCalendar(long sizeMs, long originMs) {
        this.sizeMs = sizeMs;
        this.originMs = originMs;
    }

    public static WindowCalendar weekly() {
        return of(Duration.ofDays(7));
    }

    public static WindowCalendar daily() {
        return of(Duration.ofDays(1));
    }

    public static WindowCalendar of(Duration size) {
        Objects.requireNonNull(size, "size");
        long ms = size.toMillis();
        if (ms <= 0) {
            throw new IllegalArgumentException("window size must be positive: " + size);
        }
        return new WindowCalendar(ms, ms % DAY_MS == 0 ? MONDAY_ORIGIN_MS : 0L);
    }

    public EventWindow windowFor(long eventTimeMs) {
        long start = originMs + Math.floorDiv(eventTimeMs - originMs, sizeMs) * sizeMs;
        return new EventWindow(start, start + sizeMs);
    }

    public EventWindow previous(EventWindow w) {
        return new EventWindow(w.start() - sizeMs, w.start());
    }

    public EventWindow next(EventWindow w) {
        return new EventWindow(w.end(), w.end() + sizeMs);
    }

    public Duration size() {
        return Duration.ofMillis(sizeMs);
    }

    @Override
    public String toString() {
        return "WindowCalendar[size="
                + size()
                + ", origin="
                + java.time.Instant.ofEpochMilli(originMs)
                + "]";
    }
}
