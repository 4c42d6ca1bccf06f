package dev.rotation.app.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rotation.app.AlertTable;
import dev.rotation.model.Alert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

/**
 * The body of a webhook request for one alert, as UTF-8 JSON.
 *
 * <ul>
 *   <li>{@link Format#JSON}: the alert as one JSON object whose fields are those of {@code
 *       Alert.avsc}, named and ordered as there. Instants are ISO-8601 UTC strings ({@code
 *       2026-01-19T00:00:00Z}), enums their symbol, an absent optional field {@code null}, the
 *       caveat codes an array of strings. A field added to the schema appears without a code
 *       change.
 *   <li>{@link Format#SLACK}: {@code {"text": ...}}, what Slack's incoming webhooks (and the
 *       services that mimic them) accept: a bold header, the alert's own line, then its caveat
 *       codes and id.
 * </ul>
 */
public final class AlertPayload {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The payload shapes {@code --format} offers. */
    public enum Format {
        JSON,
        SLACK
    }

    private AlertPayload() {}

    /** The request body for {@code alert} in {@code format}. */
    public static byte[] body(Alert alert, Format format) {
        JsonNode node =
                switch (format) {
                    case JSON -> toJson(alert);
                    case SLACK -> NODES.objectNode().put("text", slackText(alert));
                };
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            // a tree of plain nodes always serialises
            throw new IllegalStateException("Cannot write the alert as JSON", e);
        }
    }

    /** The alert as a JSON object, field by field in schema order (see the class comment). */
    public static ObjectNode toJson(IndexedRecord record) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), value(record.get(field.pos())));
        }
        return node;
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof CharSequence s) {
            return NODES.textNode(s.toString());
        }
        if (v instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (v instanceof Instant i) {
            return NODES.textNode(i.toString());
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? NODES.numberNode(d) : NODES.nullNode();
        }
        if (v instanceof Float f) {
            return Float.isFinite(f) ? NODES.numberNode(f) : NODES.nullNode();
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(value(item)));
            return array;
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, item) -> object.set(String.valueOf(k), value(item)));
            return object;
        }
        if (v instanceof IndexedRecord nested) {
            return toJson(nested);
        }
        if (v instanceof GenericContainer symbol) {
            // a generic enum symbol
            return NODES.textNode(symbol.toString());
        }
        // other logical types (dates, decimals) print in their ISO or plain form
        return NODES.textNode(v.toString());
    }

    /**
     * The Slack message text (Slack's mrkdwn, with {@code & < >} escaped as Slack requires): a bold
     * header (severity, status, type, subject, week, scale, confidence), the alert's own line
     * (which states the causality tag), then the caveat codes and the alert id.
     */
    static String slackText(Alert alert) {
        StringBuilder text = new StringBuilder();
        text.append('*')
                .append(alert.getSeverity())
                .append(' ')
                .append(alert.getStatus())
                .append(' ')
                .append(alert.getType())
                .append(' ')
                .append(AlertTable.subject(alert))
                .append(", week of ")
                .append(alert.getWindowStart().atOffset(ZoneOffset.UTC).toLocalDate());
        if (alert.getScale() != null) {
            text.append(", ").append(alert.getScale());
        }
        text.append(String.format(Locale.ROOT, ", confidence %.2f ", alert.getConfidence()))
                .append(alert.getConfidenceLevel())
                .append("*\n")
                .append(alert.getLine())
                .append('\n');
        if (!alert.getCaveatCodes().isEmpty()) {
            text.append("caveats: ")
                    .append(String.join(", ", alert.getCaveatCodes()))
                    .append(" · ");
        }
        text.append("alert ").append(alert.getAlertId());
        return escapeSlack(text.toString());
    }

    private static String escapeSlack(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
