package dev.rotation.processor.analytics;

/** An event-time window, epoch millis, {@code [start, end)}. */
public record EventWindow(long start, long end) {

    public EventWindow {
        if (end <= start) {
            throw new IllegalArgumentException(
                    "window end " + end + " must be after start " + start);
        }
    }

    public boolean contains(long eventTimeMs) {
        return eventTimeMs >= start && eventTimeMs < end;
    }

    public long sizeMs() {
        return end - start;
    }

    @Override
    public String toString() {
        return "["
                + java.time.Instant.ofEpochMilli(start)
                + ", "
                + java.time.Instant.ofEpochMilli(end)
                + ")";
    }
}
