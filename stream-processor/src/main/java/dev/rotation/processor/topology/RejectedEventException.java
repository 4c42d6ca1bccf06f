package dev.rotation.processor.topology;

import dev.rotation.model.events.InputEventType;

/**
 * Thrown by an input processor to set a record aside: invalid (dead-letter topic) or later than the
 * grace period (late-events topic). The processing exception handler turns it into a record
 * carrying the original source bytes and headers naming the reason, so nothing is lost and nothing
 * is silent. Stackless: it is control flow, not a bug.
 */
public final class RejectedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Where a rejected record goes. */
    public enum Route {
        DEAD_LETTER,
        LATE
    }

    private final Route route;
    private final String reason;
    private final InputEventType kind;
    private final long latenessMs;
    private final long windowEnd;
    private final long streamTime;

    private RejectedEventException(
            Route route,
            InputEventType kind,
            String reason,
            String message,
            long latenessMs,
            long windowEnd,
            long streamTime) {
        super(reason + ": " + message, null, false, false);
        this.route = route;
        this.kind = kind;
        this.reason = reason;
        this.latenessMs = latenessMs;
        this.windowEnd = windowEnd;
        this.streamTime = streamTime;
    }

    public static RejectedEventException invalid(
            InputEventType kind, String reason, String message) {
        return new RejectedEventException(Route.DEAD_LETTER, kind, reason, message, 0, 0, 0);
    }

    public static RejectedEventException late(
            InputEventType kind, long latenessMs, long windowEnd, long streamTime) {
        return new RejectedEventException(
                Route.LATE,
                kind,
                "LATE",
                "event is " + latenessMs + " ms past its window's end plus grace",
                latenessMs,
                windowEnd,
                streamTime);
    }

    public Route route() {
        return route;
    }

    public InputEventType kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    public long latenessMs() {
        return latenessMs;
    }

    public long windowEnd() {
        return windowEnd;
    }

    public long streamTime() {
        return streamTime;
    }
}
