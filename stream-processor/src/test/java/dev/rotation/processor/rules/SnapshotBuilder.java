package dev.rotation.processor.rules;

import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.FlowAccumulator;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.MetalAccumulator;
import dev.rotation.processor.analytics.MetalMetrics;
import dev.rotation.processor.analytics.PriceAccumulator;
import dev.rotation.processor.analytics.PriceMetrics;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.VolumeAccumulator;
import dev.rotation.processor.analytics.VolumeMetrics;
import dev.rotation.processor.analytics.WindowCalendar;
import dev.rotation.processor.analytics.WindowSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds window snapshots the way the topology does (through the accumulators), speaking time as
 * dates: {@code t("2026-01-23", 9)} is 09:00 UTC that day.
 */
public final class SnapshotBuilder {

    public static final WindowCalendar WEEKS = WindowCalendar.weekly();

    private final AnalyticsConfig config;
    private final EventWindow window;
    private final TrailingHistory history;
    private final Map<String, FlowAccumulator> flows = new LinkedHashMap<>();
    private final Map<String, PriceAccumulator> prices = new LinkedHashMap<>();
    private final Map<String, Double> previousPrice = new LinkedHashMap<>();
    private final Map<String, VolumeAccumulator> volumes = new LinkedHashMap<>();
    private final Map<String, MetalAccumulator> metals = new LinkedHashMap<>();
    private final Map<String, Double> previousMetal = new LinkedHashMap<>();

    private SnapshotBuilder(AnalyticsConfig config, EventWindow window, TrailingHistory history) {
        this.config = config;
        this.window = window;
        this.history = history;
    }

    /** The weekly window containing the given date. */
    public static SnapshotBuilder week(
            String anyDateInWeek, TrailingHistory history, AnalyticsConfig config) {
        return new SnapshotBuilder(config, WEEKS.windowFor(t(anyDateInWeek, 12)), history);
    }

    public static SnapshotBuilder week(String anyDateInWeek) {
        AnalyticsConfig config = AnalyticsConfig.defaults();
        return week(anyDateInWeek, TrailingHistory.forConfig(config.history()), config);
    }

    public static long t(String date, double hourUtc) {
        return Instant.parse(date + "T00:00:00Z").toEpochMilli() + Math.round(hourUtc * 3_600_000d);
    }

    public EventWindow window() {
        return window;
    }

    public SnapshotBuilder flow(String source, String breakdown, String key, double netFlowUsd) {
        long end = window.end() - Duration.ofDays(2).toMillis();
        String identity =
                FlowAccumulator.identity(
                        source, source + "-report", breakdown, key, window.start(), end);
        flows.computeIfAbsent(breakdown + ":" + key, k -> new FlowAccumulator())
                .add(identity, source, source + "-report", breakdown, key, netFlowUsd, end - 1);
        return this;
    }

    public SnapshotBuilder flow(String breakdown, String key, double netFlowUsd) {
        return flow("coinshares", breakdown, key, netFlowUsd);
    }

    /** Closes at 09:30 UTC on consecutive days from the window start; open = the previous close. */
    public SnapshotBuilder dailyCloses(String instrument, Double previousClose, double... closes) {
        previousPrice.put(instrument, previousClose);
        PriceAccumulator acc =
                prices.computeIfAbsent(
                        instrument, k -> PriceAccumulator.forConfig(config.priceBuckets()));
        double open = previousClose != null ? previousClose : closes[0];
        for (int i = 0; i < closes.length; i++) {
            long time =
                    window.start()
                            + Duration.ofDays(i).toMillis()
                            + Duration.ofMinutes(9 * 60 + 30).toMillis();
            double c = closes[i];
            acc.add("exchange:snapshot", time, open, Math.max(open, c), Math.min(open, c), c);
            open = c;
        }
        return this;
    }

    public SnapshotBuilder volume(String instrument, double base) {
        volumes.computeIfAbsent(instrument, k -> new VolumeAccumulator())
                .add("exchange:snapshot", base, null);
        return this;
    }

    public SnapshotBuilder metal(String metal, Double previousClose, String date, double spot) {
        return metal(metal, previousClose, date, spot, null, null);
    }

    public SnapshotBuilder metal(
            String metal,
            Double previousClose,
            String date,
            double spot,
            Double volumeOz,
            Double productFlowUsd) {
        if (previousClose != null) {
            previousMetal.put(metal, previousClose);
        }
        metals.computeIfAbsent(metal, k -> new MetalAccumulator())
                .add("news", t(date, 21), spot, null, null, volumeOz, productFlowUsd);
        return this;
    }

    public WindowSnapshot build() {
        List<FlowMetrics> fm = new ArrayList<>();
        flows.values().forEach(a -> fm.add(a.toMetrics()));
        Map<String, PriceMetrics> pm = new LinkedHashMap<>();
        prices.forEach(
                (i, a) -> {
                    Double prev = previousPrice.get(i);
                    if (prev == null) {
                        prev = WindowSnapshot.previousClose(history, Series.priceClose(i), window);
                    }
                    pm.put(i, a.toMetrics(i, prev));
                });
        Map<String, VolumeMetrics> vm = new LinkedHashMap<>();
        volumes.forEach((i, a) -> vm.put(i, a.toMetrics(i)));
        Map<String, MetalMetrics> mm = new LinkedHashMap<>();
        metals.forEach(
                (m, a) -> {
                    Double prev = previousMetal.get(m);
                    if (prev == null) {
                        prev = WindowSnapshot.previousClose(history, Series.metalClose(m), window);
                    }
                    mm.put(m, a.toMetrics(m, prev));
                });
        return WindowSnapshot.of(
                window,
                fm,
                pm,
                vm,
                mm,
                Map.of(),
                history,
                config.groups(),
                List.of(),
                config.sources());
    }
}
