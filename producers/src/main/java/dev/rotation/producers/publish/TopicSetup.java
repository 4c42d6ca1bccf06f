package dev.rotation.producers.publish;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.TopicProvisioning;
import dev.rotation.model.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the input topics and the dead-letter topic when they do not exist yet. */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    public static final int DEFAULT_PARTITIONS = 3;

    private TopicSetup() {
    }

    /**
     * The topics producers write: the four inputs and the dead-letter topic. Records carry event
     * time, so the topics keep everything (retention.ms=-1): with a broker's default 7-day time
     * retention, replayed older data would be deleted before the processor reads it.
     */
    public static List<NewTopic> producerTopics(Topics topics, int partitions) {
        java.util.Map<String, String> keep = java.util.Map.of("retention.ms", "-1");
        List<NewTopic> out = new ArrayList<>();
        for (Topic<?, ?> t : topics.inputs()) {
            out.add(new NewTopic(t.name(), Optional.of(partitions), Optional.empty()).configs(keep));
        }
        out.add(new NewTopic(topics.deadLetter().name(), Optional.of(partitions), Optional.empty()).configs(keep));
        return out;
    }

    /** Creates the missing producer topics (replication: the broker's default); returns the ones created. */
    public static List<String> ensureTopics(ConnectionSettings settings, Topics topics, int partitions) {
        try (Admin admin = Admin.create(settings.kafkaClientConfig())) {
            return ensureTopics(admin, topics, partitions);
        }
    }

    public static List<String> ensureTopics(Admin admin, Topics topics, int partitions) {
        List<String> names = TopicProvisioning.createMissing(admin, producerTopics(topics, partitions), Duration.ofSeconds(30));
        if (!names.isEmpty()) {
            LOG.info("Created topics {} with {} partitions", names, partitions);
        }
        return names;
    }
}
