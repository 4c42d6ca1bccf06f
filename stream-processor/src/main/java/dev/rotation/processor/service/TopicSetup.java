package dev.rotation.processor.service;

import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.TopicReadiness;
import dev.rotation.model.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
                TopicReadiness.awaitLeaders(admin, missing.stream().map(NewTopic::name).toList(), java.time.Duration.ofSeconds(30));
            }
            return admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToInt(d -> d.partitions().size()).max().orElse(1);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create or describe topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics: is the cluster reachable?", e);
        }
    }
}
