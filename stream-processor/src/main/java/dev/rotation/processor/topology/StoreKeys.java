package dev.rotation.processor.topology;

import dev.rotation.model.events.InputEventType;

/**
 * Keys of windowed state: the window start zero-padded so that byte order is time order (range
 * scans purge old windows), then the subject.
 */
final class StoreKeys {
    private StoreKeys() {}

    static String window(long windowStart) {
        String digits = Long.toString(windowStart);
        StringBuilder sb = new StringBuilder(20);
        for (int i = digits.length(); i < 15; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    static String windowSubject(long windowStart, String subject) {
        return window(windowStart) + '|' + subject;
    }

    /**
     * A subject's metrics of one feed in a window (stage 2); all of a window's share {@code
     * window(start) + '|'}.
     */
    static String windowFeedSubject(long windowStart, InputEventType kind, String subject) {
        return window(windowStart) + '|' + kind.name() + '|' + subject;
    }

    /**
     * An event id seen in a window (stage-1 dedupe), with the event's time: the same id at another
     * time is another event.
     */
    static String windowEvent(long windowStart, long eventTime, String eventId) {
        return window(windowStart) + '|' + eventTime + '|' + eventId;
    }

    /** The subject of a {@link #windowSubject} key. */
    static String subjectOf(String key) {
        return key.substring(key.indexOf('|') + 1);
    }

    static long windowStartOf(String key) {
        int bar = key.indexOf('|');
        return Long.parseLong(bar < 0 ? key : key.substring(0, bar));
    }
}
