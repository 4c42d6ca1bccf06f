package dev.rotation.producers.publish;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.topics.TopicProvisioning;
import dev.rotation.model.topics.TopicSettings;
import dev.rotation.model.topics.TopicSpec;
import dev.rotation.model.topics.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics producers write, the four inputs and the dead-letter topic, when they do not
 * exist yet; each as the catalogue specifies it ({@link Topics#spec}), so exactly as the processor
 * would create it. Replication is the broker's default and retention keeps everything: records
 * carry event time, and with a broker's default 7-day time retention, replayed older data would be
 * deleted before the processor reads it.
 */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    public static final int DEFAULT_PARTITIONS = TopicSettings.DEFAULT_INPUT_PARTITIONS;

    private TopicSetup() {}

    /** The specs of the topics producers write, with {@code partitions} per input topic. */
    public static List<TopicSpec> producerTopics(Topics topics, int partitions) {
        return topics.specs(topics.producerTopics(), TopicSettings.of(partitions));
    }

    /** Creates the missing producer topics; returns the ones created. */
    public static List<String> ensureTopics(
            ConnectionSettings settings, Topics topics, int partitions) {
        try (Admin admin = Admin.create(settings.kafkaClientConfig())) {
            return ensureTopics(admin, topics, partitions);
        }
    }

    public static List<String> ensureTopics(Admin admin, Topics topics, int partitions) {
        List<String> names =
                TopicProvisioning.createMissing(
                        admin, producerTopics(topics, partitions), Duration.ofSeconds(30));
        if (!names.isEmpty()) {
            LOG.info("Created topics {} with {} partitions per input topic", names, partitions);
        }
        return names;
    }
}
