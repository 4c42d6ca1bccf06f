package dev.rotation.processor.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The relative rotation graph of every asset with prices: each asset's trail of (RS-Ratio,
 * RS-Momentum) points, one per window, from the closes of the trailing FINAL windows and, when
 * given, the closes of a window still open. Pure; the quadrant rule and the query API's {@code
 * /rotation} both draw from it.
 *
 * <p>A crypto asset or an equity proxy is measured against the benchmark ({@code rrg.benchmark}):
 * the ratio of the last close of its instrument to the benchmark instrument's, in each window where
 * both have one. A metal is measured against USD: the ratio is its last USD spot. Windows where a
 * close is missing are skipped, so the trailing windows of the calculator are the windows with
 * data.
 */
public final class RotationGraph {

    /**
     * One point of an asset's trail.
     *
     * @param windowStart window start, epoch ms, inclusive
     * @param windowEnd window end, epoch ms, exclusive
     * @param ratio the asset's close over the benchmark's in that window (dimensionless)
     * @param rsRatio RS-Ratio, centred on 100, in standard deviations of the trailing ratio window
     * @param rsMomentum RS-Momentum, centred on 100, in standard deviations of the trailing
     *     rate-of-change window
     * @param closed false for the point of the open window given to {@link #trails(TrailingHistory,
     *     EventWindow, Map, Map)}, which moves with its prices until the window closes
     */
    public record Point(
            long windowStart,
            long windowEnd,
            double ratio,
            double rsRatio,
            double rsMomentum,
            Quadrant quadrant,
            boolean closed) {}

    /**
     * An asset's trail, oldest point first, never empty.
     *
     * @param benchmark the benchmark asset, or {@code USD} for a metal
     * @param instrument the price series behind the ratio ({@code SOL-USD}; the metal for a metal)
     */
    public record Trail(String asset, String benchmark, String instrument, List<Point> points) {
        public Trail {
            points = List.copyOf(points);
            if (points.isEmpty()) {
                throw new IllegalArgumentException("a trail has at least one point");
            }
        }

        public Point last() {
            return points.get(points.size() - 1);
        }

        /** The point before the last, or null for a trail of one point. */
        public Point previous() {
            return points.size() < 2 ? null : points.get(points.size() - 2);
        }
    }

    private final RelativeRotationSettings settings;
    private final Assets assets;
    private final RelativeRotation calculator;

    public RotationGraph(RelativeRotationSettings settings, Assets assets) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.assets = Objects.requireNonNull(assets, "assets");
        this.calculator = settings.calculator();
    }

    public RelativeRotationSettings settings() {
        return settings;
    }

    /** The benchmark's price instrument ({@code BTC-USD} for BTC). */
    public String benchmarkInstrument() {
        return assets.instrumentFor(settings.benchmark());
    }

    /** The trails of the FINAL windows of the history alone, by asset. */
    public Map<String, Trail> trails(TrailingHistory history) {
        return trails(history, null, Map.of(), Map.of());
    }

    /**
     * The trails of the history's FINAL windows and the window {@code open}, by asset; assets with
     * too few windows for a point are left out.
     *
     * @param open the window the closes belong to (it replaces a history point of the same start),
     *     or null for none
     * @param priceCloses the open window's last close by instrument
     * @param metalCloses the open window's last USD spot by metal
     */
    public Map<String, Trail> trails(
            TrailingHistory history,
            EventWindow open,
            Map<String, Double> priceCloses,
            Map<String, Double> metalCloses) {
        Map<String, Trail> out = new TreeMap<>();
        String benchmarkInstrument = benchmarkInstrument();
        TreeMap<Long, Close> benchmark =
                closes(
                        history,
                        Series.priceClose(benchmarkInstrument),
                        open,
                        priceCloses.get(benchmarkInstrument));
        for (String asset : assets.known()) {
            if (asset.equals(settings.benchmark())) {
                continue;
            }
            TreeMap<Long, Close> metal =
                    closes(history, Series.metalClose(asset), open, metalCloses.get(asset));
            Trail trail;
            if (!metal.isEmpty()) {
                trail = trail(asset, RelativeRotationSettings.USD, asset, metal, null, open);
            } else {
                String instrument = assets.instrumentFor(asset);
                TreeMap<Long, Close> own =
                        closes(
                                history,
                                Series.priceClose(instrument),
                                open,
                                priceCloses.get(instrument));
                trail = trail(asset, settings.benchmark(), instrument, own, benchmark, open);
            }
            if (trail != null) {
                out.put(asset, trail);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private Trail trail(
            String asset,
            String benchmarkName,
            String instrument,
            TreeMap<Long, Close> own,
            TreeMap<Long, Close> benchmark,
            EventWindow open) {
        List<Close> windows = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (Close c : own.values()) {
            double ratio;
            if (benchmark == null) {
                ratio = c.value();
            } else {
                Close b = benchmark.get(c.start());
                if (b == null) {
                    continue;
                }
                ratio = c.value() / b.value();
            }
            if (ratio > 0 && Double.isFinite(ratio)) {
                windows.add(c);
                ratios.add(ratio);
            }
        }
        List<RelativeRotation.Point> points =
                calculator.points(ratios.stream().mapToDouble(Double::doubleValue).toArray());
        if (points.isEmpty()) {
            return null;
        }
        List<Point> trail = new ArrayList<>();
        for (RelativeRotation.Point p : points) {
            Close w = windows.get(p.index());
            boolean closed = open == null || w.start() != open.start();
            trail.add(
                    new Point(
                            w.start(),
                            w.end(),
                            p.ratio(),
                            p.rsRatio(),
                            p.rsMomentum(),
                            p.quadrant(),
                            closed));
        }
        return new Trail(asset, benchmarkName, instrument, trail);
    }

    private record Close(long start, long end, double value) {}

    /** A series' closes by window start, with the open window's close (when known) on top. */
    private static TreeMap<Long, Close> closes(
            TrailingHistory history, String series, EventWindow open, Double openClose) {
        TreeMap<Long, Close> out = new TreeMap<>();
        for (TrailingHistory.Point p : history.points(series)) {
            out.put(p.start(), new Close(p.start(), p.end(), p.value()));
        }
        if (open != null && openClose != null) {
            out.put(open.start(), new Close(open.start(), open.end(), openClose));
        }
        return out;
    }
}
