package dev.rotation.model.topics;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Waits until freshly created topics are usable. Producing the instant a topic is created can hit
 * NOT_LEADER_OR_FOLLOWER on the first batch while later in-flight batches succeed; the retried
 * first batch is then refused as out of sequence, forever. Shared by every path that creates
 * topics (producers and processor).
 */
public final class TopicReadiness {
    private TopicReadiness() {
    }

    /** Blocks until every partition of the named topics has a leader, or the timeout passes. */
    public static void awaitLeaders(Admin admin, Collection<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String waitingFor = String.join(", ", topics);
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
                boolean ready = d.values().stream()
                        .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
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
        throw new IllegalStateException("Topics have no leader after " + timeout + ": " + waitingFor);
    }
}
