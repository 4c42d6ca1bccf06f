package dev.rotation.processor.topology;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Tests speak time in dates and instants, never raw epoch numbers. */
public final class Time {
    private Time() {}

    /** Midnight UTC at the start of the day, e.g. day("2026-01-19"). */
    public static long day(String isoDate) {
        return LocalDate.parse(isoDate).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    public static long at(String isoInstant) {
        return Instant.parse(isoInstant).toEpochMilli();
    }

    public static long days(long n) {
        return n * 86_400_000L;
    }
}
