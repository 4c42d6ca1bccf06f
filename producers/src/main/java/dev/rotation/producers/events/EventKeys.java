package dev.rotation.producers.events;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one place that decides each input event's Kafka record key and record timestamp. The
 * processor relies on these: records with the same key land on the same partition, so the
 * duplicates of one identity (same eventId) are always co-partitioned.
 *
 * <table>
 *   <caption>keys and timestamps</caption>
 *   <tr><th>event</th><th>key</th><th>record timestamp (event time)</th></tr>
 *   <tr><td>FundFlow</td><td>{@code <BREAKDOWN>:<KEY>}, e.g. ASSET:BTC, REGION:US, TOTAL:ALL</td><td>periodEnd - 1 ms</td></tr>
 *   <tr><td>PriceBar</td><td>instrument, e.g. BTC-USD</td><td>intervalEnd - 1 ms</td></tr>
 *   <tr><td>VolumeBar</td><td>instrument</td><td>intervalEnd - 1 ms</td></tr>
 *   <tr><td>MetalQuote</td><td>metal, e.g. XAG</td><td>intervalEnd - 1 ms</td></tr>
 * </table>
 * Ends are exclusive, so end - 1 ms is the last instant inside the period: a flow of Mon 19 to
 * Fri 23 Jan (periodEnd Sat 24 Jan 00:00Z) is stamped Fri 23 Jan 23:59:59.999Z and falls in the
 * week that starts Monday 19 Jan.
 */
public final class EventKeys {

    private EventKeys() {
    }

    /** The Kafka record key of an input event. */
    public static String key(SpecificRecord event) {
        if (event instanceof FundFlow f) {
            return fundFlowKey(f.getBreakdown(), f.getKey());
        }
        if (event instanceof PriceBar p) {
            return p.getInstrument();
        }
        if (event instanceof VolumeBar v) {
            return v.getInstrument();
        }
        if (event instanceof MetalQuote m) {
            return String.valueOf(m.getMetal());
        }
        throw new IllegalArgumentException("Not an input event: " + (event == null ? "null" : event.getClass().getName()));
    }

    public static String fundFlowKey(Breakdown breakdown, String key) {
        return breakdown + ":" + key;
    }

    /** The record timestamp (event time) in epoch milliseconds. */
    public static long timestamp(SpecificRecord event) {
        return end(event).toEpochMilli() - 1;
    }

    /** The record timestamp as an instant. */
    public static Instant eventTime(SpecificRecord event) {
        return Instant.ofEpochMilli(timestamp(event));
    }

    /** The event's stable id. */
    public static String eventId(SpecificRecord event) {
        if (event instanceof FundFlow f) {
            return f.getEventId();
        }
        if (event instanceof PriceBar p) {
            return p.getEventId();
        }
        if (event instanceof VolumeBar v) {
            return v.getEventId();
        }
        if (event instanceof MetalQuote m) {
            return m.getEventId();
        }
        throw new IllegalArgumentException("Not an input event: " + (event == null ? "null" : event.getClass().getName()));
    }

    private static Instant end(SpecificRecord event) {
        if (event instanceof FundFlow f) {
            return f.getPeriodEnd();
        }
        if (event instanceof PriceBar p) {
            return p.getIntervalEnd();
        }
        if (event instanceof VolumeBar v) {
            return v.getIntervalEnd();
        }
        if (event instanceof MetalQuote m) {
            return m.getIntervalEnd();
        }
        throw new IllegalArgumentException("Not an input event: " + (event == null ? "null" : event.getClass().getName()));
    }
}
