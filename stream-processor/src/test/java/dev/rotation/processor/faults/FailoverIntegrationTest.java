package dev.rotation.processor.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.processor.faults.CommittedSignals.Committed;
import dev.rotation.processor.faults.FaultPlatform.Run;
import dev.rotation.processor.ops.HttpEndpoints;
import dev.rotation.producers.publish.PublishSummary;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failover across instances, as scaled-out deployments run: three {@code process} JVMs with one
 * application id (each its own state directory and HTTP port) share the work while the sample
 * streams in; the one hosting stage 2 is SIGKILLed mid-stream. The other two take over its tasks,
 * and the committed FINAL signals equal the undisturbed one-instance run's in every field but the
 * revision and emission time, nothing lost or duplicated, and both survivors answer {@code
 * /signals} alike (one from its own state, the other by forwarding to it).
 *
 * <p>Each run also measures the failover: from the kill to (0) a survivor rebalancing (the group
 * noticed the loss), (1) every survivor answering {@code /signals}, and (2) every task processing
 * again (the application's committed offset on every input and repartition partition past where it
 * stood at the kill). The figures are logged ("Failover with N standby ..."). {@code
 * -Dfailover.standbys=0,1} runs once per standby count (default 1, what CI runs);
 * docs/operations.md records the figures.
 */
