package dev.rotation.processor.analytics;

import java.util.Objects;
import java.util.TreeSet;

/** Volume bars of one instrument in one window. Mutable, JSON-serialisable, constant size. */
public final class VolumeAccumulator {

    public double totalBase;
    public double totalUsd;
    public int bars;
    public int usdBars;
    public TreeSet<String> sources = new TreeSet<>();

    public VolumeAccumulator() {}

    public void add(String source, double volumeBase, Double volumeUsd) {
        Objects.requireNonNull(source, "source");
        if (!(volumeBase >= 0) || !Double.isFinite(volumeBase)) {
            throw new IllegalArgumentException(
                    "volume must be finite and not negative: " + volumeBase);
        }
        if (volumeUsd != null && (!(volumeUsd >= 0) || !Double.isFinite(volumeUsd))) {
            throw new IllegalArgumentException(
                    "USD volume must be finite and not negative: " + volumeUsd);
        }
        bars++;
        totalBase += volumeBase;
        if (volumeUsd != null) {
            usdBars++;
            totalUsd += volumeUsd;
        }
        if (sources.size() < PriceAccumulator.MAX_SOURCES) {
            sources.add(source);
        }
    }

    /** Null when no bar was added. */
    public VolumeMetrics toMetrics(String instrument) {
        if (bars == 0) {
            return null;
        }
        return new VolumeMetrics(
                instrument, totalBase, usdBars == bars ? totalUsd : null, bars, sources);
    }
}
