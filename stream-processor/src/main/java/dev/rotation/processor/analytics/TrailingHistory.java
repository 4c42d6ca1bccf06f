package dev.rotation.processor.analytics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last N values (N = {@code history.windows}) of each series, one per FINAL window, in window
 * order. JSON-serialisable (public fields); bounded per series.
 *
 * <p>Baselines are computed only from windows that start before the window being judged, so a
 * window's own value never enters its own baseline even when it was already appended.
 */
public final class TrailingHistory {

    /** The value of a series in one window. */
    public record Point(long start, long end, double value) {}

    /** Trailing mean and sample stdev of a series; n = 0 gives mean NaN, n < 2 gives stdev NaN. */
    public record Baseline(double mean, double stdev, int n) {
        public static final Baseline EMPTY = new Baseline(Double.NaN, Double.NaN, 0);

        /** The mean, or null when there is no history. */
        public Double meanOrNull() {
            return n == 0 ? null : mean;
        }
    }

    public int capacity = 12;
    public Map<String, List<Point>> series = new TreeMap<>();

    /**
     * The latest reported institutional position of each {@code <holder>|<instrument>} from FINAL
     * windows: a position stands, and is marked to market in later windows, until a newer report
     * replaces it. One per position, so bounded by the positions reported.
     */
    public Map<String, ExposureMetrics> positions = new TreeMap<>();

    public TrailingHistory() {}

    public TrailingHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** An empty history keeping {@code history.windows} windows per series. */
    public static TrailingHistory forConfig(HistoryDepth depth) {
        return new TrailingHistory(depth.windows());
    }

    /**
     * Appends (or, for a window already present, replaces) the value of a series. Non-finite values
     * are ignored.
     */
    public void append(String name, EventWindow w, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        List<Point> points = series.computeIfAbsent(name, k -> new ArrayList<>());
        Point p = new Point(w.start(), w.end(), value);
        int i = 0;
        while (i < points.size() && points.get(i).start() < w.start()) {
            i++;
        }
        if (i < points.size() && points.get(i).start() == w.start()) {
            points.set(i, p);
        } else {
            points.add(i, p);
        }
        while (points.size() > capacity) {
            points.remove(0);
        }
    }

    public Baseline baseline(String name) {
        return baseline(name, Long.MAX_VALUE);
    }

    /** Baseline over the windows that start before {@code beforeStart}. */
    public Baseline baseline(String name, long beforeStart) {
        double[] xs = valuesBefore(name, beforeStart);
        if (xs.length == 0) {
            return Baseline.EMPTY;
        }
        return new Baseline(Stats.mean(xs), Stats.sampleStdev(xs), xs.length);
    }

    public Double last(String name) {
        List<Point> points = series.get(name);
        return points == null || points.isEmpty() ? null : points.get(points.size() - 1).value();
    }

    /** The last value of a window that starts before {@code beforeStart}, or null. */
    public Point lastBefore(String name, long beforeStart) {
        List<Point> points = series.get(name);
        if (points == null) {
            return null;
        }
        Point best = null;
        for (Point p : points) {
            if (p.start() < beforeStart) {
                best = p;
            }
        }
        return best;
    }

    /** The value of the window starting at {@code start}, or null. */
    public Double valueAt(String name, long start) {
        List<Point> points = series.get(name);
        if (points != null) {
            for (Point p : points) {
                if (p.start() == start) {
                    return p.value();
                }
            }
        }
        return null;
    }

    public List<Double> values(String name) {
        List<Point> points = series.get(name);
        List<Double> out = new ArrayList<>();
        if (points != null) {
            for (Point p : points) {
                out.add(p.value());
            }
        }
        return out;
    }

    public List<Point> points(String name) {
        List<Point> points = series.get(name);
        return points == null ? List.of() : List.copyOf(points);
    }

    /** z-score of a value against the whole series; null when n < 2 or stdev == 0. */
    public Double zScore(String name, double value) {
        return zScore(name, value, Long.MAX_VALUE);
    }

    public Double zScore(String name, double value, long beforeStart) {
        Baseline b = baseline(name, beforeStart);
        if (b.n() < 2 || !(b.stdev() > 0)) {
            return null;
        }
        return (value - b.mean()) / b.stdev();
    }

    /** Keeps a reported position unless the one held is newer (a later {@code asOf}). */
    public void recordPosition(ExposureMetrics p) {
        positions.merge(p.key(), p, (held, now) -> now.asOf() >= held.asOf() ? now : held);
    }

    /**
     * The positions held from FINAL windows that were reported as of {@code asOfAtMost} or before.
     */
    public Map<String, ExposureMetrics> positionsAsOf(long asOfAtMost) {
        Map<String, ExposureMetrics> out = new TreeMap<>();
        positions.forEach(
                (k, p) -> {
                    if (p.asOf() <= asOfAtMost) {
                        out.put(k, p);
                    }
                });
        return out;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return series.isEmpty();
    }

    private double[] valuesBefore(String name, long beforeStart) {
        List<Point> points = series.get(name);
        if (points == null) {
            return new double[0];
        }
        return points.stream()
                .filter(p -> p.start() < beforeStart)
                .mapToDouble(Point::value)
                .toArray();
    }
}
