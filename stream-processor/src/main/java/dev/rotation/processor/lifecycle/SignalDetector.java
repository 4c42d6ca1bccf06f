package dev.rotation.processor.lifecycle;

import dev.rotation.model.Caveat;
import dev.rotation.model.SignalStatus;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.Money;
import dev.rotation.processor.rules.Detection;
import dev.rotation.processor.rules.RuleSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rules with hysteresis, so that a value hovering at a threshold does not raise, retract and
 * raise a signal again. A signal is raised on the strict thresholds ({@link RuleSet#standard}).
 * Once it stands, while its window is open, it is held as long as the same rule still finds it with
 * every threshold relaxed by {@code hysteresis.margin} ({@link RuleSet#holding}); a held revision
 * carries the caveat {@value #WITHIN_HYSTERESIS_MARGIN}. While a signal is held, a new detection of
 * its type that names any of its subjects is not raised: the held signal keeps its subjects and so
 * its id.
 *
 * <p>A closing window, and data that reaches a closed one, are judged on the strict thresholds
 * alone ({@link #settled}), so what is FINAL does not depend on the order in which data arrived.
 */
public final class SignalDetector {

    public static final String WITHIN_HYSTERESIS_MARGIN = "WITHIN_HYSTERESIS_MARGIN";

    private final RuleSet strict;
    private final RuleSet holding;
    private final double margin;

    public SignalDetector(AnalyticsConfig config) {
        this(
                RuleSet.standard(config),
                RuleSet.holding(config),
                config.lifecycle().hysteresisMargin());
    }

    /**
     * @param holding the strict rules with every threshold relaxed by {@code margin}
     */
    SignalDetector(RuleSet strict, RuleSet holding, double margin) {
        this.strict = Objects.requireNonNull(strict, "strict");
        this.holding = Objects.requireNonNull(holding, "holding");
        this.margin = margin;
    }

    /** What the window shows on the strict thresholds: at close, and for a closed window. */
    public List<Detection> settled(WindowSnapshot snapshot) {
        return strict.evaluate(snapshot);
    }

    /**
     * What an open window shows: the strict detections, plus the signals in {@code emitted} that
     * stand and are still found within the hysteresis margin.
     *
     * @param emitted the window's emitted signals by signalId ({@link SignalLifecycle.Outcome})
     */
    public List<Detection> open(WindowSnapshot snapshot, Map<String, EmittedSignal> emitted) {
        List<Detection> found = strict.evaluate(snapshot);
        if (margin == 0) {
            return found;
        }
        long start = snapshot.window().start();
        Set<String> foundIds = new HashSet<>();
        found.forEach(d -> foundIds.add(id(d, start)));
        Set<String> missing = new HashSet<>();
        for (EmittedSignal e : emitted.values()) {
            if (stands(e) && !foundIds.contains(e.signalId())) {
                missing.add(e.signalId());
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        List<Detection> held = new ArrayList<>();
        for (Detection d : holding.evaluate(snapshot)) {
            if (missing.remove(id(d, start))) {
                held.add(held(d));
            }
        }
        if (held.isEmpty()) {
            return found;
        }
        List<Detection> out = new ArrayList<>();
        for (Detection d : found) {
            if (stands(emitted.get(id(d, start))) || !overlapsAny(d, held)) {
                out.add(d);
            }
        }
        out.addAll(held);
        return out;
    }

    private static String id(Detection d, long windowStart) {
        return SignalIds.of(d.type(), windowStart, d.subjects());
    }

    private static boolean stands(EmittedSignal e) {
        return e != null && e.status() != SignalStatus.RETRACTED;
    }

    private static boolean overlapsAny(Detection d, List<Detection> held) {
        for (Detection h : held) {
            if (h.type() == d.type() && !Collections.disjoint(h.subjects(), d.subjects())) {
                return true;
            }
        }
        return false;
    }

    private Detection held(Detection d) {
        List<Caveat> caveats = new ArrayList<>(d.caveats());
        caveats.add(
                new Caveat(
                        WITHIN_HYSTERESIS_MARGIN,
                        "The condition holds only within the hysteresis margin ("
                                + Money.pct(margin)
                                + " of each threshold): the signal stands until its figures fall"
                                + " further short, and is judged on the strict thresholds when the"
                                + " window closes."));
        return new Detection(
                d.type(),
                d.subjects(),
                d.magnitude(),
                d.evidence(),
                caveats,
                d.correlation(),
                d.confidence(),
                d.explanation());
    }
}