@Tag("integration")
@Tag("fault")
@Tag("long")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class FailoverIntegrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverIntegrationTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INSTANCES = List.of("a", "b", "c");

    /**
     * How soon the group notices a killed member: Kafka's default is 45 s. Shorter here so that
     * failover happens well within the idle timeout, and the run takes less time; the figures
     * include it.
     */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Events per second: the sample streams in for about 35 s, and the kill comes after a third, so
     * input still flows to every partition when the survivors take over.
     */
    private static final double PUBLISH_RATE = 40;

    /** The platform and undisturbed baseline, shared with the other fault test classes. */
    @RegisterExtension static final FaultPlatform.Shared SHARED = new FaultPlatform.Shared();

    private static FaultPlatform rig;

    @BeforeAll
    static void sharedPlatform() {
        rig = SHARED.get();
    }

    @Test
    void aKilledInstancesTasksMoveToTheOthersWithTheSameFinalSignals() throws Exception {
        List<String> figures = new ArrayList<>();
        for (int standbys : standbyCounts()) {
            figures.add(failover(standbys));
        }
        LOG.info("Failover figures:\n  {}", String.join("\n  ", figures));
    }

    /** {@code -Dfailover.standbys=0,1}: the standby counts to run with (default 1). */
    private static List<Integer> standbyCounts() {
        return Arrays.stream(System.getProperty("failover.standbys", "1").split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
    }

    /** One three-instance run with a kill; the figures of its failover. */
    private static String failover(int standbys) throws Exception {
        Run run = rig.newRun("failover-" + standbys + "-standby");
        Map<String, ChildProcessor> children = new LinkedHashMap<>();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            for (String name : INSTANCES) {
                children.put(
                        name, rig.startChild(run, instanceSettings(run, name, standbys), name));
            }
            awaitGroupOf(run, INSTANCES.size());

            AtomicInteger published = new AtomicInteger();
            Future<PublishSummary> publishing =
                    executor.submit(() -> rig.publishPaced(run, PUBLISH_RATE, published));
            int killAt = rig.sample.size() / 3;
            await(run.name() + " consumes " + killAt)
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> consumed(children.values()) >= killAt);
            ChildProcessor host = awaitStageTwoHost(children.values());
            double hostConsumed = host.consumed();
            long killedAt = System.nanoTime();
            host.kill();
            Map<TopicPartition, Long> atKill = rig.committedOffsets(run);
            List<ChildProcessor> survivors =
                    children.values().stream().filter(c -> c != host).toList();
            LOG.info(
                    "{}: killed {} (stage 2 and input records consumed {}) at {} of {} consumed, "
                            + "{} published; committed offsets {}",
                    run.name(),
                    host.name(),
                    hostConsumed,
                    consumed(children.values()),
                    rig.sample.size(),
                    published.get(),
                    atKill);

            long[] noticedAt = {-1};
            long[] signalsAt = {-1};
            long[] resumedAt = {-1};
            await(run.name() + " failover")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> {
                                long now = System.nanoTime();
                                if (noticedAt[0] < 0
                                        && survivors.stream().anyMatch(c -> rebalancing(c))) {
                                    noticedAt[0] = now;
                                }
                                if (signalsAt[0] < 0
                                        && survivors.stream().allMatch(c -> answersSignals(c))) {
                                    signalsAt[0] = now;
                                }
                                if (resumedAt[0] < 0 && resumedEverywhere(run, atKill)) {
                                    resumedAt[0] = now;
                                }
                                return signalsAt[0] >= 0 && resumedAt[0] >= 0;
                            });
            String figure =
                    String.format(
                            "Failover with %d standby: the group rebalanced %d ms after the kill "
                                    + "(session.timeout.ms %d); /signals answered by every "
                                    + "survivor after %d ms; every task processing again after "
                                    + "%d ms",
                            standbys,
                            noticedAt[0] < 0 ? -1 : (noticedAt[0] - killedAt) / 1_000_000,
                            SESSION_TIMEOUT.toMillis(),
                            (signalsAt[0] - killedAt) / 1_000_000,
                            (resumedAt[0] - killedAt) / 1_000_000);
            LOG.info("{}", figure);

            PublishSummary summary = publishing.get(3, TimeUnit.MINUTES);
            assertThat(summary.allDelivered()).as(summary.describe()).isTrue();
            rig.awaitSettled(run, Duration.ofMinutes(3));
            survivors.forEach(c -> assertThat(c.alive()).as(c.name() + " still runs").isTrue());

            assertThat(rig.differenceFromBaseline(run))
                    .as("FINAL signals of %s against the undisturbed one-instance run", run.name())
                    .isEmpty();
            assertSurvivorsServeTheFinalSignals(run, survivors);
            return figure;
        } finally {
            executor.shutdownNow();
            for (ChildProcessor c : children.values()) {
                c.close();
            }
        }
    }

    /** The run's settings for one instance: its own state directory, dynamic membership. */
    private static Map<String, String> instanceSettings(Run run, String name, int standbys) {
        Map<String, String> s = new LinkedHashMap<>(run.settings());
        s.put("state.dir", run.dir().resolve("state-" + name).toString());
        s.put("num.standby.replicas", Integer.toString(standbys));
        s.put("streams.session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()));
        return s;
    }

    /** Waits until the group has the members and has settled on an assignment. */
    private static void awaitGroupOf(Run run, int members) {
        await(run.name() + " group of " + members)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            var group =
                                    rig.platform
                                            .admin()
                                            .describeConsumerGroups(List.of(run.applicationId()))
                                            .all()
                                            .get(10, TimeUnit.SECONDS)
                                            .get(run.applicationId());
                            return group.members().size() == members
                                    && group.groupState() == GroupState.STABLE;
                        });
    }

    /**
     * The instance that answers {@code /signals} from its own state: the one its answers say served
     * them (every instance's answer names the instance that served it).
     */
    private static ChildProcessor awaitStageTwoHost(Iterable<ChildProcessor> children) {
        AtomicReference<ChildProcessor> host = new AtomicReference<>();
        await("the stage-2 host")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            for (ChildProcessor c : children) {
                                HttpResponse<String> r = c.get("/signals?limit=1");
                                if (r != null
                                        && r.statusCode() == 200
                                        && r.headers()
                                                .firstValue(HttpEndpoints.SERVED_BY)
                                                .orElse("")
                                                .equals(c.address())) {
                                    host.set(c);
                                    return true;
                                }
                            }
                            return false;
                        });
        return host.get();
    }

    /** Whether the instance's Streams client says it is rebalancing ({@code /health}). */
    private static boolean rebalancing(ChildProcessor c) {
        HttpResponse<String> r = c.get("/health");
        try {
            return r != null
                    && "REBALANCING".equals(JSON.readTree(r.body()).path("streamsState").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answersSignals(ChildProcessor c) {
        HttpResponse<String> r = c.get("/signals?limit=1");
        return r != null && r.statusCode() == 200;
    }

    /**
     * Whether the application's committed offset on every source partition has moved past where it
     * stood at the kill (or nothing was published there since).
     */
    private static boolean resumedEverywhere(Run run, Map<TopicPartition, Long> atKill) {
        Map<TopicPartition, Long> now = rig.committedOffsets(run);
        Map<TopicPartition, Long> ends = rig.endOffsets(run.sourceTopics());
        return ends.entrySet().stream()
                .allMatch(
                        e -> {
                            long before = atKill.getOrDefault(e.getKey(), 0L);
                            long at = now.getOrDefault(e.getKey(), 0L);
                            return at > before || e.getValue() == before;
                        });
    }

    private static double consumed(Iterable<ChildProcessor> children) {
        double sum = 0;
        for (ChildProcessor c : children) {
            if (c.alive()) {
                sum += Math.max(0, c.consumed());
            }
        }
        return sum;
    }

    /**
     * Both survivors answer {@code /signals?status=FINAL} with the same signals, those whose latest
     * committed revision is FINAL; one of them serves it from its own state and the other forwards
     * to it.
     */
    private static void assertSurvivorsServeTheFinalSignals(Run run, List<ChildProcessor> survivors)
            throws IOException {
        Map<String, Signal> latest = new HashMap<>();
        for (Committed c : run.committedSignals()) {
            latest.merge(
                    c.signal().getSignalId(),
                    c.signal(),
                    (a, b) -> b.getRevision() > a.getRevision() ? b : a);
        }
        TreeSet<String> expected = new TreeSet<>();
        latest.values().stream()
                .filter(s -> s.getStatus() == SignalStatus.FINAL)
                .forEach(s -> expected.add(s.getSignalId()));
        List<String> servedBy = new ArrayList<>();
        String body = null;
        for (ChildProcessor c : survivors) {
            HttpResponse<String> r = c.get("/signals?status=FINAL&limit=10000");
            assertThat(r).as(c.name() + " answers /signals").isNotNull();
            assertThat(r.statusCode()).as(c.name() + " /signals: " + r.body()).isEqualTo(200);
            TreeSet<String> ids = new TreeSet<>();
            for (JsonNode s : JSON.readTree(r.body()).path("signals")) {
                ids.add(s.path("signalId").asText());
            }
            assertThat(ids).as(c.name() + "'s FINAL signals").isEqualTo(expected);
            if (body != null) {
                assertThat(r.body())
                        .as(c.name() + " answers like the other survivor")
                        .isEqualTo(body);
            }
            body = r.body();
            servedBy.add(r.headers().firstValue(HttpEndpoints.SERVED_BY).orElse("nobody"));
        }
        assertThat(servedBy)
                .as("who served each survivor's answer: one survivor, for both")
                .containsOnly(servedBy.get(0))
                .containsAnyElementsOf(survivors.stream().map(ChildProcessor::address).toList());
        LOG.info("{}: /signals of the survivors served by {}", run.name(), servedBy);
    }
}
