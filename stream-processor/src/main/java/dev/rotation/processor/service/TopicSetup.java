package dev.rotation.processor.service;

import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.TopicProvisioning;
import dev.rotation.model.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the detector's topics where they do not exist yet (existing topics are left alone). */
public final class TopicSetup {
    private TopicSetup() {
    }

    /**
     * The product's topics. Retention is explicit because records carry event time: with the
     * broker's default time retention (7 days), a replay of older data (the bundled sample is
     * from 2025-26) is deleted before it is read, silently. -1 keeps everything.
     */
    public static List<NewTopic> newTopics(Topics topics, int inputPartitions, short replication, long retentionMs) {
        Map<String, String> configs = Map.of("retention.ms", Long.toString(retentionMs));
        List<NewTopic> out = new ArrayList<>();
        for (Topic<?, ?> t : topics.inputs()) {
            out.add(new NewTopic(t.name(), inputPartitions, replication).configs(configs));
        }
        for (Topic<?, ?> t : topics.signals()) {
            out.add(new NewTopic(t.name(), 3, replication).configs(configs));
        }
        out.add(new NewTopic(topics.alerts().name(), 1, replication).configs(configs));
        out.add(new NewTopic(topics.deadLetter().name(), 1, replication).configs(configs));
        out.add(new NewTopic(topics.lateEvents().name(), 1, replication).configs(configs));
        return out;
    }

    /**
     * Creates the missing topics and returns the largest partition count among {@code inputs}
     * (the number of stage-1 tasks).
     */
    public static int ensure(Map<String, Object> adminConfig, List<NewTopic> wanted, List<String> inputs) {
        try (Admin admin = Admin.create(adminConfig)) {
            TopicProvisioning.createMissing(admin, wanted, Duration.ofSeconds(30));
            return admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToInt(d -> d.partitions().size()).max().orElse(1);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe the input topics: " + (e.getCause() != null ? e.getCause() : e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topics", e);
        }
    }
}
