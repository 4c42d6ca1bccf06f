package dev.rotation.app.notify;

import dev.rotation.model.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Why the notifier set an alert aside, as its {@link DeadLetterHeaders} headers on {@code
 * rd.alerts.undelivered} say: the reason code (WEBHOOK_REJECTED, WEBHOOK_RETRIES_EXHAUSTED,
 * UNKNOWN_MAGIC_BYTE, ...), the message, how many delivery attempts were made and the last HTTP
 * status, when there was one. {@code alerts --topic rd.alerts.undelivered} shows it beside each
 * alert.
 *
 * @param reason the reason code
 * @param message the notifier's one-line message, or null
 * @param attempts delivery attempts made, or null when not recorded
 * @param httpStatus the webhook's last HTTP status, or null when it never answered
 */
public record UndeliveredReason(
        String reason, String message, Integer attempts, Integer httpStatus) {

    /** The reason a record's headers carry, or null when it has no reason header. */
    public static UndeliveredReason from(Headers headers) {
        String reason = text(headers, DeadLetterHeaders.REASON);
        if (reason == null) {
            return null;
        }
        return new UndeliveredReason(
                reason,
                text(headers, DeadLetterHeaders.MESSAGE),
                number(headers, DeadLetterHeaders.ATTEMPTS),
                number(headers, DeadLetterHeaders.HTTP_STATUS));
    }

    /**
     * One line for people: {@code WEBHOOK_RETRIES_EXHAUSTED after 3 attempt(s), last HTTP 503:
     * message}.
     */
    public String describe() {
        StringBuilder s = new StringBuilder(reason);
        if (attempts != null) {
            s.append(" after ").append(attempts).append(" attempt(s)");
        }
        if (httpStatus != null) {
            s.append(attempts != null ? ", " : " ").append("last HTTP ").append(httpStatus);
        }
        if (message != null && !message.isBlank()) {
            s.append(": ").append(message);
        }
        return s.toString();
    }

    private static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null
                ? null
                : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Integer number(Headers headers, String name) {
        String t = text(headers, name);
        if (t == null) {
            return null;
        }
        try {
            return Integer.valueOf(t.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
