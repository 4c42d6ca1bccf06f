package dev.rotation.processor.topology;

import dev.rotation.model.FundFlow;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time per input type, read from the event itself rather than the record timestamp, so a
 * producer that stamps records with publication time cannot shift an event into the wrong
 * window. A weekly report's time is the last instant of its period (periodEnd - 1 ms, since
 * periodEnd is exclusive), not its publication date; a bar's time is the last instant of its
 * interval. Values that are not of the expected type (they are dead-lettered downstream) fall
 * back to the record timestamp.
 */
public final class TimestampExtractors {
    private TimestampExtractors() {
    }

    public static TimestampExtractor fundFlows() {
        return (ConsumerRecord<Object, Object> r, long partitionTime) -> r.value() instanceof FundFlow f
                ? f.getPeriodEnd().toEpochMilli() - 1 : fallback(r, partitionTime);
    }

    public static TimestampExtractor prices() {
        return (ConsumerRecord<Object, Object> r, long partitionTime) -> r.value() instanceof PriceBar p
                ? p.getIntervalEnd().toEpochMilli() - 1 : fallback(r, partitionTime);
    }

    public static TimestampExtractor volumes() {
        return (ConsumerRecord<Object, Object> r, long partitionTime) -> r.value() instanceof VolumeBar v
                ? v.getIntervalEnd().toEpochMilli() - 1 : fallback(r, partitionTime);
    }

    public static TimestampExtractor metals() {
        return (ConsumerRecord<Object, Object> r, long partitionTime) -> r.value() instanceof MetalQuote m
                ? m.getIntervalEnd().toEpochMilli() - 1 : fallback(r, partitionTime);
    }

    private static long fallback(ConsumerRecord<Object, Object> r, long partitionTime) {
        return r.timestamp() >= 0 ? r.timestamp() : Math.max(partitionTime, 0);
    }
}
