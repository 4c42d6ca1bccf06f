package dev.rotation.processor.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.query.DetectorQueries;
import dev.rotation.processor.query.RotationOverTime;
import dev.rotation.processor.query.RotationView;
import dev.rotation.processor.query.SignalHistory;
import dev.rotation.processor.query.SignalQuery;
import dev.rotation.processor.query.SignalRevisions;
import dev.rotation.processor.query.WeekPicture;
import dev.rotation.processor.query.WindowSummary;
import dev.rotation.processor.query.WindowView;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The web view's JSON API under {@code /api/} (documented in docs/web-view.md). Answers from the
 * {@link DetectorQueries} read side it is given; a question this instance cannot answer throws
 * {@link dev.rotation.processor.query.QueryUnavailableException} for the HTTP layer to forward, and
 * a bad path parameter throws {@link IllegalArgumentException} with a message for a 400 answer.
 *
 * <ul>
 *   <li>{@code weeks}: the kept weeks, oldest first, each saying whether it has flows;
 *   <li>{@code weeks/{date}}: one week's picture ({@link WeekPicture}) and its signals;
 *   <li>{@code signals}: as {@code /signals} (type, status, since, until, limit);
 *   <li>{@code signals/{signalId}/revisions}: every revision of one signal, oldest first;
 *   <li>{@code rotation}: each week's net flow by group and rotation reading, with the bands;
 *   <li>{@code relative-rotation}: the relative rotation graph, each asset's RS-Ratio / RS-Momentum
 *       trail ({@link DetectorQueries#rotation()}, as {@code /rotation}; shape in {@link
 *       RotationGraphJson});
 *   <li>{@code recent[?after=instant]}: the latest revisions emitted after {@code after}, newest
 *       first (what the page polls to show new signals live).
 * </ul>
 */
public final class WebApi {
    /** Most signals {@code recent} returns. */
    public static final int RECENT_LIMIT = 50;

    private static final Duration REVISIONS_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .registerModule(
                            new SimpleModule()
                                    .addSerializer(Instant.class, ToStringSerializer.instance));

    /** A JSON answer: HTTP status and body. */
    public record Answer(int status, String body) {}

    private final AnalyticsConfig analytics;
    private final SignalRevisions revisions;

    /**
     * @param revisions reads a signal's revisions from its topic; null to answer with the revisions
     *     stage 2 keeps (the latest)
     */
    public WebApi(AnalyticsConfig analytics, SignalRevisions revisions) {
        this.analytics = analytics;
        this.revisions = revisions;
    }

    /**
     * The answer to {@code GET /api/{path}}.
     *
     * @param path what follows {@code /api/}, decoded, without a trailing slash
     * @param params the query parameters, decoded
     */
    public Answer answer(DetectorQueries queries, String path, Map<String, String> params) {
        String[] parts = path.split("/", -1);
        switch (parts[0]) {
            case "weeks" -> {
                if (parts.length == 1) {
                    only(params, Set.of());
                    return ok(weeks(queries));
                }
                if (parts.length == 2) {
                    only(params, Set.of());
                    return week(queries, parts[1]);
                }
            }
            case "signals" -> {
                if (parts.length == 1) {
                    return ok(signals(queries.signals(SignalQuery.parse(params))));
                }
                if (parts.length == 3 && parts[2].equals("revisions")) {
                    only(params, Set.of());
                    return revisions(queries, parts[1]);
                }
            }
            case "rotation" -> {
                if (parts.length == 1) {
                    only(params, Set.of());
                    return ok(JSON.valueToTree(rotation(queries)));
                }
            }
            case "relative-rotation" -> {
                if (parts.length == 1) {
                    return ok(relativeRotation(queries, params));
                }
            }
            case "recent" -> {
                if (parts.length == 1) {
                    only(params, Set.of("after"));
                    Instant after =
                            params.containsKey("after")
                                    ? instant("after", params.get("after"))
                                    : Instant.EPOCH;
                    return ok(recent(queries, after));
                }
            }
            default -> {}
        }
        return notFound(
                "no such API path /api/"
                        + path
                        + ": try weeks, weeks/{date}, signals, signals/{signalId}/revisions,"
                        + " rotation, relative-rotation or recent");
    }

    /** The kept weeks, oldest first, each with whether any report gave it flows. */
    private static ObjectNode weeks(DetectorQueries queries) {
        ArrayNode weeks = JSON.createArrayNode();
        queries.windows().stream()
                .sorted(Comparator.comparing(WindowSummary::start))
                .forEach(
                        w -> {
                            ObjectNode week = JSON.valueToTree(w);
                            week.put(
                                    "flows",
                                    queries.window(w.start())
                                            .map(v -> !v.flows().isEmpty())
                                            .orElse(false));
                            weeks.add(week);
                        });
        ObjectNode body = JSON.createObjectNode();
        body.put("count", weeks.size());
        body.set("weeks", weeks);
        return body;
    }

