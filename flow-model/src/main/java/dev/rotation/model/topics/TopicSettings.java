package dev.rotation.model.topics;

import java.util.Objects;
import java.util.Optional;

/**
 * What a deployment chooses about the topics it creates; everything else about them is fixed by the
 * catalogue ({@link Topics#specs}).
 *
 * @param inputPartitions partitions of each input topic, and so the processor's stage-1
 *     parallelism; at least 1
 * @param replicationFactor replicas of every topic; empty means the broker's {@code
 *     default.replication.factor}
 * @param retentionMs {@code retention.ms} of every topic: {@link #KEEP_EVERYTHING} (-1) or a number
 *     of milliseconds. Records carry event time, so a time retention shorter than the age of
 *     replayed data deletes it before it is read.
 */
public record TopicSettings(
        int inputPartitions, Optional<Short> replicationFactor, long retentionMs) {
    /** Partitions of each input topic unless configured otherwise. */
    public static final int DEFAULT_INPUT_PARTITIONS = 3;

    /** {@code retention.ms=-1}: keep every record. */
    public static final long KEEP_EVERYTHING = -1;

    public TopicSettings {
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        if (inputPartitions < 1) {
            throw new IllegalArgumentException(
                    "input topics need at least 1 partition, got " + inputPartitions);
        }
        if (replicationFactor.isPresent() && replicationFactor.get() < 1) {
            throw new IllegalArgumentException(
                    "replication factor must be at least 1, got " + replicationFactor.get());
        }
        if (retentionMs < KEEP_EVERYTHING) {
            throw new IllegalArgumentException(
                    "retention must be -1 (keep everything) or a number of milliseconds, got "
                            + retentionMs);
        }
    }

    /** The given input partitions, the broker's replication factor, everything kept. */
    public static TopicSettings of(int inputPartitions) {
        return new TopicSettings(inputPartitions, Optional.empty(), KEEP_EVERYTHING);
    }

    /** {@link #DEFAULT_INPUT_PARTITIONS}, the broker's replication factor, everything kept. */
    public static TopicSettings defaults() {
        return of(DEFAULT_INPUT_PARTITIONS);
    }
}
