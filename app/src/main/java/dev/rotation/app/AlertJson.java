package dev.rotation.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rotation.app.notify.UndeliveredReason;
import dev.rotation.model.Alert;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One alert as one line of JSON, for scripts ({@code alerts --format json}). The field names are
 * the Alert record's and stay stable; instants are ISO-8601 UTC strings ({@code
 * 2026-01-19T00:00:00Z}); enums are their symbol names; {@code scale} is null for signals without
 * one; {@code subjects} are prefixed as in the signal ({@code asset:BTC}); {@code explanation} is
 * always the whole sentence.
 *
 * <pre>
 * {"alertId":"...","signalId":"...","revision":3,"status":"FINAL","severity":"WARNING","rank":2070,
 *  "type":"DERISKING","windowStart":"2026-01-19T00:00:00Z","windowEnd":"2026-01-26T00:00:00Z",
 *  "subjects":["asset:BTC"],"sources":["coinshares"],"scale":null,"confidence":0.6,
 *  "confidenceLevel":"MEDIUM","causality":"CORRELATION_NOT_CAUSATION",
 *  "caveatCodes":["SINGLE_SOURCE"],"explanation":"...","emittedAt":"2026-02-02T10:00:00.123Z"}
 * </pre>
 */
public final class AlertJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    /** {@code alert} as one line of JSON, fields in the order documented above. */
    public static String line(Alert alert) {
        return line(alert, null);
    }

    /**
     * {@code alert} as one line of JSON; when {@code undelivered} is given (an alert read from
     * {@code rd.alerts.undelivered}), a last field {@code "undelivered":{"reason":...,
     * "message":...,"attempts":3,"httpStatus":503}} says why the notifier set it aside (null
     * members when the headers do not say).
     */
    public static String line(Alert alert, UndeliveredReason undelivered) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("alertId", alert.getAlertId());
        o.put("signalId", alert.getSignalId());
        o.put("revision", alert.getRevision());
        o.put("status", alert.getStatus().name());
        o.put("severity", alert.getSeverity().name());
        o.put("rank", alert.getRank());
        o.put("type", alert.getType().name());
        o.put("windowStart", alert.getWindowStart().toString());
        o.put("windowEnd", alert.getWindowEnd().toString());
        strings(o.putArray("subjects"), alert.getSubjects());
        strings(o.putArray("sources"), alert.getSources());
        o.put("scale", alert.getScale() == null ? null : alert.getScale().name());
        o.put("confidence", alert.getConfidence());
        o.put("confidenceLevel", alert.getConfidenceLevel().name());
        o.put("causality", alert.getCausality().name());
        strings(o.putArray("caveatCodes"), alert.getCaveatCodes());
        o.put("explanation", AlertTable.explanation(alert));
        o.put("emittedAt", alert.getEmittedAt().toString());
        if (undelivered != null) {
            ObjectNode u = o.putObject("undelivered");
            u.put("reason", undelivered.reason());
            u.put("message", undelivered.message());
            u.put("attempts", undelivered.attempts());
            u.put("httpStatus", undelivered.httpStatus());
        }
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
