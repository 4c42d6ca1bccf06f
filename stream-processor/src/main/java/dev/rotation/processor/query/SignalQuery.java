package dev.rotation.processor.query;

import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which signals to read: filters on type, status and window time, and a limit. Each filter left
 * null matches everything.
 *
 * <p>{@code since} and {@code until} select the windows that overlap the period between them, both
 * ends inclusive: a window [start, end) matches when {@code end > since} and {@code start <=
 * until}. Given as a plain date ({@code 2026-01-19}), {@code since} means the start of that day
 * (UTC) and {@code until} the end of it, so {@code since=D&until=D} selects the windows that
 * contain any part of day D, such as the week that starts on D.
 *
 * @param limit at most this many signals, 1 to {@value #MAX_LIMIT}
 */
public record SignalQuery(
        SignalType type, SignalStatus status, Instant since, Instant until, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;
    private static final List<String> PARAMETERS =
            List.of("type", "status", "since", "until", "limit");

    public SignalQuery {
        if (since != null && until != null && until.isBefore(since)) {
            throw new IllegalArgumentException("until must not be before since");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /** Every kept signal (up to {@value #MAX_LIMIT}). */
    public static SignalQuery all() {
        return new SignalQuery(null, null, null, null, MAX_LIMIT);
    }

    public SignalQuery withType(SignalType t) {
        return new SignalQuery(t, status, since, until, limit);
    }

    public SignalQuery withStatus(SignalStatus s) {
        return new SignalQuery(type, s, since, until, limit);
    }

    /** The windows that overlap {@code [from, to]}, both inclusive. */
    public SignalQuery between(Instant from, Instant to) {
        return new SignalQuery(type, status, from, to, limit);
    }

    /** The windows that contain any part of {@code day} (UTC). */
    public SignalQuery during(LocalDate day) {
        return between(startOf(day), endOf(day));
    }

    /**
     * The query of a {@code /signals} request's parameters ({@code type}, {@code status}, {@code
     * since}, {@code until}, {@code limit}; case-insensitive enum values; dates or ISO-8601
     * instants). A bad or unknown parameter throws {@link IllegalArgumentException} with a message
     * naming it, for a 400 answer.
     */
    public static SignalQuery parse(Map<String, String> params) {
        for (String k : params.keySet()) {
            if (!PARAMETERS.contains(k)) {
                throw new IllegalArgumentException(
                        "unknown parameter '"
                                + k
                                + "' (allowed: "
                                + String.join(", ", PARAMETERS)
                                + ")");
            }
        }
        SignalType type = null;
        if (params.containsKey("type")) {
            // UNKNOWN is the Avro reader's default for a symbol it does not know, not a type
            List<SignalType> types =
                    Arrays.stream(SignalType.values())
                            .filter(t -> t != SignalType.UNKNOWN)
                            .toList();
            String asked = params.get("type").toUpperCase(Locale.ROOT);
            type =
                    types.stream()
                            .filter(t -> t.name().equals(asked))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "type must be one of "
                                                            + types
                                                            + ", got '"
                                                            + params.get("type")
                                                            + "'"));
        }
        SignalStatus status = null;
        if (params.containsKey("status")) {
            try {
                status = SignalStatus.valueOf(params.get("status").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "status must be one of "
                                + List.of(SignalStatus.values())
                                + ", got '"
                                + params.get("status")
                                + "'");
            }
        }
        Instant since =
                params.containsKey("since") ? time("since", params.get("since"), false) : null;
        Instant until =
                params.containsKey("until") ? time("until", params.get("until"), true) : null;
        int limit = DEFAULT_LIMIT;
        if (params.containsKey("limit")) {
            try {
                limit = Integer.parseInt(params.get("limit"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "limit must be a whole number between 1 and "
                                + MAX_LIMIT
                                + ", got '"
                                + params.get("limit")
                                + "'");
            }
        }
        return new SignalQuery(type, status, since, until, limit);
    }

    /**
     * A date ({@code 2026-01-19}: its first or, for an end of a period, its last millisecond) or an
     * instant.
     */
    private static Instant time(String name, String v, boolean endOfPeriod) {
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return endOfPeriod ? endOf(day) : startOf(day);
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name
                            + " must be a date (2026-01-19) or an instant (2026-01-19T00:00:00Z), got '"
                            + v
                            + "'");
        }
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The last millisecond of the day: signal times have millisecond precision. */
    private static Instant endOf(LocalDate day) {
        return startOf(day.plusDays(1)).minusMillis(1);
    }

    /** Whether a window [start, end) overlaps the query's period. */
    public boolean matchesWindow(Instant windowStart, Instant windowEnd) {
        return (since == null || windowEnd.isAfter(since))
                && (until == null || !windowStart.isAfter(until));
    }

    public boolean matches(Signal s) {
        return (type == null || s.getType() == type)
                && (status == null || s.getStatus() == status)
                && matchesWindow(s.getWindowStart(), s.getWindowEnd());
    }

    /**
     * Matching signals, newest window first, then by type and signalId, at most {@link #limit()}.
     */
    public List<Signal> apply(Iterable<Signal> all) {
        List<Signal> out = new ArrayList<>();
        for (Signal s : all) {
            if (matches(s)) {
                out.add(s);
            }
        }
        out.sort(
                Comparator.comparing(Signal::getWindowStart)
                        .reversed()
                        .thenComparing(s -> s.getType().name())
                        .thenComparing(Signal::getSignalId));
        return out.size() > limit ? out.subList(0, limit) : out;
    }
}
