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
 * publication date; a bar's time is the last instant of its interval.
 *
 * <p>A record stage 1 will refuse (by the topic's {@link InputChecks}, the same ones its feed
 * applies: no value, another type, an invalid event, a key that is not its subject) takes the
 * partition's time (0 before the partition's first record), so it never moves stream time: a
 * mistyped period months ahead is dead-lettered without making the next correct report late.
 */
public final class TimestampExtractors {
    private TimestampExtractors() {}

    /** The extractor of the topic whose records stage 1 checks with {@code checks}. */
    static TimestampExtractor of(InputChecks checks) {
        InputEventType type = checks.type();
        return (ConsumerRecord<Object, Object> r, long partitionTime) ->
                checks.refuses(r.key(), r.value())
                        ? Math.max(partitionTime, 0)
                        : type.eventTime((SpecificRecord) r.value());
    }
}
