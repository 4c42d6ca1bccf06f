package dev.rotation.processor.lifecycle;

import dev.rotation.model.Alert;
import dev.rotation.model.Caveat;
import dev.rotation.model.Correlation;
import dev.rotation.model.Evidence;
import dev.rotation.model.Magnitude;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.LifecycleSettings;
import dev.rotation.processor.rules.Detection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The signal lifecycle (docs/signals.md) as a pure function: given what was emitted for a window so
 * far and what the rules detect now, which signal records and which alerts to emit.
 *
 * <p>Signal records (every one goes to the signal topic):
 *
 * <ul>
 *   <li>While the window is open, a new detection, or a material revision of one, is emitted
 *       PROVISIONAL with the next revision. A revision is material when the signal's {@link
 *       #fingerprint} changed (confidence level, scale, caveats, the shape of its evidence) or any
 *       of its {@link #figures} moved by more than {@code signals.revision.tolerance} of its size.
 *   <li>When the window closes, every standing detection is emitted FINAL.
 *   <li>A signal emitted earlier whose condition no longer holds is emitted RETRACTED.
 *   <li>Data that reaches a window after it closed (possible when feeds progress at different
 *       speeds) revises its FINAL signals, with the caveat LATE_DATA_REVISION.
 * </ul>
 *
 * <p>Alerts, for what a desk acts on: a revision raises one when the signal's alert {@link
 * AlertFactory#state state} (status, scale, confidence level) differs from the state of the last
 * alert raised for it, so a signal's first appearance, a change of scale or confidence level, FINAL
 * and RETRACTED are alerted and revisions of the figures alone are not. A PROVISIONAL alert other
 * than the first waits until the window's data is {@code alerts.cooldown} newer in event time than
 * at the signal's last alert; it is raised at the first update after that if the state still
 * differs. FINAL and RETRACTED alerts never wait.
 *
 * <p>Revisions of one signalId only ever increase.
 */
public final class SignalLifecycle {

    /** Records to emit, alerts to emit, and the new memory of emitted signals. */
    public record Outcome(
            List<Signal> emit, List<Alert> alerts, Map<String, EmittedSignal> emitted) {}

    /** Below this absolute difference two figures are the same whatever their size. */
    static final double FLOAT_NOISE = 1e-9;

    private final LifecycleSettings settings;

    public SignalLifecycle(LifecycleSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * An update to the window's data.
     *
     * @param lastSignal the latest emitted revision of a signalId (for retractions and alerts that
     *     waited for the cooldown)
     * @param now wall-clock epoch ms, stamped on records
     * @param lastEventTime event time of the newest data in the window, epoch ms: the clock of the
     *     alert cooldown
     */
    public Outcome onUpdate(
            EventWindow window,
            boolean windowFinal,
            List<Detection> detections,
            Map<String, EmittedSignal> emitted,
            Function<String, Signal> lastSignal,
            long now,
            long lastEventTime) {
        return step(
                window,
                windowFinal ? Mode.LATE_REVISION : Mode.OPEN,
                detections,
                emitted,
                lastSignal,
                now,
                lastEventTime);
    }

    /** The window closes (stream time passed its end plus grace). */
    public Outcome onClose(
            EventWindow window,
            List<Detection> detections,
            Map<String, EmittedSignal> emitted,
            Function<String, Signal> lastSignal,
            long now,
            long lastEventTime) {
        return step(window, Mode.CLOSE, detections, emitted, lastSignal, now, lastEventTime);
    }

    private enum Mode {
        OPEN,
        CLOSE,
        LATE_REVISION
    }

    private Outcome step(
            EventWindow window,
            Mode mode,
            List<Detection> detections,
            Map<String, EmittedSignal> emitted,
            Function<String, Signal> lastSignal,
            long now,
            long lastEventTime) {
        Map<String, EmittedSignal> next = new LinkedHashMap<>(emitted);
        List<Signal> out = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        Set<String> standing = new LinkedHashSet<>();
        for (Detection d : detections) {
            String id = SignalIds.of(d.type(), window.start(), d.subjects());
            if (!standing.add(id)) {
                continue; // a rule reported the same subjects twice; the first wins
            }
            String fingerprint = fingerprint(d);
            List<Double> figures = figures(d);
            EmittedSignal before = emitted.get(id);
            boolean changed =
                    before == null
                            || before.status() == SignalStatus.RETRACTED
                            || !before.fingerprint().equals(fingerprint)
                            || !sameFigures(before.figures(), figures);
            SignalStatus status;
            if (mode == Mode.OPEN) {
                if (!changed) {
                    continue;
                }
                status = SignalStatus.PROVISIONAL;
            } else if (mode == Mode.CLOSE) {
                status = SignalStatus.FINAL;
            } else {
                if (!changed) {
                    continue;
                }
                status = SignalStatus.FINAL;
            }
            int revision = before == null ? 1 : before.revision() + 1;
            Signal s =
                    SignalFactory.fromDetection(
                            id,
                            d,
                            window,
                            status,
                            revision,
                            mode == Mode.LATE_REVISION,
                            now,
                            lastEventTime);
            out.add(s);
            EmittedSignal e =
                    before == null
                            ? EmittedSignal.first(id, revision, status, fingerprint, figures)
                            : before.revised(revision, status, fingerprint, figures);
            next.put(id, alert(s, e, lastEventTime, now, alerts));
        }
        for (EmittedSignal e : emitted.values()) {
            if (standing.contains(e.signalId()) || e.status() == SignalStatus.RETRACTED) {
                continue;
            }
            Signal last = lastSignal.apply(e.signalId());
            if (last == null) {
                continue; // nothing to retract against (should not happen: the store keeps the
                // latest revision)
            }
            int revision = e.revision() + 1;
            Signal s =
                    SignalFactory.retraction(
                            last, revision, mode == Mode.LATE_REVISION, now, lastEventTime);
            out.add(s);
            EmittedSignal retracted =
                    e.revised(revision, SignalStatus.RETRACTED, e.fingerprint(), e.figures());
            next.put(e.signalId(), alert(s, retracted, lastEventTime, now, alerts));
        }
        Set<String> revised = new HashSet<>();
        out.forEach(s -> revised.add(s.getSignalId()));
        for (EmittedSignal e : List.copyOf(next.values())) {
            if (e.alertPending() && !revised.contains(e.signalId())) {
                Signal last = lastSignal.apply(e.signalId());
                if (last != null) {
                    next.put(e.signalId(), alert(last, e, lastEventTime, now, alerts));
                }
            }
        }
        return new Outcome(out, alerts, next);
    }

    /**
     * Raises the alert for signal revision {@code s} if it tells a desk something new, or marks it
     * as waiting for the cooldown; {@code e} is the lifecycle's memory of the signal, returned
     * updated.
     */
    private EmittedSignal alert(
            Signal s, EmittedSignal e, long eventTime, long now, List<Alert> alerts) {
        if (settings.silentTypes().contains(s.getType())) {
            return e.withAlertPending(false); // on the signal topic, not for a desk's alerts
        }
        String state = AlertFactory.state(s);
        if (state.equals(e.alertState())) {
            return e.withAlertPending(false); // the desk already knows this
        }
        boolean settled = s.getStatus() != SignalStatus.PROVISIONAL;
        boolean cooled =
                e.alertState() == null
                        || eventTime - e.alertEventTime() >= settings.alertCooldown().toMillis();
        if (!settled && !cooled) {
            return e.withAlertPending(true);
        }
        int occurrence = e.alertsIn(state) + 1;
        alerts.add(AlertFactory.from(s, AlertFactory.alertId(s, occurrence), now));
        return e.alertedIn(state, eventTime);
    }

    /**
     * What a signal is, apart from its figures: type, subjects, confidence level, scale, caveat
     * codes, and the shape of its evidence and correlation (which metrics, which parts present).
     */
    static String fingerprint(Detection d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.type())
                .append('|')
                .append(d.subjects())
                .append('|')
                .append(d.confidence().level())
                .append('|')
                .append(d.magnitude() == null ? "-" : d.magnitude().getScale())
                .append('|')
                .append(caveatCodes(d).stream().sorted().collect(Collectors.joining(",")))
                .append('|');
        for (Evidence e : d.evidence()) {
            sb.append(e.getMetric())
                    .append('@')
                    .append(e.getSubject())
                    .append(e.getBaseline() == null ? "" : "b")
                    .append(e.getZScore() == null ? "" : "z")
                    .append(e.getThreshold() == null ? "" : "t")
                    .append('[')
                    .append(e.getSource())
                    .append("];");
        }
        Correlation c = d.correlation();
        if (c != null) {
            sb.append('|').append(c.getBetween()).append(" n=").append(c.getSampleSize());
        }
        return sb.toString();
    }

    /**
     * The numbers of a signal, in the order of its {@link #fingerprint}: confidence score,
     * magnitude (ratio, receiving and leaving legs), each evidence's value and, where present,
     * baseline, z-score and threshold, and the correlation's coefficient and interval.
     */
    static List<Double> figures(Detection d) {
        List<Double> out = new ArrayList<>();
        out.add(d.confidence().score());
        Magnitude m = d.magnitude();
        if (m != null) {
            out.add(m.getRatio());
            out.add(m.getReceivingUsd());
            out.add(m.getLeavingUsd());
        }
        for (Evidence e : d.evidence()) {
            out.add(e.getValue());
            addIfPresent(out, e.getBaseline());
            addIfPresent(out, e.getZScore());
            addIfPresent(out, e.getThreshold());
        }
        Correlation c = d.correlation();
        if (c != null) {
            out.add(c.getCoefficient());
            out.add(c.getLower95());
            out.add(c.getUpper95());
        }
        return out;
    }

    /**
     * Whether every figure is within {@code signals.revision.tolerance} of its counterpart,
     * relative to the larger of the two in size (or within {@link #FLOAT_NOISE} of it).
     */
    boolean sameFigures(List<Double> before, List<Double> now) {
        if (before.size() != now.size()) {
            return false;
        }
        double tolerance = settings.revisionTolerance();
        for (int i = 0; i < now.size(); i++) {
            double a = before.get(i);
            double b = now.get(i);
            if (Double.compare(a, b) == 0) {
                continue; // equal, NaN included
            }
            double allowed = Math.max(FLOAT_NOISE, tolerance * Math.max(Math.abs(a), Math.abs(b)));
            if (!(Math.abs(a - b) <= allowed)) {
                return false;
            }
        }
        return true;
    }

    private static void addIfPresent(List<Double> out, Double v) {
        if (v != null) {
            out.add(v);
        }
    }

    static List<String> caveatCodes(Detection d) {
        List<String> codes = new ArrayList<>();
        for (Caveat c : d.caveats()) {
            codes.add(c.getCode());
        }
        for (Caveat c : d.confidence().caveats()) {
            codes.add(c.getCode());
        }
        return codes;
    }
}
