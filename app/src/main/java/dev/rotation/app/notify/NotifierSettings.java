package dev.rotation.app.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * What the notifier does, typed and checked once at start-up. {@link #toString()} hides the secret
 * and shows only the webhook's scheme, host and port.
 *
 * @param topicsPrefix the processor's {@code topics.prefix}: the alerts are read from {@code
 *     <prefix>rd.alerts} and set aside on {@code <prefix>rd.alerts.undelivered}; usually empty
 * @param groupId the consumer group whose committed offsets say which alerts were handled; one
 *     group per webhook
 * @param fromBeginning where a group with no committed offset starts: the oldest alert (true) or
 *     the next one written (false)
 * @param target where alerts are POSTed
 * @param secret the HMAC key of the signature
 * @param format the payload shape
 * @param filter which alerts are sent
 * @param backoff attempts and waits per alert
 * @param requestTimeout how long one attempt may take, connection included; positive
 */
public record NotifierSettings(
        String topicsPrefix,
        String groupId,
        boolean fromBeginning,
        WebhookTarget target,
        WebhookSecret secret,
        AlertPayload.Format format,
        AlertFilter filter,
        BackoffPolicy backoff,
        Duration requestTimeout) {

    /** The consumer group unless {@code --group-id} names another. */
    public static final String DEFAULT_GROUP_ID = "rotation-detector-notify";

    /** How long one attempt may take unless {@code --timeout} says otherwise. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public NotifierSettings {
        Objects.requireNonNull(topicsPrefix, "topicsPrefix");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("--group-id must not be empty");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive, got " + requestTimeout);
        }
    }
}
