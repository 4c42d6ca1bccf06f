package dev.rotation.processor.lifecycle;

import dev.rotation.model.Caveat;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.rules.Detection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The signal lifecycle (docs/signals.md) as a pure function: given what was emitted for a window so
 * far and what the rules detect now, which records to emit.
 *
 * <ul>
 *   <li>While the window is open, a new detection, or one whose substance changed (confidence level
 *       or score band, scale, caveats), is emitted PROVISIONAL with the next revision.
 *   <li>When the window closes, every standing detection is emitted FINAL.
 *   <li>A signal emitted earlier whose condition no longer holds is emitted RETRACTED.
 *   <li>Data that reaches a window after it closed (possible when feeds progress at different
 *       speeds) revises its FINAL signals, with the caveat LATE_DATA_REVISION.
 * </ul>
 *
 * Revisions of one signalId only ever increase.
 */
public final class SignalLifecycle {

    /** Records to emit and the new memory of emitted signals. */
    public record Outcome(List<Signal> emit, Map<String, EmittedSignal> emitted) {}

    private SignalLifecycle() {}

    /** An update to the window's data. */
    public static Outcome onUpdate(
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
    public static Outcome onClose(
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

    private static Outcome step(
            EventWindow window,
            Mode mode,
            List<Detection> detections,
            Map<String, EmittedSignal> emitted,
            Function<String, Signal> lastSignal,
            long now,
            long lastEventTime) {
        Map<String, EmittedSignal> next = new LinkedHashMap<>(emitted);
        List<Signal> out = new ArrayList<>();
        Set<String> standing = new LinkedHashSet<>();
        for (Detection d : detections) {
            String id = SignalIds.of(d.type(), window.start(), d.subjects());
            if (!standing.add(id)) {
                continue; // a rule reported the same subjects twice; the first wins
            }
            String fingerprint = fingerprint(d);
            EmittedSignal before = emitted.get(id);
            boolean changed =
                    before == null
                            || before.status() == SignalStatus.RETRACTED
                            || !before.fingerprint().equals(fingerprint);
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
            out.add(
                    SignalFactory.fromDetection(
                            id,
                            d,
                            window,
                            status,
                            revision,
                            mode == Mode.LATE_REVISION,
                            now,
                            lastEventTime));
            next.put(id, new EmittedSignal(id, revision, status, fingerprint));
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
            out.add(
                    SignalFactory.retraction(
                            last, revision, mode == Mode.LATE_REVISION, now, lastEventTime));
            next.put(
                    e.signalId(),
                    new EmittedSignal(
                            e.signalId(), revision, SignalStatus.RETRACTED, e.fingerprint()));
        }
        return new Outcome(out, next);
    }

    /**
     * What makes a revision worth emitting while a window is open: the signal's substance, not
     * every decimal of its evidence (which moves with every price tick).
     */
    static String fingerprint(Detection d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.type())
                .append('|')
                .append(d.subjects())
                .append('|')
                .append(d.confidence().level())
                .append('|')
                .append(Math.round(d.confidence().score() * 20)) // 0.05 bands
                .append('|')
                .append(d.magnitude() == null ? "-" : d.magnitude().getScale())
                .append('|')
                .append(caveatCodes(d).stream().sorted().collect(Collectors.joining(",")));
        return sb.toString();
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
