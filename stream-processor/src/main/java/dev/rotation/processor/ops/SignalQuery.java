package dev.rotation.processor.ops;

import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code /signals} query: filters on type, status and window time, and a limit. Bad
 * parameters are rejected with a message naming them (the endpoint answers 400).
 */
public record SignalQuery(SignalType type, SignalStatus status, Long since, Long until, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    public static SignalQuery parse(Map<String, String> params) {
        for (String k : params.keySet()) {
            if (!List.of("type", "status", "since", "until", "limit").contains(k)) {
                throw new IllegalArgumentException("unknown parameter '" + k + "' (allowed: type, status, since, until, limit)");
            }
        }
        SignalType type = null;
        if (params.containsKey("type")) {
            try {
                type = SignalType.valueOf(params.get("type").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("type must be one of " + List.of(SignalType.values()) + ", got '" + params.get("type") + "'");
            }
        }
        SignalStatus status = null;
        if (params.containsKey("status")) {
            try {
                status = SignalStatus.valueOf(params.get("status").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status must be one of " + List.of(SignalStatus.values()) + ", got '" + params.get("status") + "'");
            }
        }
        Long since = params.containsKey("since") ? time("since", params.get("since")) : null;
        Long until = params.containsKey("until") ? time("until", params.get("until")) : null;
        if (since != null && until != null && until < since) {
            throw new IllegalArgumentException("until must not be before since");
        }
        int limit = DEFAULT_LIMIT;
        if (params.containsKey("limit")) {
            try {
                limit = Integer.parseInt(params.get("limit"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit must be an integer, got '" + params.get("limit") + "'");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
            }
        }
        return new SignalQuery(type, status, since, until, limit);
    }

    private static long time(String name, String v) {
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                    : Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date (2026-01-19) or an instant (2026-01-19T00:00:00Z), got '" + v + "'");
        }
    }

    public boolean matches(Signal s) {
        return (type == null || s.getType() == type)
                && (status == null || s.getStatus() == status)
                && (since == null || s.getWindowEnd().toEpochMilli() > since)
                && (until == null || s.getWindowStart().toEpochMilli() < until);
    }

    /** Matching signals, newest window first, then by type. */
    public List<Signal> apply(Iterable<Signal> all) {
        List<Signal> out = new ArrayList<>();
        for (Signal s : all) {
            if (matches(s)) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparing(Signal::getWindowStart).reversed()
                .thenComparing(s -> s.getType().name()).thenComparing(Signal::getSignalId));
        return out.size() > limit ? out.subList(0, limit) : out;
    }
}
