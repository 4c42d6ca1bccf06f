package dev.rotation.app.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Every meter the webhook notifier publishes, named and tagged in one place (see
 * docs/operations.md, "Webhook delivery"). Accounting: every alert record read is delivered,
 * filtered or dead-lettered once its offset is committed.
 */
public final class NotifyMetrics {
    public static final String DELIVERED = "rd.notify.delivered";
    public static final String RETRIED = "rd.notify.retried";
    public static final String DEAD_LETTERED = "rd.notify.dead.lettered";
    public static final String FILTERED = "rd.notify.filtered";
    public static final String LATENCY = "rd.notify.delivery.latency";

    private final MeterRegistry registry;
    private final Counter delivered;
    private final Timer latency;

    public NotifyMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.delivered =
                Counter.builder(DELIVERED)
                        .description("Alerts the webhook accepted (2xx)")
                        .register(registry);
        this.latency =
                Timer.builder(LATENCY)
                        .description(
                                "From the first attempt to deliver an alert to the webhook's 2xx, retries and waits included")
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** An alert accepted by the webhook, {@code latency} after its first attempt began. */
    public void delivered(Duration latency) {
        delivered.increment();
        this.latency.record(latency);
    }

    /**
     * A failed attempt that will be retried.
     *
     * @param cause {@code HTTP_<status>}, {@code TIMEOUT} or {@code CONNECTION_ERROR}
     */
    public void retried(String cause) {
        Counter.builder(RETRIED)
                .description("Delivery attempts that failed and were retried")
                .tag("cause", cause)
                .register(registry)
                .increment();
    }

    /** An alert record sent to the undelivered-alerts topic, with its reason code. */
    public void deadLettered(String reason) {
        Counter.builder(DEAD_LETTERED)
                .description("Alert records sent to the undelivered-alerts topic")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** An alert held back by {@code --min-severity} or {@code --types} ({@link AlertFilter}). */
    public void filtered(String by) {
        Counter.builder(FILTERED)
                .description("Alerts not sent because of --min-severity or --types")
                .tag("by", by)
                .register(registry)
                .increment();
    }

    /** Alerts delivered so far. */
    public long deliveredCount() {
        return (long) delivered.count();
    }

    /** Sum of a counter over all its tags, 0 when never incremented. */
    public long total(String name) {
        return (long) registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
