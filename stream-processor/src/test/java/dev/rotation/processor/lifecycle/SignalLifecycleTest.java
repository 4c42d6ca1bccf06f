package dev.rotation.processor.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Alert;
import dev.rotation.model.Causality;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Evidence;
import dev.rotation.model.Magnitude;
import dev.rotation.model.Scale;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.LifecycleSettings;
import dev.rotation.processor.confidence.Confidence;
import dev.rotation.processor.rules.Detection;
import dev.rotation.processor.topology.StateSerde;
import dev.rotation.processor.topology.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle as a pure function: which revisions reach the signal topic, and which of them a
 * desk is alerted to. Detections are built by hand; time is the window's event time.
 */
class SignalLifecycleTest {

    static final EventWindow WEEK = new EventWindow(Time.day("2026-01-19"), Time.day("2026-01-26"));

    /** The report's rows all carry the end of its period: 23 Jan, 23:59:59.999. */
    static final long REPORT_TIME = Time.at("2026-01-23T23:59:59.999Z");

    static final LifecycleSettings DEFAULTS =
            new LifecycleSettings(0.02, 0.001, Duration.ofHours(1));

    static final String ROTATION_ID =
            "ROTATION_TO_HIGH_BETA|2026-01-19|group:high-beta,group:mainstream";

    /** A rotation of {@code receiving} into high beta against {@code leaving} out of mainstream. */
    static Detection rotation(double leaving, double receiving, ConfidenceLevel level) {
        double ratio = receiving / leaving;
        Scale scale = ratio < 0.05 ? Scale.MICRO : ratio > 0.25 ? Scale.MAJOR : Scale.MATERIAL;
        double score = level == ConfidenceLevel.HIGH ? 0.75 : 0.55;
        return new Detection(
                SignalType.ROTATION_TO_HIGH_BETA,
                List.of("group:mainstream", "group:high-beta"),
                new Magnitude(ratio, scale, receiving, leaving),
                List.of(
                        new Evidence(
                                "net_flow_usd",
                                "group:mainstream",
                                -leaving,
                                null,
                                null,
                                -50e6,
                                "coinshares"),
                        new Evidence(
                                "net_flow_usd", "SOL", receiving, null, null, null, "coinshares")),
                List.of(),
                null,
                new Confidence(score, level, Causality.CORRELATION_NOT_CAUSATION, List.of()),
                "Net outflows of " + leaving + " coincided with net inflows of " + receiving);
    }

    static Detection rotation(double leaving, double receiving) {
        return rotation(leaving, receiving, ConfidenceLevel.MEDIUM);
    }

    /** The lifecycle over one window, with the signal store the topology keeps. */
    static final class Run {
        final SignalLifecycle lifecycle;
        Map<String, EmittedSignal> emitted = new LinkedHashMap<>();
        final Map<String, Signal> latest = new HashMap<>();
        final List<Signal> signals = new ArrayList<>();
        final List<Alert> alerts = new ArrayList<>();
        long now = 1_000;

        Run(LifecycleSettings settings) {
            lifecycle = new SignalLifecycle(settings);
        }

        Run() {
            this(DEFAULTS);
        }

        SignalLifecycle.Outcome update(long eventTime, Detection... ds) {
            return take(
                    lifecycle.onUpdate(
                            WEEK, false, List.of(ds), emitted, latest::get, now++, eventTime));
        }

        SignalLifecycle.Outcome late(long eventTime, Detection... ds) {
            return take(
                    lifecycle.onUpdate(
                            WEEK, true, List.of(ds), emitted, latest::get, now++, eventTime));
        }

        SignalLifecycle.Outcome close(long eventTime, Detection... ds) {
            return take(
                    lifecycle.onClose(WEEK, List.of(ds), emitted, latest::get, now++, eventTime));
        }

        private SignalLifecycle.Outcome take(SignalLifecycle.Outcome o) {
            o.emit().forEach(s -> latest.put(s.getSignalId(), s));
            signals.addAll(o.emit());
            alerts.addAll(o.alerts());
            emitted = o.emitted();
            return o;
        }

        List<String> alertIds() {
            return alerts.stream().map(Alert::getAlertId).toList();
        }
    }

