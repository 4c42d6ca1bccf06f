package dev.rotation.processor.topology;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.InstitutionalExposure;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.labels.BreakdownKeys;
import dev.rotation.model.validation.EventValidator.Violation;
import dev.rotation.processor.analytics.Assets;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.WindowPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * What stage 1 refuses of an input record, decided from the record alone, before anything
 * time-based: its type's contract ({@link InputEventType#validate}), then the feed's own checks
 * (flows: a breakdown key the configuration knows and a period inside one window; exposures: a
 * known underlying), and the record key against the event's subject. One instance per input topic
 * is shared by the topic's {@link TimestampExtractors timestamp extractor} and its {@link
 * InputFeed}, so a record the feed refuses never moves its partition's stream time.
 */
final class InputChecks {
    /** A record without a value. */
    static final String NULL_VALUE = "NULL_VALUE";

    /** A record whose key is not its event's subject. */
    static final String KEY_MISMATCH = "KEY_MISMATCH";

    /** An ASSET row whose key is neither a known asset nor a bucket. */
    static final String UNKNOWN_ASSET = "UNKNOWN_ASSET";

    /** A REGION row whose key is neither an ISO 3166-1 alpha-2 code nor a bucket. */
    static final String UNKNOWN_REGION = "UNKNOWN_REGION";

    /** A flow whose period does not lie in one window. */
    static final String PERIOD_SPANS_WINDOWS = "PERIOD_SPANS_WINDOWS";

    private final InputEventType type;
    private final Function<SpecificRecord, List<Violation>> own;

    private InputChecks(InputEventType type, Function<SpecificRecord, List<Violation>> own) {
        this.type = type;
        this.own = own;
    }

    /** The contract's checks only (prices, volumes, metals). */
    static InputChecks contract(InputEventType type) {
        return new InputChecks(type, e -> List.of());
    }

    /**
     * Fund flows: an ASSET or REGION key must be one the configuration knows ({@link
     * BreakdownKeys}: a known ticker or an ISO region code, or a bucket), and the period must lie
     * in one window of {@code windows}.
     */
    static InputChecks flows(WindowPolicy windows, BreakdownKeys keys) {
        return new InputChecks(
                InputEventType.FLOWS, e -> flowViolations((FundFlow) e, windows, keys));
    }

    /** Institutional exposures: the underlying must be an asset the configuration knows. */
    static InputChecks exposures(Assets assets) {
        return new InputChecks(
                InputEventType.EXPOSURES,
                e -> {
                    String underlying = ((InstitutionalExposure) e).getUnderlying();
                    return assets.isKnown(underlying)
                            ? List.of()
                            : List.of(
                                    new Violation(
                                            UNKNOWN_ASSET,
                                            "underlying '"
                                                    + underlying
                                                    + "' is not in assets.known; add it to the"
                                                    + " configuration if it is real"));
                });
    }

    InputEventType type() {
        return type;
    }

    /**
     * Every violation of an event of this type: the contract's, then (only when it has none) the
     * feed's own; empty when the event is valid.
     *
     * @throws IllegalArgumentException the event is not of this type
     */
    List<Violation> validate(SpecificRecord event) {
        List<Violation> v = type.validate(event);
        return v.isEmpty() ? own.apply(event) : v;
    }

    /**
     * Whether stage 1 will refuse the record: no value, a value of another type, an invalid event,
     * or a key that is not its subject.
     */
    boolean refuses(Object recordKey, Object value) {
        if (!type.isInstance(value)) {
            return true;
        }
        SpecificRecord event = (SpecificRecord) value;
        return !validate(event).isEmpty() || keyMismatch(recordKey, event) != null;
    }

    /** The violation of a record key that is not the event's subject, or null. */
    Violation keyMismatch(Object recordKey, SpecificRecord event) {
        String subject = type.key(event);
        return subject.equals(recordKey)
                ? null
                : new Violation(
                        KEY_MISMATCH,
                        "record key '"
                                + recordKey
                                + "' is not the event's subject '"
                                + subject
                                + "' (inputs must be keyed by subject)");
    }

    private static List<Violation> flowViolations(
            FundFlow f, WindowPolicy windows, BreakdownKeys keys) {
        List<Violation> v = new ArrayList<>();
        if (!keys.isKey(f.getBreakdown(), f.getKey())) {
            v.add(unknownKey(keys, f));
        }
        EventWindow first = windows.windowOf(f.getPeriodStart().toEpochMilli());
        EventWindow last = windows.windowOf(f.getPeriodEnd().toEpochMilli() - 1);
        if (!first.equals(last)) {
            v.add(
                    new Violation(
                            PERIOD_SPANS_WINDOWS,
                            "the period "
                                    + firstDay(f.getPeriodStart().toEpochMilli())
                                    + " to "
                                    + lastDay(f.getPeriodEnd().toEpochMilli())
                                    + " spans the windows from "
                                    + firstDay(first.start())
                                    + " to "
                                    + lastDay(last.end())
                                    + " (window.size "
                                    + asConfigured(windows.size())
                                    + "); a flow is never attributed to one window it only"
                                    + " partly covers: publish one row per window"));
        }
        return v;
    }

    /** A window size as window.size is written: whole days as {@code P7D}, else ISO-8601. */
    private static String asConfigured(Duration size) {
        return size.toMillis() % Duration.ofDays(1).toMillis() == 0
                ? "P" + size.toDays() + "D"
                : size.toString();
    }

    /**
     * The first day of a period starting at {@code startMs}, as reports print it ({@code
     * 2026-01-19}); the instant when it does not start at midnight UTC.
     */
    private static String firstDay(long startMs) {
        Instant start = Instant.ofEpochMilli(startMs);
        return start.equals(start.truncatedTo(ChronoUnit.DAYS))
                ? start.toString().substring(0, 10)
                : start.toString();
    }

    /**
     * The last day of a period ending (exclusive) at {@code endMs}, as reports print it; the
     * instant when it does not end at midnight UTC.
     */
    private static String lastDay(long endMs) {
        Instant end = Instant.ofEpochMilli(endMs);
        return end.equals(end.truncatedTo(ChronoUnit.DAYS))
                ? end.minus(1, ChronoUnit.DAYS).toString().substring(0, 10)
                : end.toString();
    }

    private static Violation unknownKey(BreakdownKeys keys, FundFlow f) {
        boolean asset = f.getBreakdown() == Breakdown.ASSET;
        BreakdownKeys.Resolution r = keys.resolve(f.getBreakdown(), f.getKey());
        String what = asset ? "asset" : "region";
        String message =
                r.status() == BreakdownKeys.Status.ALIAS
                        ? what
                                + " '"
                                + f.getKey()
                                + "' is a publisher's label of "
                                + r.key()
                                + ": producers publish the key (produce file resolves labels)"
                        : what
                                + " '"
                                + f.getKey()
                                + "' is not "
                                + (asset ? "in assets.known" : "an ISO 3166-1 alpha-2 region code")
                                + " nor a bucket (assets.buckets); if it is a publisher's"
                                + " label, add it to "
                                + BreakdownKeys.aliasKeyFor(f.getBreakdown())
                                + " and publish with produce file";
        return new Violation(asset ? UNKNOWN_ASSET : UNKNOWN_REGION, message);
    }
}
