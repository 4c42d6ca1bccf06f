package dev.rotation.processor.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A relative-rotation picture of fund flows: each asset is a point against a benchmark asset, with
 * a tail of its recent weeks, in four quadrants. It reads flows only, week by week, and says
 * nothing about why money moved.
 *
 * <p>The method ({@link #METHOD}), for an asset A and the benchmark B, over the weeks in which both
 * have a reported net flow:
 *
 * <ol>
 *   <li>A's typical week is the mean absolute weekly net flow of A over those weeks, so that a $17M
 *       week of SOL and a $1B week of BTC are read on one scale;
 *   <li>A's trailing flow at week t is the sum of A's net flows over the {@code trailingWeeks}
 *       weeks up to t, in A's typical weeks;
 *   <li>x, the relative strength, is {@code 100 + trailing(A) - trailing(B)}: above 100 A drew more
 *       money, for its size, than the benchmark did;
 *   <li>y, its momentum, is {@code 100 + x(t) - x(t - 1)}: above 100 the relative strength rises.
 * </ol>
 *
 * Quadrants: leading (x &ge; 100, y &ge; 100), weakening (x &ge; 100, y &lt; 100), lagging (x &lt;
 * 100, y &lt; 100), improving (x &lt; 100, y &ge; 100). An asset needs {@code trailingWeeks + 1}
 * shared weeks before it has a point; weeks where either has no figure are skipped, never filled.
 *
 * @param benchmark the asset the others are read against
 * @param trailingWeeks how many weeks the trailing flow sums
 * @param tail how many of each asset's latest points are kept (the last one is the current point)
 * @param assets the assets with at least one point, by name
 */
public record RelativeRotation(
        String benchmark, int trailingWeeks, int tail, List<AssetPath> assets) {

    /** The method in one sentence, as the page names it. */
    public static final String METHOD =
            "Flow relative rotation: x = 100 + (the asset's net flow over the trailing weeks"
                    + " minus the benchmark's, each in units of its own mean absolute weekly"
                    + " flow); y = 100 + the week-on-week change of x.";

    public static final int DEFAULT_TRAILING_WEEKS = 4;
    public static final int DEFAULT_TAIL = 5;

    /** Where a point lies against the benchmark. */
    public enum Quadrant {
        LEADING,
        WEAKENING,
        LAGGING,
        IMPROVING;

        public static Quadrant of(double x, double y) {
            if (x >= 100) {
                return y >= 100 ? LEADING : WEAKENING;
            }
            return y >= 100 ? IMPROVING : LAGGING;
        }
    }

    /** One week of one asset: x = relative strength, y = momentum. */
    public record Point(Instant week, double x, double y, Quadrant quadrant) {}

    /** An asset's tail, oldest first; the last point is where it stands now. */
    public record AssetPath(String asset, List<Point> points) {
        public AssetPath {
            points = List.copyOf(points);
        }

        public Point latest() {
            return points.get(points.size() - 1);
        }
    }

    public RelativeRotation {
        if (trailingWeeks < 1 || tail < 1) {
            throw new IllegalArgumentException("trailingWeeks and tail must be at least 1");
        }
        assets = List.copyOf(assets);
    }

    /**
     * The picture of {@code flowsByWeek}: each week's net flow by asset, USD (weeks in any order).
     */
    public static RelativeRotation of(
            Map<Instant, Map<String, Double>> flowsByWeek,
            String benchmark,
            int trailingWeeks,
            int tail) {
        SortedMap<Instant, Map<String, Double>> weeks = new TreeMap<>(flowsByWeek);
        TreeSet<String> names = new TreeSet<>();
        weeks.values().forEach(m -> names.addAll(m.keySet()));
        names.remove(benchmark);
        List<AssetPath> paths = new ArrayList<>();
        for (String asset : names) {
            List<Instant> shared = new ArrayList<>();
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            weeks.forEach(
                    (week, flows) -> {
                        Double fa = flows.get(asset);
                        Double fb = flows.get(benchmark);
                        if (fa != null && fb != null) {
                            shared.add(week);
                            a.add(fa);
                            b.add(fb);
                        }
                    });
            List<Point> points = points(shared, a, b, trailingWeeks);
            if (!points.isEmpty()) {
                paths.add(
                        new AssetPath(
                                asset,
                                points.subList(Math.max(0, points.size() - tail), points.size())));
            }
        }
        return new RelativeRotation(benchmark, trailingWeeks, tail, paths);
    }

    private static List<Point> points(
            List<Instant> weeks, List<Double> asset, List<Double> benchmark, int trailing) {
        double typicalA = meanAbsolute(asset);
        double typicalB = meanAbsolute(benchmark);
        List<Point> out = new ArrayList<>();
        if (typicalA == 0 || typicalB == 0) {
            return out;
        }
        Double previousX = null;
        for (int t = trailing - 1; t < weeks.size(); t++) {
            double x =
                    100
                            + trailingSum(asset, t, trailing) / typicalA
                            - trailingSum(benchmark, t, trailing) / typicalB;
            if (previousX != null) {
                double y = 100 + x - previousX;
                out.add(new Point(weeks.get(t), x, y, Quadrant.of(x, y)));
            }
            previousX = x;
        }
        return out;
    }

    private static double trailingSum(List<Double> flows, int t, int trailing) {
        double sum = 0;
        for (int i = t - trailing + 1; i <= t; i++) {
            sum += flows.get(i);
        }
        return sum;
    }

    private static double meanAbsolute(List<Double> flows) {
        return flows.stream().mapToDouble(Math::abs).average().orElse(0);
    }
}
