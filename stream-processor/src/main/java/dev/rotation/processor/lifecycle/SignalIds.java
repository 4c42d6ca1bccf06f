package dev.rotation.processor.lifecycle;

import dev.rotation.model.SignalType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A signal's id is readable and stable across its revisions: type, window start date and subjects,
 * e.g. {@code ROTATION_TO_HIGH_BETA|2026-01-19|group:high-beta}. It is also the Kafka key of every
 * revision, so one signal's revisions land on one partition in order.
 */
public final class SignalIds {
    private SignalIds() {}

    public static String of(SignalType type, long windowStart, List<String> subjects) {
        String start =
                Instant.ofEpochMilli(windowStart)
                        .atOffset(ZoneOffset.UTC)
                        .toLocalDateTime()
                        .toString();
        if (start.endsWith("T00:00")) {
            start = start.substring(0, start.length() - "T00:00".length());
        }
        return type.name() + "|" + start + "|" + String.join(",", subjects);
    }
}
