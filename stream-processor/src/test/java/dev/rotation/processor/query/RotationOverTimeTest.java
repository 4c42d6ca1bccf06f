package dev.rotation.processor.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Causality;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Magnitude;
import dev.rotation.model.Scale;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.RotationThresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RotationOverTimeTest {
    private static final Instant W1 = Instant.parse("2026-01-12T00:00:00Z");
    private static final Instant W2 = Instant.parse("2026-01-19T00:00:00Z");
    private static final RotationThresholds THRESHOLDS =
            new RotationThresholds(50e6, 1e6, 0.05, 0.25);

    private static WeekPicture week(Instant start, double mainstream) {
        return new WeekPicture(
                new WindowSummary(start, start.plus(Duration.ofDays(7)), true, start, 0),
                null,
                Map.of("mainstream", mainstream),
                Map.of(),
                Map.of(),
                Map.of(),
                List.of(),
                Map.of(),
                Map.of());
    }

    private static Signal rotation(
            Instant week, SignalType type, SignalStatus status, double ratio, Scale scale) {
        return Signal.newBuilder()
                .setSignalId(type + "|" + week)
                .setType(type)
                .setWindowStart(week)
                .setWindowEnd(week.plus(Duration.ofDays(7)))
                .setStatus(status)
                .setRevision(1)
                .setSubjects(List.of())
                .setMagnitude(new Magnitude(ratio, scale, 1d, 1d))
                .setConfidence(0.6)
                .setConfidenceLevel(ConfidenceLevel.MEDIUM)
                .setCausality(Causality.CORRELATION_NOT_CAUSATION)
                .setEvidence(List.of())
                .setCaveats(List.of())
                .setSources(List.of())
                .setExplanation("")
                .setEmittedAt(week)
                .setLastEventTime(week)
                .build();
    }

    @Test
    void eachWeekCarriesItsStandingRotationOldestFirstWithTheBands() {
        RotationOverTime r =
                RotationOverTime.of(
                        List.of(week(W2, -1.72e9), week(W1, 300e6)),
                        List.of(
                                rotation(
                                        W2,
                                        SignalType.ROTATION_TO_HIGH_BETA,
                                        SignalStatus.FINAL,
                                        0.0099,
                                        Scale.MICRO),
                                rotation(
                                        W2,
                                        SignalType.ROTATION_TO_MAINSTREAM,
                                        SignalStatus.PROVISIONAL,
                                        0.12,
                                        Scale.MATERIAL),
                                rotation(
                                        W1,
                                        SignalType.ROTATION_TO_HIGH_BETA,
                                        SignalStatus.RETRACTED,
                                        0.3,
                                        Scale.MAJOR)),
                        THRESHOLDS);

        assertThat(r.microBelow()).isEqualTo(0.05);
        assertThat(r.majorAbove()).isEqualTo(0.25);
        assertThat(r.weeks()).extracting(RotationOverTime.Week::start).containsExactly(W1, W2);
        // a retracted reading does not stand
        assertThat(r.weeks().get(0).rotation()).isNull();
        assertThat(r.weeks().get(0).byGroup()).containsEntry("mainstream", 300e6);
        // two standing readings in one week: the larger ratio is shown
        assertThat(r.weeks().get(1).rotation().type()).isEqualTo(SignalType.ROTATION_TO_MAINSTREAM);
        assertThat(r.weeks().get(1).rotation().scale()).isEqualTo(Scale.MATERIAL);
    }
}