    @Test
    void aGrowingLegIsANewRevisionOnTheSignalTopicButNoNewAlert() {
        Run run = new Run();
        run.update(REPORT_TIME, rotation(630e6, 17.1e6));
        SignalLifecycle.Outcome grown = run.update(REPORT_TIME, rotation(1.42e9, 17.1e6));

        assertThat(grown.emit())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.getStatus()).isEqualTo(SignalStatus.PROVISIONAL);
                            assertThat(s.getRevision()).isEqualTo(2);
                            assertThat(s.getMagnitude().getLeavingUsd()).isEqualTo(1.42e9);
                            assertThat(s.getMagnitude().getScale()).isEqualTo(Scale.MICRO);
                        });
        assertThat(grown.alerts()).isEmpty();
        assertThat(run.alertIds()).containsExactly(ROTATION_ID + "|PROVISIONAL|MICRO|MEDIUM");
    }

    @Test
    void figuresThatMoveLessThanTheToleranceMakeNoRevision() {
        Run run = new Run();
        run.update(REPORT_TIME, rotation(630e6, 17.1e6));
        // 0.01% and float noise: below signals.revision.tolerance (0.1%)
        assertThat(run.update(REPORT_TIME, rotation(630e6 * 1.0001, 17.1e6)).emit()).isEmpty();
        assertThat(run.update(REPORT_TIME, rotation(630e6 + 1e-7, 17.1e6 - 1e-9)).emit()).isEmpty();
        // 0.5%: a revision
        assertThat(run.update(REPORT_TIME, rotation(633.2e6, 17.1e6)).emit()).hasSize(1);
        // each comparison is against the last revision emitted, so small steps add up
        Run drift = new Run();
        drift.update(REPORT_TIME, rotation(630e6, 17.1e6));
        int revisions = 0;
        for (int i = 1; i <= 20; i++) {
            revisions +=
                    drift.update(REPORT_TIME, rotation(630e6 * (1 + i * 0.0004), 17.1e6))
                            .emit()
                            .size();
        }
        assertThat(revisions).isBetween(2, 10);
    }

    @Test
    void aChangeOfScaleWaitsForTheCooldownAndIsThenAlertedWithoutANewRevision() {
        Run run = new Run();
        run.update(REPORT_TIME, rotation(630e6, 17.1e6));
        // the receiving leg is revised within the same report: MICRO -> MATERIAL at once
        SignalLifecycle.Outcome material = run.update(REPORT_TIME, rotation(630e6, 100e6));
        assertThat(material.emit()).singleElement();
        assertThat(material.alerts()).as("within the cooldown").isEmpty();
        assertThat(run.emitted.get(ROTATION_ID).alertPending()).isTrue();

        // later data (a day's price bar) moves the window's event time past the cooldown; the
        // rotation itself is unchanged, so no revision, but the waiting alert is raised
        SignalLifecycle.Outcome later =
                run.update(Time.at("2026-01-24T23:59:59.999Z"), rotation(630e6, 100e6));
        assertThat(later.emit()).isEmpty();
        assertThat(later.alerts())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getAlertId())
                                    .isEqualTo(ROTATION_ID + "|PROVISIONAL|MATERIAL|MEDIUM");
                            assertThat(a.getRevision()).isEqualTo(2);
                            assertThat(a.getScale()).isEqualTo(Scale.MATERIAL);
                        });
        assertThat(run.emitted.get(ROTATION_ID).alertPending()).isFalse();

        // a change of confidence level, past the cooldown, is alerted at once
        SignalLifecycle.Outcome higher =
                run.update(
                        Time.at("2026-01-25T23:59:59.999Z"),
                        rotation(630e6, 100e6, ConfidenceLevel.HIGH));
        assertThat(higher.alerts())
                .extracting(Alert::getAlertId)
                .containsExactly(ROTATION_ID + "|PROVISIONAL|MATERIAL|HIGH");
    }

    @Test
    void aChangeUndoneWithinTheCooldownIsNeverAlerted() {
        Run run = new Run();
        run.update(REPORT_TIME, rotation(630e6, 17.1e6));
        run.update(REPORT_TIME + 60_000, rotation(630e6, 100e6));
        run.update(REPORT_TIME + 120_000, rotation(630e6, 17.1e6));
        run.update(REPORT_TIME + Duration.ofHours(3).toMillis(), rotation(630e6, 17.1e6));
        assertThat(run.signals).extracting(Signal::getRevision).containsExactly(1, 2, 3);
        assertThat(run.alertIds()).containsExactly(ROTATION_ID + "|PROVISIONAL|MICRO|MEDIUM");
    }

    @Test
    void aSilentTypeGoesToTheSignalTopicThroughItsWholeLifecycleButRaisesNoAlert() {
        Run run =
                new Run(
                        new LifecycleSettings(
                                0.02,
                                0.001,
                                Duration.ofHours(1),
                                Set.of(SignalType.ROTATION_TO_HIGH_BETA)));
        run.update(REPORT_TIME, rotation(630e6, 17.1e6));
        run.update(REPORT_TIME + 1, rotation(630e6, 100e6, ConfidenceLevel.HIGH));
        run.close(REPORT_TIME + 2, rotation(630e6, 100e6, ConfidenceLevel.HIGH));

        assertThat(run.signals)
                .extracting(Signal::getStatus)
                .containsExactly(
                        SignalStatus.PROVISIONAL, SignalStatus.PROVISIONAL, SignalStatus.FINAL);
        assertThat(run.alerts).isEmpty();
    }

    @Test
    void finalAndRetractedAreAlertedWhateverTheCooldown() {
        Run run = new Run(new LifecycleSettings(0.02, 0.001, Duration.ofDays(30)));
        Detection other =
                new Detection(
                        SignalType.CONCENTRATED_OUTFLOW,
                        List.of("region:US"),
                        null,
                        List.of(
                                new Evidence(
                                        "outflow_share", "region:US", 0.99, null, null, 0.8, null)),
                        List.of(),
                        null,
                        new Confidence(
                                0.6, ConfidenceLevel.MEDIUM, Causality.OBSERVATION, List.of()),
                        "US held 99.0% of the gross outflow.");
        run.update(REPORT_TIME, rotation(630e6, 17.1e6), other);
        assertThat(run.alerts).hasSize(2);
        // the rotation changes scale and level within the cooldown: not alerted; the
        // concentration goes: its retraction is alerted at once
        SignalLifecycle.Outcome second =
                run.update(REPORT_TIME + 1, rotation(630e6, 100e6, ConfidenceLevel.HIGH));
        assertThat(second.alerts())
                .singleElement()
                .satisfies(a -> assertThat(a.getStatus()).isEqualTo(SignalStatus.RETRACTED));
        assertThat(run.signals)
                .filteredOn(s -> s.getType() == SignalType.CONCENTRATED_OUTFLOW)
                .extracting(Signal::getStatus)
                .containsExactly(SignalStatus.PROVISIONAL, SignalStatus.RETRACTED);
        run.close(REPORT_TIME + 2, rotation(630e6, 100e6, ConfidenceLevel.HIGH));

        assertThat(run.alertIds())
                .containsExactly(
                        ROTATION_ID + "|PROVISIONAL|MICRO|MEDIUM",
                        "CONCENTRATED_OUTFLOW|2026-01-19|region:US|PROVISIONAL|-|MEDIUM",
                        "CONCENTRATED_OUTFLOW|2026-01-19|region:US|RETRACTED",
                        ROTATION_ID + "|FINAL|MATERIAL|HIGH");
        assertThat(run.alerts.get(3).getRevision()).isEqualTo(3);
    }

    @Test
    void aLateRevisionOfAFinalIsAlertedOnlyWhenItsScaleOrLevelChanges() {
        Run run = new Run();
        run.update(REPORT_TIME, rotation(630e6, 17.1e6));
        run.close(REPORT_TIME, rotation(630e6, 17.1e6));
        SignalLifecycle.Outcome figures = run.late(REPORT_TIME, rotation(1.42e9, 17.1e6));
        assertThat(figures.emit())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.getStatus()).isEqualTo(SignalStatus.FINAL);
                            assertThat(s.getCaveats())
                                    .extracting(c -> c.getCode())
                                    .contains(SignalFactory.LATE_DATA_REVISION);
                        });
        assertThat(figures.alerts()).isEmpty();
        assertThat(run.late(REPORT_TIME, rotation(1.42e9, 400e6)).alerts())
                .extracting(Alert::getAlertId)
                .containsExactly(ROTATION_ID + "|FINAL|MAJOR|MEDIUM");
    }

    @Test
    void alertIdsNameSignalAndStateAndSurviveARestart() throws Exception {
        // MEDIUM, HIGH, MEDIUM again, a day apart: the return to MEDIUM is an alert of its own
        List<Detection> steps =
                List.of(
                        rotation(630e6, 17.1e6),
                        rotation(630e6, 17.1e6, ConfidenceLevel.HIGH),
                        rotation(630e6, 17.1e6),
                        rotation(640e6, 17.1e6, ConfidenceLevel.HIGH));
        Run straight = new Run();
        for (int i = 0; i < steps.size(); i++) {
            straight.update(REPORT_TIME + Time.days(i), steps.get(i));
        }
        assertThat(straight.alertIds())
                .containsExactly(
                        ROTATION_ID + "|PROVISIONAL|MICRO|MEDIUM",
                        ROTATION_ID + "|PROVISIONAL|MICRO|HIGH",
                        ROTATION_ID + "|PROVISIONAL|MICRO|MEDIUM|2",
                        ROTATION_ID + "|PROVISIONAL|MICRO|HIGH|2")
                .doesNotHaveDuplicates();

        // the same input after a restart between the second and third steps: the memory comes
        // back from its state record, and with it the same alert ids (no clock in them)
        Run before = new Run();
        before.update(REPORT_TIME, steps.get(0));
        before.update(REPORT_TIME + Time.days(1), steps.get(1));
        StateSerde<EmittedSignal> serde = new StateSerde<>(EmittedSignal.class);
        Run after = new Run();
        after.now = 9_999_999;
        for (EmittedSignal e : before.emitted.values()) {
            after.emitted.put(
                    e.signalId(),
                    serde.deserializer().deserialize("t", serde.serializer().serialize("t", e)));
        }
        after.latest.putAll(before.latest);
        after.update(REPORT_TIME + Time.days(2), steps.get(2));
        after.update(REPORT_TIME + Time.days(3), steps.get(3));
        List<String> resumed = new ArrayList<>(before.alertIds());
        resumed.addAll(after.alertIds());
        assertThat(resumed).isEqualTo(straight.alertIds());
    }
}
