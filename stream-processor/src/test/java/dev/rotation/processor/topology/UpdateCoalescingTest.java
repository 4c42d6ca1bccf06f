package dev.rotation.processor.topology;

import static dev.rotation.processor.topology.Events.dailyClose;
import static dev.rotation.processor.topology.Events.metal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Metal;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage 1 sends one update per changed (window, subject) per {@code window.update.interval}, not
 * one per event; what the detector concludes must not depend on how events were batched.
 */
class UpdateCoalescingTest {

    private static Properties interval(String duration) {
        Properties p = new Properties();
        p.setProperty("window.update.interval", duration);
        return p;
    }

    @Test
    void manyEventsOfASubjectInOneIntervalMakeOneUpdate(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            d.batch(
                    () -> {
                        for (int day = 19; day <= 23; day++) {
                            d.pipe(
                                    dailyClose(
                                            "BTC-USD", "2026-01-" + day, 90000, 90000 - day * 100));
                            d.pipe(dailyClose("ETH-USD", "2026-01-" + day, 3000, 3000 - day));
                        }
                    });
            assertThat(d.metrics.count(ProcessorMetrics.AGGREGATED, "kind", "prices"))
                    .isEqualTo(10);
            assertThat(d.metrics.count(ProcessorMetrics.UPDATES_SENT, "kind", "prices"))
                    .isEqualTo(2);

            // the next interval sends only what changed in it
            d.batch(() -> d.pipe(dailyClose("BTC-USD", "2026-01-24", 88000, 87000)));
            assertThat(d.metrics.count(ProcessorMetrics.UPDATES_SENT, "kind", "prices"))
                    .isEqualTo(3);
        }
    }

    @Test
    void tooManyPendingChangesAreSentWithoutWaitingForTheInterval(@TempDir Path dir) {
        int subjects = InputStage.MAX_PENDING + 4;
        try (DetectorDriver d = new DetectorDriver(dir)) {
            d.hold(
                    () -> {
                        for (int i = 0; i < subjects; i++) {
                            d.pipe(dailyClose("SIM" + i + "-USD", "2026-01-20", 100, 101));
                        }
                        // the batch bound, not the wall clock, sent the first MAX_PENDING changes
                        assertThat(d.metrics.count(ProcessorMetrics.UPDATES_SENT, "kind", "prices"))
                                .isEqualTo(InputStage.MAX_PENDING);
                    });
            d.batch(() -> {});
            assertThat(d.metrics.count(ProcessorMetrics.UPDATES_SENT, "kind", "prices"))
                    .isEqualTo(subjects);
        }
    }

    @Test
    void withTheWallClockStillNothingIsSentUntilAWindowCloses(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            d.hold(
                    () -> {
                        seedWeek(d);
                        assertThat(d.metrics.count(ProcessorMetrics.UPDATES_SENT, "kind", "flows"))
                                .isZero();
                        // stream time passes the week's end plus grace: its pending data goes
                        // first, then it closes
                        d.pipe(dailyClose("BTC-USD", "2026-01-30", 87000, 86000));
                        assertThat(d.metrics.count(ProcessorMetrics.UPDATES_SENT, "kind", "flows"))
                                .isPositive();
                    });
        }
    }

    @Test
    void oneBatchAndOneUpdatePerEventReachTheSameFinalSignals(
            @TempDir Path perEventDir, @TempDir Path batchedDir) {
        Map<String, String> perEvent;
        try (DetectorDriver d = new DetectorDriver(perEventDir, interval("PT0S"))) {
            seedWeek(d);
            d.idle();
            d.pipe(dailyClose("BTC-USD", "2026-01-30", 87000, 86000));
            perEvent = finals(d);
        }
        Map<String, String> batched;
        try (DetectorDriver d = new DetectorDriver(batchedDir)) {
            d.batch(
                    () -> {
                        seedWeek(d);
                        d.pipe(dailyClose("BTC-USD", "2026-01-30", 87000, 86000));
                    });
            batched = finals(d);
            // fewer updates than events reached stage 2
            assertThat(d.metrics.sum(ProcessorMetrics.UPDATES_SENT))
                    .isLessThan(d.metrics.sum(ProcessorMetrics.AGGREGATED));
        }
        assertThat(perEvent.keySet())
                .anyMatch(id -> id.startsWith("ROTATION_TO_HIGH_BETA|"))
                .anyMatch(id -> id.startsWith("CONCENTRATED_OUTFLOW|"));
        assertThat(batched).isEqualTo(perEvent);
    }

    /** The seed week's flows, BTC/ETH daily closes and metals, one event at a time. */
    private static void seedWeek(DetectorDriver d) {
        SeedWeekGoldenTest.seedWeekFlows(d);
        SeedWeekGoldenTest.prices(d, "2026-01-12", "2026-01-26");
        d.pipe(metal(Metal.XAU, "2026-01-16", 4611.05));
        d.pipe(metal(Metal.XAG, "2026-01-16", 90.00));
        d.pipe(metal(Metal.XAU, "2026-01-23", 4986.00));
        d.pipe(metal(Metal.XAG, "2026-01-23", 100.94));
    }

    /**
     * Every FINAL signal in full (evidence values, baselines, z-scores, confidence, caveats,
     * explanation, times) by signalId, with only the revision and the wall-clock emission time
     * blanked: batching changes how many provisional revisions come first, and nothing else.
     */
    private static Map<String, String> finals(DetectorDriver d) {
        Map<String, String> out = new TreeMap<>();
        for (Signal s : d.latest().values()) {
            if (s.getStatus() == SignalStatus.FINAL) {
                out.put(
                        s.getSignalId(),
                        Signal.newBuilder(s)
                                .setRevision(0)
                                .setEmittedAt(Instant.EPOCH)
                                .build()
                                .toString());
            }
        }
        return out;
    }
}
