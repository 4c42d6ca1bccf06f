package dev.rotation.app.notify;

import java.time.Duration;
import java.util.OptionalInt;

/** How offering one alert to the webhook ended. */
public sealed interface DeliveryOutcome {

    /** Reason code: the webhook answered with a status that retrying cannot change. */
    String REJECTED = "WEBHOOK_REJECTED";

    /** Reason code: every allowed attempt failed with a status or error worth retrying. */
    String RETRIES_EXHAUSTED = "WEBHOOK_RETRIES_EXHAUSTED";

    /** Attempts made, the last one included. */
    int attempts();

    /**
     * The webhook answered 2xx.
     *
     * @param status the 2xx status
     * @param latency from the start of the first attempt to the answer
     */
    record Delivered(int attempts, int status, Duration latency) implements DeliveryOutcome {}

    /**
     * The alert cannot be delivered: it goes to the undelivered-alerts topic.
     *
     * @param reason {@link #REJECTED} or {@link #RETRIES_EXHAUSTED}
     * @param message one line: what the webhook answered, or what went wrong on the way
     * @param httpStatus the last status the webhook answered, if it answered
     */
    record Undeliverable(String reason, String message, int attempts, OptionalInt httpStatus)
            implements DeliveryOutcome {}

    /**
     * The notifier was asked to stop before the alert was delivered or given up on: it is neither
     * committed nor dead-lettered, so the next run offers it again.
     */
    record Abandoned(int attempts) implements DeliveryOutcome {}
}
