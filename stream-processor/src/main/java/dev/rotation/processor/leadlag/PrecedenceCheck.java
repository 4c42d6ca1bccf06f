package dev.rotation.processor.leadlag;

import dev.rotation.model.Causality;
import dev.rotation.model.Caveat;
import dev.rotation.model.Evidence;
import dev.rotation.processor.analytics.Assets;
import dev.rotation.processor.analytics.LeadLagSettings;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.Caveats;
import dev.rotation.processor.confidence.Confidence;
import dev.rotation.processor.rules.Detection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Raises a detection's causality to TEMPORAL_PRECEDENCE when its legs pass a lead-lag test ({@link
 * GrangerTest}) on the trailing FINAL windows, never further. The pairs, leader first:
 *
 * <ul>
 *   <li>ROTATION_TO_HIGH_BETA: mainstream group flows → high-beta group flows (the mirror for
 *       ROTATION_TO_MAINSTREAM);
 *   <li>RISK_OFF_SHIFT / RISK_ON_SHIFT: crypto total flows → the metal's returns, and the reverse;
 *   <li>DERISKING: the asset's flows → its instrument's returns;
 *   <li>CASCADE_RISK: crypto total flows → the instrument's returns.
 * </ul>
 *
 * A pair is tested only with at least {@code leadlag.min-observations} windows where both series
 * have a value; with fewer, the detection says so ({@link #LEAD_LAG_UNTESTED}) instead of testing.
 * The p-values of every pair tested for one window are adjusted together (Benjamini–Hochberg); a
 * pair passes at q ≤ {@code leadlag.fdr}. A tested pair's statistic, p-value, q-value, lag and
 * sample size are evidence whether it passes or not; a detection whose pair passes carries {@code
 * PRECEDENCE_NOT_CAUSATION}.
 */
public final class PrecedenceCheck {

    public static final String PRECEDENCE_NOT_CAUSATION = "PRECEDENCE_NOT_CAUSATION";

    /**
     * Caveat code of a detection whose lead-lag test was not run: too few trailing windows with
     * both series ({@code leadlag.min-observations}). It caps nothing; the confidence model's own
     * {@code INSUFFICIENT_HISTORY} is the one that does.
     */
    public static final String LEAD_LAG_UNTESTED = "LEAD_LAG_UNTESTED";

    /** A candidate leader series and the series it may lead. */
    record Pair(String leader, String follower) {
        String label() {
            return leader + "->" + follower;
        }
    }

    /** What the test of one pair found. */
    record Outcome(Pair pair, int observations, GrangerTest.Result result, double qValue) {
        boolean tested() {
            return result != null;
        }
    }

    private final LeadLagSettings settings;
    private final Assets assets;

    public PrecedenceCheck(LeadLagSettings settings, Assets assets) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.assets = Objects.requireNonNull(assets, "assets");
    }

    /** The detections, each with its lead-lag finding; the same list when none has a pair. */
    public List<Detection> apply(List<Detection> detections, WindowSnapshot s) {
        Map<Pair, Outcome> outcomes = new LinkedHashMap<>();
        for (Detection d : detections) {
            for (Pair p : pairs(d)) {
                outcomes.computeIfAbsent(p, k -> test(k, s));
            }
        }
        if (outcomes.isEmpty()) {
            return detections;
        }
        List<Outcome> tested = outcomes.values().stream().filter(Outcome::tested).toList();
        double[] q =
                BenjaminiHochberg.adjust(
                        tested.stream().mapToDouble(o -> o.result().pValue()).toArray());
        for (int i = 0; i < tested.size(); i++) {
            Outcome o = tested.get(i);
            outcomes.put(o.pair(), new Outcome(o.pair(), o.observations(), o.result(), q[i]));
        }
        List<Detection> out = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            List<Outcome> mine = pairs(d).stream().map(outcomes::get).toList();
            out.add(mine.isEmpty() ? d : annotate(d, mine));
        }
        return out;
    }

    private Detection annotate(Detection d, List<Outcome> outcomes) {
        List<Evidence> evidence = new ArrayList<>(d.evidence());
        List<Caveat> caveats = new ArrayList<>();
        Outcome passed = null;
        for (Outcome o : outcomes) {
            if (!o.tested()) {
                caveats.add(
                        new Caveat(
                                LEAD_LAG_UNTESTED,
                                "Lead-lag test of "
                                        + o.pair().label()
                                        + " not run: "
                                        + o.observations()
                                        + " trailing window(s) with both series, at least "
                                        + settings.minObservations()
                                        + " wanted (weekly windows rarely have enough; daily windows do)."));
                continue;
            }
            String subject = o.pair().label();
            GrangerTest.Result r = o.result();
            evidence.add(plain("granger_f", subject, r.fStatistic(), null));
            evidence.add(plain("granger_p", subject, r.pValue(), null));
            evidence.add(plain("granger_q", subject, o.qValue(), settings.falseDiscoveryRate()));
            evidence.add(plain("granger_lag", subject, r.lag(), (double) settings.maxLag()));
            evidence.add(
                    plain(
                            "granger_observations",
                            subject,
                            r.observations(),
                            (double) settings.minObservations()));
            if (o.qValue() <= settings.falseDiscoveryRate() && passed == null) {
                passed = o;
            }
        }
        Confidence c = d.confidence();
        if (passed != null && c.causality() == Causality.CORRELATION_NOT_CAUSATION) {
            caveats.add(precedenceNotCausation(passed));
            c = c.withCausality(Causality.TEMPORAL_PRECEDENCE);
        }
        return new Detection(
                d.type(),
                d.subjects(),
                d.magnitude(),
                evidence,
                Caveats.merge(d.caveats(), caveats),
                d.correlation(),
                c,
                d.explanation());
    }

    private static Caveat precedenceNotCausation(Outcome o) {
        GrangerTest.Result r = o.result();
        return new Caveat(
                PRECEDENCE_NOT_CAUSATION,
                String.format(
                        Locale.ROOT,
                        "Over %d trailing windows the past of %s helped predict %s beyond its own past "
                                + "(Granger F = %.2f, p = %.3g, BH q = %.3g, lag %d): a lead in time, "
                                + "not causation; both may follow a third driver.",
                        r.observations() + r.lag(),
                        o.pair().leader(),
                        o.pair().follower(),
                        r.fStatistic(),
                        r.pValue(),
                        o.qValue(),
                        r.lag()));
    }

    private Outcome test(Pair p, WindowSnapshot s) {
        double[][] xy = aligned(s, p.leader(), p.follower());
        int n = xy[0].length;
        if (n < settings.minObservations()) {
            return new Outcome(p, n, null, Double.NaN);
        }
        return new Outcome(
                p, n, GrangerTest.selectingLag(xy[0], xy[1], settings.maxLag()), Double.NaN);
    }

    /**
     * The two series over the FINAL windows before this one where both have a value, oldest first.
     */
    private static double[][] aligned(WindowSnapshot s, String x, String y) {
        Map<Long, Double> xs = new TreeMap<>();
        for (TrailingHistory.Point p : s.history().points(x)) {
            if (p.start() < s.window().start()) {
                xs.put(p.start(), p.value());
            }
        }
        Map<Long, double[]> both = new TreeMap<>();
        for (TrailingHistory.Point p : s.history().points(y)) {
            Double v = xs.get(p.start());
            if (v != null && p.start() < s.window().start()) {
                both.put(p.start(), new double[] {v, p.value()});
            }
        }
        double[][] out = new double[2][both.size()];
        int i = 0;
        for (double[] v : both.values()) {
            out[0][i] = v[0];
            out[1][i] = v[1];
            i++;
        }
        return out;
    }

    /** The pairs whose precedence would support the detection, leader first; none for others. */
    List<Pair> pairs(Detection d) {
        String subject = d.subjects().isEmpty() ? "" : d.subjects().get(0);
        return switch (d.type()) {
            case ROTATION_TO_HIGH_BETA ->
                    List.of(
                            new Pair(
                                    Series.flowGroup("mainstream"), Series.flowGroup("high-beta")));
            case ROTATION_TO_MAINSTREAM ->
                    List.of(
                            new Pair(
                                    Series.flowGroup("high-beta"), Series.flowGroup("mainstream")));
            case RISK_OFF_SHIFT, RISK_ON_SHIFT -> {
                String metal = valueOf(d, "metal:");
                yield metal == null
                        ? List.of()
                        : List.of(
                                new Pair(Series.CRYPTO_TOTAL, Series.metalReturn(metal)),
                                new Pair(Series.metalReturn(metal), Series.CRYPTO_TOTAL));
            }
            case DERISKING -> {
                String asset = valueOf(d, "asset:");
                yield asset == null
                        ? List.of()
                        : List.of(
                                new Pair(
                                        Series.flowAsset(asset),
                                        Series.priceReturn(assets.instrumentFor(asset))));
            }
            case CASCADE_RISK -> {
                String instrument = valueOf(d, "instrument:");
                yield instrument == null
                        ? List.of()
                        : List.of(new Pair(Series.CRYPTO_TOTAL, Series.priceReturn(instrument)));
            }
            default -> List.of();
        };
    }

    private static String valueOf(Detection d, String prefix) {
        return d.subjects().stream()
                .filter(x -> x.startsWith(prefix))
                .map(x -> x.substring(prefix.length()))
                .findFirst()
                .orElse(null);
    }

    private static Evidence plain(String metric, String subject, double value, Double threshold) {
        return new Evidence(metric, subject, value, null, null, threshold, null);
    }
}
