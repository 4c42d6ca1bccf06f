package dev.rotation.processor.service;

import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.TopicProvisioning;
import dev.rotation.model.topics.TopicSettings;
import dev.rotation.model.topics.Topics;
import dev.rotation.processor.config.ProcessorConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Creates the detector's topics where they do not exist yet (existing topics are left alone), every
 * one of the catalogue as it specifies it ({@link Topics#spec}), so exactly as the producers would
 * create the ones they write.
 */
public final class TopicSetup {
    private TopicSetup() {}

    /**
     * The configured topic settings: {@code topics.input.partitions}, {@code
     * topics.replication.factor} and {@code topics.retention.ms}.
     */
    public static TopicSettings settings(ProcessorConfig config) {
        return new TopicSettings(
                config.inputPartitions(),
                Optional.of(config.replicationFactor()),
                config.topicRetentionMs());
    }

    /**
     * Creates the catalogue's missing topics and returns the largest partition count among the
     * input topics as they are (the number of stage-1 tasks; existing topics keep their count).
     */
    public static int ensure(
            Map<String, Object> adminConfig, Topics topics, TopicSettings settings) {
        try (Admin admin = Admin.create(adminConfig)) {
            TopicProvisioning.createMissing(admin, topics.specs(settings), Duration.ofSeconds(30));
            return admin
                    .describeTopics(topics.inputs().stream().map(Topic::name).toList())
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .values()
                    .stream()
                    .mapToInt(d -> d.partitions().size())
                    .max()
                    .orElse(1);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Cannot describe the input topics: "
                            + (e.getCause() != null ? e.getCause() : e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topics", e);
        }
    }
}