    private Answer week(DetectorQueries queries, String date) {
        Instant at = instant("week", date);
        Optional<WindowView> view = queries.window(at);
        if (view.isEmpty()) {
            return notFound("no kept week contains " + date + "; GET /api/weeks lists them");
        }
        WeekPicture picture = WeekPicture.of(view.get(), analytics.groups());
        ObjectNode body = JSON.valueToTree(picture);
        Instant start = picture.window().start();
        List<Signal> signals = new ArrayList<>();
        for (Signal s :
                queries.signals(
                        SignalQuery.all().between(start, picture.window().end().minusMillis(1)))) {
            if (s.getWindowStart().equals(start)) {
                signals.add(s);
            }
        }
        body.set("signals", signals(signals).get("signals"));
        return ok(body);
    }

    private static ObjectNode signals(List<Signal> signals) {
        ArrayNode array = JSON.createArrayNode();
        signals.forEach(s -> array.add(json(s)));
        ObjectNode body = JSON.createObjectNode();
        body.put("count", array.size());
        body.set("signals", array);
        return body;
    }

    private Answer revisions(DetectorQueries queries, String signalId) {
        Optional<SignalHistory> history = queries.history(signalId);
        if (history.isEmpty()) {
            return notFound(
                    "no signal '"
                            + signalId
                            + "' is kept; GET /api/weeks/{date} lists a week's signals");
        }
        List<Signal> all =
                revisions == null
                        ? history.get().kept()
                        : revisions.of(history.get().latest(), REVISIONS_TIMEOUT);
        ObjectNode body = JSON.createObjectNode();
        body.put("signalId", signalId);
        body.put("revisionsEmitted", history.get().revisionsEmitted());
        body.set("revisions", signals(all).get("signals"));
        return ok(body);
    }

    /** Each kept week's picture and rotation reading. */
    RotationOverTime rotation(DetectorQueries queries) {
        List<Signal> rotations = new ArrayList<>();
        rotations.addAll(
                queries.signals(SignalQuery.all().withType(SignalType.ROTATION_TO_HIGH_BETA)));
        rotations.addAll(
                queries.signals(SignalQuery.all().withType(SignalType.ROTATION_TO_MAINSTREAM)));
        return RotationOverTime.of(pictures(queries), rotations, analytics.rotation());
    }

    /**
     * The relative rotation graph of the read side. Its benchmark is the processor's {@code
     * rrg.benchmark}; a request that asks for another one is told so.
     */
    private static ObjectNode relativeRotation(
            DetectorQueries queries, Map<String, String> params) {
        only(params, Set.of("benchmark"));
        RotationView view = queries.rotation();
        String asked = params.get("benchmark");
        if (asked != null && !asked.equals(view.benchmark())) {
            throw new IllegalArgumentException(
                    "the relative rotation graph is measured against "
                            + view.benchmark()
                            + " (rrg.benchmark of the processor), not "
                            + asked
                            + "; leave benchmark out or set rrg.benchmark");
        }
        return RotationGraphJson.of(view);
    }

    private List<WeekPicture> pictures(DetectorQueries queries) {
        List<WeekPicture> out = new ArrayList<>();
        for (WindowSummary w : queries.windows()) {
            queries.window(w.start())
                    .ifPresent(v -> out.add(WeekPicture.of(v, analytics.groups())));
        }
        out.sort(Comparator.comparing(p -> p.window().start()));
        return out;
    }

    private static ObjectNode recent(DetectorQueries queries, Instant after) {
        List<Signal> emitted =
                queries.signals(SignalQuery.all()).stream()
                        .filter(s -> s.getEmittedAt().isAfter(after))
                        .sorted(
                                Comparator.comparing(Signal::getEmittedAt)
                                        .reversed()
                                        .thenComparing(Signal::getSignalId))
                        .limit(RECENT_LIMIT)
                        .toList();
        ObjectNode body = signals(emitted);
        body.put("asOf", Instant.now().toString());
        return body;
    }

    private static void only(Map<String, String> params, Set<String> allowed) {
        for (String k : params.keySet()) {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(
                        "unknown parameter '"
                                + k
                                + "'"
                                + (allowed.isEmpty()
                                        ? ": this path takes none"
                                        : " (allowed: " + String.join(", ", allowed) + ")"));
            }
        }
    }

    /** A date (2026-01-19, its start, UTC) or an ISO-8601 instant. */
    private static Instant instant(String name, String v) {
        try {
            return v.length() == 10
                    ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name
                            + " must be a date (2026-01-19) or an instant (2026-01-19T00:00:00Z), got '"
                            + v
                            + "'");
        }
    }

    /** A signal as JSON, in the Avro schema's field names. */
    static JsonNode json(Signal s) {
        try {
            return JSON.readTree(s.toString());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "signal " + s.getSignalId() + " does not render as JSON", e);
        }
    }

    private static Answer ok(JsonNode body) {
        return new Answer(200, body.toString());
    }

    private static Answer notFound(String message) {
        return new Answer(404, JSON.createObjectNode().put("error", message).toString());
    }
}
