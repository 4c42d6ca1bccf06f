package dev.rotation.processor.query;

import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.MetalMetrics;
import dev.rotation.processor.analytics.PriceMetrics;
import dev.rotation.processor.analytics.VolumeMetrics;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One window as stage 2 sees it: the latest metrics of every subject, and the signals it has
 * emitted. Maps are keyed by subject and sorted: flows by breakdown key ({@code ASSET:BTC}, {@code
 * REGION:US}, {@code TOTAL:ALL}), prices and volumes by instrument ({@code BTC-USD}), metals by
 * metal ({@code XAG}). Asset and region flows are separate breakdowns of one report and must never
 * be added together.
 *
 * @param signals every signal emitted for the window, by signalId
 */
public record WindowView(
        WindowSummary window,
        Map<String, FlowMetrics> flows,
        Map<String, PriceMetrics> prices,
        Map<String, VolumeMetrics> volumes,
        Map<String, MetalMetrics> metals,
        List<SignalVersion> signals) {

    public WindowView {
        flows = sorted(flows);
        prices = sorted(prices);
        volumes = sorted(volumes);
        metals = sorted(metals);
        signals = List.copyOf(signals);
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
