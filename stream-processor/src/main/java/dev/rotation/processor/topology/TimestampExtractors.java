package dev.rotation.processor.topology;

import dev.rotation.model.events.InputEventType;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of an input topic's records, read from the event itself by its type's contract ({@link
 * InputEventType#eventTime}) rather than from the record timestamp, so a producer that stamps
 * records with publication time cannot shift an event into the wrong window. A weekly report's time
 * is the last instant of its period (periodEnd - 1 ms, since periodEnd is exclusive), not its
 * publication date; a bar's time is the last instant of its interval. Values that are not of the
 * topic's type (they are dead-lettered downstream) fall back to the record timestamp.
 */
public final class TimestampExtractors {
    private TimestampExtractors() {}

    /** The extractor of the topic that carries {@code type}. */
    public static TimestampExtractor of(InputEventType type) {
        return (ConsumerRecord<Object, Object> r, long partitionTime) ->
                type.isInstance(r.value())
                        ? type.eventTime((SpecificRecord) r.value())
                        : fallback(r, partitionTime);
    }

    private static long fallback(ConsumerRecord<Object, Object> r, long partitionTime) {
        return r.timestamp() >= 0 ? r.timestamp() : Math.max(partitionTime, 0);
    }
}
