package dev.rotation.producers.publish;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a publishing run.
 *
 * @param sent input events acknowledged by the cluster
 * @param failed records (events or dead letters) not delivered after retries
 * @param deadLettered bad lines acknowledged on the dead-letter topic
 * @param duration from the publisher's start to the summary
 * @param failures the failed records with their identity
 */
public record PublishSummary(
        long sent, long failed, long deadLettered, Duration duration, List<FailedSend> failures) {

    public PublishSummary {
        failures = List.copyOf(failures);
    }

    /** Delivered records (events and dead letters) per second of the run. */
    public double eventsPerSecond() {
        double seconds = Math.max(duration.toNanos(), 1) / 1e9;
        return (sent + deadLettered) / seconds;
    }

    /** True when every record was delivered. */
    public boolean allDelivered() {
        return failed == 0;
    }

    /** One line for people: sent, failed, dead-lettered, duration, events/s. */
    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "sent=%d failed=%d dead-lettered=%d duration=%.3fs rate=%.0f events/s",
                sent,
                failed,
                deadLettered,
                duration.toNanos() / 1e9,
                eventsPerSecond());
    }
}
