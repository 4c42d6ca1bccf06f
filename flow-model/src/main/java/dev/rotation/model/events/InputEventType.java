package dev.rotation.model.events;

import dev.rotation.model.FundFlow;
import dev.rotation.model.InstitutionalExposure;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.Topics;
import dev.rotation.model.validation.EventValidator;
import dev.rotation.model.validation.EventValidator.Violation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * The input-event contract: one description of each input type, used by the producers to publish
 * and by the processor to check what it reads. A record on an input topic is well formed when it is
 * on its type's {@link #topic}, its key is the {@link #key} of its value and its value passes
 * {@link #validate}; the processor dead-letters anything else ({@code KEY_MISMATCH}, or the
 * validator's code).
 *
 * <table>
 *   <caption>the five input types</caption>
 *   <tr><th>type</th><th>label</th><th>value</th><th>topic</th><th>record key</th><th>event time</th></tr>
 *   <tr><td>FLOWS</td><td>flows</td><td>FundFlow</td><td>rd.fund-flows</td>
 *       <td>{@code <BREAKDOWN>:<KEY>}, e.g. ASSET:BTC, REGION:US, TOTAL:ALL</td><td>periodEnd - 1 ms</td></tr>
 *   <tr><td>PRICES</td><td>prices</td><td>PriceBar</td><td>rd.prices</td><td>instrument, e.g. BTC-USD</td>
 *       <td>intervalEnd - 1 ms</td></tr>
 *   <tr><td>VOLUMES</td><td>volumes</td><td>VolumeBar</td><td>rd.volumes</td><td>instrument</td>
 *       <td>intervalEnd - 1 ms</td></tr>
 *   <tr><td>METALS</td><td>metals</td><td>MetalQuote</td><td>rd.metals</td><td>metal, e.g. XAG</td>
 *       <td>intervalEnd - 1 ms</td></tr>
 *   <tr><td>EXPOSURES</td><td>exposures</td><td>InstitutionalExposure</td>
 *       <td>rd.institutional-exposures</td><td>{@code <holder>|<instrument>}</td>
 *       <td>asOf - 1 ms</td></tr>
 * </table>
 *
 * <p>The record key is the subject the processor aggregates, so every event of one subject, and so
 * every duplicate of one event (same eventId), lands on one partition. Ends are exclusive, so end -
 * 1 ms is the last instant inside the period: a weekly report's flows for Mon 19 to Fri 23 Jan 2026
 * (periodEnd Sat 24 Jan 00:00Z) happen at Fri 23 Jan 23:59:59.999Z, in the week that starts Monday
 * 19 Jan, whatever the report's publication date. The eventId is the event's own {@code eventId}
 * field. The label names the type on the command line, in metric tags and in the dead-letter {@code
 * rd.dlq.event.type} header.
 *
 * <p>Methods that take an event throw {@link IllegalArgumentException} when it is not of this
 * type's value class.
 */
public enum InputEventType {
    FLOWS(
            "flows",
            new Contract<>(
                    FundFlow.class,
                    Topics::fundFlows,
                    f -> f.getBreakdown() + ":" + f.getKey(),
                    FundFlow::getEventId,
                    FundFlow::getPeriodEnd,
                    EventValidator::validate)),
    PRICES(
            "prices",
            new Contract<>(
                    PriceBar.class,
                    Topics::prices,
                    PriceBar::getInstrument,
                    PriceBar::getEventId,
                    PriceBar::getIntervalEnd,
                    EventValidator::validate)),
    VOLUMES(
            "volumes",
            new Contract<>(
                    VolumeBar.class,
                    Topics::volumes,
                    VolumeBar::getInstrument,
                    VolumeBar::getEventId,
                    VolumeBar::getIntervalEnd,
                    EventValidator::validate)),
    METALS(
            "metals",
            new Contract<>(
                    MetalQuote.class,
                    Topics::metals,
                    m -> String.valueOf(m.getMetal()),
                    MetalQuote::getEventId,
                    MetalQuote::getIntervalEnd,
                    EventValidator::validate)),
    EXPOSURES(
            "exposures",
            new Contract<>(
                    InstitutionalExposure.class,
                    Topics::exposures,
                    InputEventType::positionKey,
                    InstitutionalExposure::getEventId,
                    InstitutionalExposure::getAsOf,
                    EventValidator::validate));

    private final String label;
    private final Contract<?> contract;

    InputEventType(String label, Contract<?> contract) {
        this.label = label;
        this.contract = contract;
    }

    /** Lower-case name: flows, prices, volumes, metals, exposures. */
    public String label() {
        return label;
    }

    /** The Avro class of this type's values. */
    public Class<? extends SpecificRecord> recordClass() {
        return contract.recordClass();
    }

    /** This type's topic in the catalogue. */
    public Topic<String, ? extends SpecificRecord> topic(Topics topics) {
        return contract.topic().apply(topics);
    }

    /** True when the value is of this type's value class. */
    public boolean isInstance(Object value) {
        return contract.recordClass().isInstance(value);
    }

    /** The Kafka record key of the event: the subject it is aggregated under. */
    public String key(SpecificRecord event) {
        return contract.key(checked(event));
    }

    /** The event's stable id (its eventId field), by which duplicates are recognised. */
    public String eventId(SpecificRecord event) {
        return contract.eventId(checked(event));
    }

    /**
     * The event time in epoch milliseconds: the last instant inside the event's period or interval,
     * its exclusive end minus 1 ms. This is also the record timestamp producers set.
     */
    public long eventTime(SpecificRecord event) {
        return contract.end(checked(event)).toEpochMilli() - 1;
    }

    /**
     * Every content violation of the event (see {@link EventValidator}); empty when it is valid.
     */
    public List<Violation> validate(SpecificRecord event) {
        return contract.validate(checked(event));
    }

    /** The type of an input event. */
    public static InputEventType of(SpecificRecord event) {
        for (InputEventType t : values()) {
            if (t.isInstance(event)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Not an input event: " + describe(event));
    }

    /** Each input topic's name in the catalogue, with its type. */
    public static Map<String, InputEventType> byTopicName(Topics topics) {
        Map<String, InputEventType> out = new LinkedHashMap<>();
        for (InputEventType t : values()) {
            out.put(t.topic(topics).name(), t);
        }
        return out;
    }

    /**
     * Parses a type's label (flows, prices, volumes, metals, exposures), case-insensitive; the
     * singular (flow, price, ...) and the constant name are accepted too.
     *
     * @throws IllegalArgumentException naming the five labels when none matches
     */
    public static InputEventType parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (InputEventType t : values()) {
            if (t.label.equals(n) || t.label.equals(n + "s") || t.name().equalsIgnoreCase(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "Unknown event type '"
                        + name
                        + "'; expected flows, prices, volumes, metals or exposures");
    }

    /**
     * The record key of an institutional position: {@code <holder>|<instrument>}, so a holder's
     * later reports of the same position replace the earlier one in one place.
     */
    private static String positionKey(InstitutionalExposure e) {
        return e.getHolder() + "|" + e.getInstrument();
    }

    private SpecificRecord checked(SpecificRecord event) {
        if (!isInstance(event)) {
            throw new IllegalArgumentException(
                    "Not a "
                            + contract.recordClass().getSimpleName()
                            + " ("
                            + label
                            + "): "
                            + describe(event));
        }
        return event;
    }

    private static String describe(Object event) {
        return event == null ? "null" : event.getClass().getName();
    }

    /** One type's definition, typed; the enum checks the class before any of these is applied. */
    private record Contract<T extends SpecificRecord>(
            Class<T> recordClass,
            Function<Topics, Topic<String, T>> topic,
            Function<T, String> keyOf,
            Function<T, String> eventIdOf,
            Function<T, Instant> endOf,
            Function<T, List<Violation>> validator) {

        String key(SpecificRecord event) {
            return keyOf.apply(recordClass.cast(event));
        }

        String eventId(SpecificRecord event) {
            return eventIdOf.apply(recordClass.cast(event));
        }

        Instant end(SpecificRecord event) {
            return Objects.requireNonNull(endOf.apply(recordClass.cast(event)), "the event's end");
        }

        List<Violation> validate(SpecificRecord event) {
            return validator.apply(recordClass.cast(event));
        }
    }
}
