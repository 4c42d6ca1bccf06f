package dev.rotation.model.topics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How one topic is created: its partition count, replication factor and topic-level configs
 * (cleanup.policy, retention.ms). Specs come from the catalogue ({@link Topics#specs}), the one
 * place that decides them, so every path that creates a topic creates the same one. Immutable.
 *
 * @param name the topic's name, prefix included
 * @param partitions at least 1
 * @param replicationFactor replicas per partition; empty means the broker's {@code
 *     default.replication.factor}
 * @param configs topic configs by Kafka name, sorted
 */
public record TopicSpec(
        String name,
        int partitions,
        Optional<Short> replicationFactor,
        Map<String, String> configs) {
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "a topic needs at least 1 partition, got " + partitions + " for " + name);
        }
        configs = Collections.unmodifiableSortedMap(new TreeMap<>(configs));
    }

    /** The admin request that creates this topic. */
    public NewTopic newTopic() {
        return new NewTopic(name, Optional.of(partitions), replicationFactor).configs(configs);
    }
}
