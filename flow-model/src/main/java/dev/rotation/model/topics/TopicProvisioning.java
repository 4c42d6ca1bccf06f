package dev.rotation.model.topics;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics that are missing and waits until they are usable; the one path by which the
 * producers and the processor create topics. Each decides which topics it wants; how each is
 * created (partitions, replication, configs) comes from the catalogue's {@link TopicSpec}s.
 * Producing the instant a topic is created can hit NOT_LEADER_OR_FOLLOWER on the first batch while
 * later in-flight batches succeed; the retried first batch is then refused as out of sequence,
 * forever. Hence the wait: until every partition has a leader in the metadata and that leader
 * answers for it (a ListOffsets request; a leader named in metadata may not have loaded the
 * partition yet).
 */
public final class TopicProvisioning {
    private TopicProvisioning() {}

    /**
     * Creates those of {@code wanted} that do not exist yet (existing topics are left as they are;
     * a concurrent creation is fine), waits for their leaders, and returns the names created.
     */
    public static List<String> createMissing(
            Admin admin, List<TopicSpec> wanted, Duration timeout) {
        try {
            Set<String> existing =
                    admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing =
                    wanted.stream()
                            .filter(t -> !existing.contains(t.name()))
                            .map(TopicSpec::newTopic)
                            .toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            try {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            List<String> names = missing.stream().map(NewTopic::name).toList();
            awaitLeaders(admin, names, timeout);
            return names;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Cannot create topics (is the cluster reachable?): "
                            + (e.getCause() != null ? e.getCause() : e),
                    e);
        }
    }

    /**
     * Blocks until every partition of the named topics has a leader that serves it (answers
     * ListOffsets), or the timeout passes.
     */
    public static void awaitLeaders(Admin admin, Collection<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String waitingFor = String.join(", ", topics);
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> d =
                        admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
                boolean ready =
                        d.values().stream()
                                .allMatch(
                                        t ->
                                                t.partitions().stream()
                                                        .allMatch(
                                                                p ->
                                                                        p.leader() != null
                                                                                && !p.leader()
                                                                                        .isEmpty()));
                if (ready) {
                    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                    d.values()
                            .forEach(
                                    t ->
                                            t.partitions()
                                                    .forEach(
                                                            p ->
                                                                    partitions.put(
                                                                            new TopicPartition(
                                                                                    t.name(),
                                                                                    p.partition()),
                                                                            OffsetSpec.latest())));
                    admin.listOffsets(partitions).all().get(5, TimeUnit.SECONDS);
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                waitingFor = String.join(", ", topics) + " (" + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topic leaders", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topic leaders", e);
            }
        }
        throw new IllegalStateException(
                "Topics have no leader after " + timeout + ": " + waitingFor);
    }
}
