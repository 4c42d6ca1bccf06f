package dev.rotation.processor.rules;

import dev.rotation.model.Evidence;
import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.MetalMetrics;
import dev.rotation.processor.analytics.PriceMetrics;
import dev.rotation.processor.analytics.RelativeRotationSettings;
import dev.rotation.processor.analytics.RotationGraph;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.ConfidenceInputs;
import dev.rotation.processor.confidence.ConfidenceModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * QUADRANT_TRANSITION, a plain OBSERVATION: an asset's point on the relative rotation graph (its
 * RS-Ratio and RS-Momentum against the benchmark, {@link RotationGraph}) lies in another quadrant
 * in this window than in the window before. One detection per asset that moved. Subjects: asset:A,
 * benchmark:B (BTC, or USD for a metal).
 *
 * <p>Strength is how far the point lies past the axis it crossed, in standard deviations (1 is full
 * strength); across both axes, the nearer one. A quadrant is a position, not a threshold, so there
 * is no hysteresis margin: the alert cooldown keeps a point that hovers on an axis from alerting
 * more than once per cooldown.
 */
public final class QuadrantTransitionRule extends AbstractSignalRule {

    private final RotationGraph graph;

    public QuadrantTransitionRule(RotationGraph graph, ConfidenceModel model) {
        super(model);
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    @Override
    public SignalType type() {
        return SignalType.QUADRANT_TRANSITION;
    }

    @Override
    public List<Detection> evaluate(WindowSnapshot s) {
        List<Detection> out = new ArrayList<>();
        for (RotationGraph.Trail trail : trailsOf(graph, s).values()) {
            int at = indexOf(trail, s.window().start());
            if (at < 1) {
                continue;
            }
            RotationGraph.Point now = trail.points().get(at);
            RotationGraph.Point before = trail.points().get(at - 1);
            if (now.quadrant() == before.quadrant()) {
                continue;
            }
            out.add(transition(s, trail, before, now));
        }
        return out;
    }

    /** The graph's trails with this window's closes on top of the history. */
    static Map<String, RotationGraph.Trail> trailsOf(RotationGraph graph, WindowSnapshot s) {
        Map<String, Double> prices = new HashMap<>();
        s.prices().forEach((i, p) -> prices.put(i, p.lastClose()));
        Map<String, Double> metals = new HashMap<>();
        s.metals().forEach((m, mm) -> metals.put(m, mm.lastSpot()));
        return graph.trails(s.history(), s.window(), prices, metals);
    }

    /** The position of the window starting at {@code start} in the trail, or -1. */
    static int indexOf(RotationGraph.Trail trail, long start) {
        for (int i = 0; i < trail.points().size(); i++) {
            if (trail.points().get(i).windowStart() == start) {
                return i;
            }
        }
        return -1;
    }

    private Detection transition(
            WindowSnapshot s,
            RotationGraph.Trail trail,
            RotationGraph.Point before,
            RotationGraph.Point now) {
        Set<String> sources = sources(s, trail);
        String pair = trail.asset() + "/" + trail.benchmark();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(plain("rs_ratio", pair, now.rsRatio(), 100.0, sources));
        evidence.add(plain("rs_momentum", pair, now.rsMomentum(), 100.0, sources));
        evidence.add(plain("previous_rs_ratio", pair, before.rsRatio(), 100.0, sources));
        evidence.add(plain("previous_rs_momentum", pair, before.rsMomentum(), 100.0, sources));
        evidence.add(plain("relative_strength_ratio", pair, now.ratio(), null, sources));

        double past = Double.POSITIVE_INFINITY;
        if ((before.rsRatio() >= 100) != (now.rsRatio() >= 100)) {
            past = Math.min(past, Math.abs(now.rsRatio() - 100));
        }
        if ((before.rsMomentum() >= 100) != (now.rsMomentum() >= 100)) {
            past = Math.min(past, Math.abs(now.rsMomentum() - 100));
        }
        double strength = ConfidenceInputs.clamp(past);
        RelativeRotationSettings settings = graph.settings();
        ConfidenceInputs inputs =
                new ConfidenceInputs(
                        strength,
                        1.0,
                        sources.size(),
                        settings.ratioWindows() + settings.momentumWindows(),
                        1.0,
                        null,
                        true);
        String explanation =
                String.format(
                        Locale.ROOT,
                        "%s moved from the %s to the %s quadrant against %s: RS-Ratio %.2f and RS-Momentum %.2f"
                                + " (an approximation of the JdK measures over %d and %d windows, 100 = in line with"
                                + " the benchmark), a change in relative trend, not a forecast and not evidence of"
                                + " money moving between them.",
                        trail.asset(),
                        before.quadrant().label(),
                        now.quadrant().label(),
                        trail.benchmark(),
                        now.rsRatio(),
                        now.rsMomentum(),
                        settings.ratioWindows(),
                        settings.momentumWindows());
        return detection(
                List.of("asset:" + trail.asset(), "benchmark:" + trail.benchmark()),
                null,
                evidence,
                List.of(),
                null,
                inputs,
                explanation);
    }

    private Set<String> sources(WindowSnapshot s, RotationGraph.Trail trail) {
        Set<String> sources = new TreeSet<>();
        if (RelativeRotationSettings.USD.equals(trail.benchmark())) {
            MetalMetrics m = s.metal(trail.asset());
            if (m != null) {
                sources.addAll(m.sources());
            }
        } else {
            PriceMetrics p = s.price(trail.instrument());
            PriceMetrics b = s.price(graph.benchmarkInstrument());
            if (p != null) {
                sources.addAll(p.sources());
            }
            if (b != null) {
                sources.addAll(b.sources());
            }
        }
        return sources;
    }

    /**
     * RS-Ratio and RS-Momentum of {@code assets} in this window, as supporting evidence for a
     * rotation signal (subject {@code A/benchmark}, threshold 100); assets without a point in this
     * window are left out.
     */
    static List<Evidence> rotationEvidence(
            RotationGraph graph, WindowSnapshot s, List<String> assets) {
        Map<String, RotationGraph.Trail> trails = trailsOf(graph, s);
        List<Evidence> out = new ArrayList<>();
        for (String a : assets) {
            RotationGraph.Trail trail = trails.get(a);
            if (trail == null) {
                continue;
            }
            int at = indexOf(trail, s.window().start());
            if (at < 0) {
                continue;
            }
            RotationGraph.Point p = trail.points().get(at);
            String pair = a + "/" + trail.benchmark();
            out.add(new Evidence("rs_ratio", pair, p.rsRatio(), null, null, 100.0, null));
            out.add(new Evidence("rs_momentum", pair, p.rsMomentum(), null, null, 100.0, null));
        }
        return out;
    }
}
