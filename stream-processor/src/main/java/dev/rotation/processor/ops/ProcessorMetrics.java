package dev.rotation.processor.ops;

import dev.rotation.model.Alert;
import dev.rotation.model.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every meter the processor publishes, named and tagged in one place (see docs/operations.md).
 * Accounting invariant, per input kind: consumed = aggregated + dead-lettered + late.
 */
public final class ProcessorMetrics {
    public static final String CONSUMED = "rd.events.consumed";
    public static final String AGGREGATED = "rd.events.aggregated";
    public static final String DUPLICATES = "rd.events.duplicates";
    public static final String DEAD_LETTERED = "rd.events.dead.lettered";
    public static final String INTERNAL_ERRORS = "rd.processing.errors.internal";
    public static final String LATE = "rd.events.late";
    public static final String LATENESS = "rd.events.lateness";
    public static final String SIGNALS = "rd.signals.emitted";
    public static final String ALERTS = "rd.alerts.emitted";
    public static final String EVENT_TO_SIGNAL = "rd.signal.latency.event.time";
    public static final String INGEST_TO_SIGNAL = "rd.signal.latency.processing";
    public static final String WINDOWS_OPEN = "rd.windows.open";
    public static final String REGISTRY_UNAVAILABLE = "rd.registry.unavailable";
    public static final String UPDATES_SENT = "rd.updates.sent";
    public static final String REPORTS = "rd.reports";
    public static final String UNKNOWN_SOURCES = "rd.flows.unknown.source";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> lateness = new ConcurrentHashMap<>();
    private final AtomicInteger windowsOpen = new AtomicInteger();
    private final AtomicLong registryFailingSince = new AtomicLong();
    private final Timer eventToSignal;
    private final Timer ingestToSignal;

    public ProcessorMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(WINDOWS_OPEN, windowsOpen, AtomicInteger::get)
                .description("Event-time windows open (not yet final)")
                .register(registry);
        this.eventToSignal =
                Timer.builder(EVENT_TO_SIGNAL)
                        .description(
                                "From the event time of the newest input behind a signal revision to its emission")
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .publishPercentileHistogram(false)
                        .maximumExpectedValue(Duration.ofDays(400))
                        .register(registry);
        this.ingestToSignal =
                Timer.builder(INGEST_TO_SIGNAL)
                        .description(
                                "From the first processing of the newest input behind a signal revision to its emission")
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + String.join("|", tags);
        return counters.computeIfAbsent(
                key,
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    /** The per-event counters of one input feed, resolved once so the hot path only increments. */
    public record Feed(
            Counter consumed, Counter aggregated, Counter duplicates, Counter updatesSent) {}

    public Feed feed(String kind) {
        return new Feed(
                counter(CONSUMED, "Input records consumed", "kind", kind),
                counter(
                        AGGREGATED,
                        "Input records accepted into window aggregation (duplicates included)",
                        "kind",
                        kind),
                counter(
                        DUPLICATES,
                        "Input records recognised as duplicates by eventId and counted once",
                        "kind",
                        kind),
                counter(
                        UPDATES_SENT,
                        "Subject updates sent from stage 1 to the cross-asset snapshot (one per changed"
                                + " subject and window per batch, see window.update.interval)",
                        "kind",
                        kind));
    }

    /**
     * A flow row from a source configuration does not describe ({@code source.scope.<name>}): it
     * counts as a real weekly source of its own scope (docs/signals.md "Sources and scopes").
     */
    public void unknownSource(String source) {
        counter(
                        UNKNOWN_SOURCES,
                        "Flow rows from a source not declared in configuration (treated as a real"
                                + " weekly source of its own scope)",
                        "source",
                        source)
                .increment();
    }

    public void consumed(String kind) {
        counter(CONSUMED, "Input records consumed", "kind", kind).increment();
    }

    public void aggregated(String kind) {
        counter(
                        AGGREGATED,
                        "Input records accepted into window aggregation (duplicates included)",
                        "kind",
                        kind)
                .increment();
    }

    public void duplicate(String kind) {
        counter(
                        DUPLICATES,
                        "Input records recognised as duplicates by eventId and counted once",
                        "kind",
                        kind)
                .increment();
    }

    public void deadLettered(String kind, String reason) {
        counter(
                        DEAD_LETTERED,
                        "Input records sent to the dead-letter topic",
                        "kind",
                        kind,
                        "reason",
                        reason)
                .increment();
    }

    /**
     * A processing error with no input record behind it (a processor that ran from a punctuation,
     * e.g. stage 2 taking a batch of updates), set aside to the dead-letter topic. Counted apart
     * from {@link #DEAD_LETTERED}, which counts input records, so consumed = aggregated +
     * dead-lettered + late still holds.
     */
    public void internalError(String node) {
        counter(
                        INTERNAL_ERRORS,
                        "Processing errors with no input record behind them, sent to the dead-letter"
                                + " topic",
                        "node",
                        node == null ? "unknown" : node)
                .increment();
    }

    public void late(String kind, long latenessMs) {
        counter(
                        LATE,
                        "Input records later than the grace period, sent to the late-events topic",
                        "kind",
                        kind)
                .increment();
        lateness.computeIfAbsent(
                        kind,
                        k ->
                                DistributionSummary.builder(LATENESS)
                                        .baseUnit("milliseconds")
                                        .description(
                                                "How far past window end plus grace late records arrived")
                                        .tags("kind", k)
                                        .register(registry))
                .record(latenessMs);
    }

    public void signal(Signal s) {
        counter(
                        SIGNALS,
                        "Signal records emitted",
                        "type",
                        s.getType().name(),
                        "status",
                        s.getStatus().name(),
                        "confidence_level",
                        s.getConfidenceLevel().name())
                .increment();
    }

    /**
     * A published report (the rows of one source and report id) was counted, or not, in its window
     * by stage 2.
     *
     * @param outcome {@code complete} (every announced row arrived), {@code incomplete} (counted
     *     with rows missing after its settle timeout), {@code late_revision} (arrived after its
     *     window closed and revised it as a whole), {@code set_aside} (arrived after its window
     *     closed and was not counted)
     */
    public void report(String outcome) {
        counter(
                        REPORTS,
                        "Published reports by how the cross-asset snapshot counted them in their window",
                        "outcome",
                        outcome)
                .increment();
    }

    public void alert(Alert a) {
        counter(ALERTS, "Alerts emitted to desks", "severity", a.getSeverity().name()).increment();
    }

    public void latency(long eventTimeMs, long ingestTimeMs, long nowMs) {
        if (eventTimeMs > 0 && nowMs >= eventTimeMs) {
            eventToSignal.record(Duration.ofMillis(nowMs - eventTimeMs));
        }
        if (ingestTimeMs > 0 && nowMs >= ingestTimeMs) {
            ingestToSignal.record(Duration.ofMillis(nowMs - ingestTimeMs));
        }
    }

    public void windowsOpen(int n) {
        windowsOpen.set(n);
    }

    /** The registry could not be reached while decoding; processing retries with backoff. */
    public void registryUnavailable() {
        counter(
                        REGISTRY_UNAVAILABLE,
                        "Decoding attempts that failed because the Schema Registry was unreachable")
                .increment();
        registryFailingSince.compareAndSet(0, System.currentTimeMillis());
    }

    public void registryReachable() {
        if (registryFailingSince.get() != 0) {
            registryFailingSince.set(0);
        }
    }

    /** Epoch millis since the registry has been failing, or 0 when it is fine. */
    public long registryFailingSince() {
        return registryFailingSince.get();
    }

    public double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** Sum of a counter over all tag values of the given tags. */
    public double sum(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }
}
