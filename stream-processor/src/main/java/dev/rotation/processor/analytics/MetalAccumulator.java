package dev.rotation.processor.analytics;

import java.util.Objects;
import java.util.TreeSet;

/**
 * Spot quotes, volume and product flows of one precious metal in one window. Mutable,
 * JSON-serialisable, constant size.
 */
public final class MetalAccumulator {

    public int points;
    public double firstSpot = Double.NaN;
    public long firstEventTime = Long.MAX_VALUE;
    public double lastSpot = Double.NaN;
    public long lastEventTime = Long.MIN_VALUE;
    public double high = Double.NEGATIVE_INFINITY;
    public double low = Double.POSITIVE_INFINITY;

    /** Null until a quote reports volume. */
    public Double volumeOz;

    /** Null until a quote reports a product flow. */
    public Double productFlowUsd;

    public TreeSet<String> sources = new TreeSet<>();

    public MetalAccumulator() {}

    public void add(
            String source,
            long eventTime,
            double spot,
            Double high,
            Double low,
            Double volumeOz,
            Double productFlowUsd) {
        Objects.requireNonNull(source, "source");
        if (!(spot > 0) || !Double.isFinite(spot)) {
            throw new IllegalArgumentException("spot must be positive and finite: " + spot);
        }
        if (volumeOz != null && (!(volumeOz >= 0) || !Double.isFinite(volumeOz))) {
            throw new IllegalArgumentException(
                    "volume must be finite and not negative: " + volumeOz);
        }
        if (productFlowUsd != null && !Double.isFinite(productFlowUsd)) {
            throw new IllegalArgumentException("product flow must be finite: " + productFlowUsd);
        }
        points++;
        if (eventTime < firstEventTime) {
            firstEventTime = eventTime;
            firstSpot = spot;
        }
        if (eventTime >= lastEventTime) {
            lastEventTime = eventTime;
            lastSpot = spot;
        }
        this.high = Math.max(this.high, Math.max(spot, high != null ? high : spot));
        this.low = Math.min(this.low, Math.min(spot, low != null ? low : spot));
        if (volumeOz != null) {
            this.volumeOz = (this.volumeOz == null ? 0 : this.volumeOz) + volumeOz;
        }
        if (productFlowUsd != null) {
            this.productFlowUsd =
                    (this.productFlowUsd == null ? 0 : this.productFlowUsd) + productFlowUsd;
        }
        if (sources.size() < PriceAccumulator.MAX_SOURCES) {
            sources.add(source);
        }
    }

    /** Null when no quote was added. */
    public MetalMetrics toMetrics(String metal, Double previousWindowClose) {
        if (points == 0) {
            return null;
        }
        Double prev =
                previousWindowClose != null && previousWindowClose > 0 ? previousWindowClose : null;
        double ret = prev != null ? lastSpot / prev - 1 : lastSpot / firstSpot - 1;
        return new MetalMetrics(
                metal,
                ret,
                firstSpot,
                lastSpot,
                prev,
                high,
                low,
                volumeOz,
                productFlowUsd,
                points,
                sources);
    }
}
