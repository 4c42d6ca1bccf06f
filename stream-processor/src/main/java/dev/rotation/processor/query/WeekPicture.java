package dev.rotation.processor.query;

import dev.rotation.processor.analytics.AssetGroups;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.FlowRow;
import dev.rotation.processor.analytics.MetalMetrics;
import dev.rotation.processor.analytics.PriceMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a desk reads first about one week: net flows by group, by asset and by region (two
 * breakdowns of one report, never added together), each source's reported total, and how prices and
 * metals moved. All flows are net USD, negative = outflow.
 *
 * @param totalReportedUsd the report's own total ({@code TOTAL:ALL}), null when no report gave one
 * @param byGroup the asset breakdown summed per configured group; assets in no group under {@value
 *     #OTHER}
 * @param byAsset the asset breakdown
 * @param groupOfAsset the group of each asset of {@code byAsset} ({@value #OTHER} for none)
 * @param byRegion the region breakdown
 * @param bySource per data source: what it reported for the week
 * @param prices price metrics by instrument
 * @param metals metal metrics by metal
 */
public record WeekPicture(
        WindowSummary window,
        Double totalReportedUsd,
        Map<String, Double> byGroup,
        Map<String, Double> byAsset,
        Map<String, String> groupOfAsset,
        Map<String, Double> byRegion,
        List<SourceReport> bySource,
        Map<String, PriceMetrics> prices,
        Map<String, MetalMetrics> metals) {

    /** The group of the assets that belong to no configured group. */
    public static final String OTHER = "other";

    /**
     * What one source reported for the week.
     *
     * @param totalReportedUsd its {@code TOTAL:ALL} figure, null when it gave none
     * @param breakdowns the breakdowns it covered (TOTAL, ASSET, REGION, PROVIDER)
     * @param reportIds the reports its figures come from
     */
    public record SourceReport(
            String source, Double totalReportedUsd, Set<String> breakdowns, Set<String> reportIds) {
        public SourceReport {
            breakdowns = Collections.unmodifiableSet(new TreeSet<>(breakdowns));
            reportIds = Collections.unmodifiableSet(new TreeSet<>(reportIds));
        }
    }

    public WeekPicture {
        byGroup = Collections.unmodifiableMap(new LinkedHashMap<>(byGroup));
        byAsset = Collections.unmodifiableMap(new TreeMap<>(byAsset));
        groupOfAsset = Collections.unmodifiableMap(new TreeMap<>(groupOfAsset));
        byRegion = Collections.unmodifiableMap(new TreeMap<>(byRegion));
        bySource = List.copyOf(bySource);
        prices = Collections.unmodifiableMap(new TreeMap<>(prices));
        metals = Collections.unmodifiableMap(new TreeMap<>(metals));
    }

    /**
     * The picture of a window. Groups come in the order {@code groups} names them (those with an
     * asset flow in the week), then {@value #OTHER}.
     */
    public static WeekPicture of(WindowView view, AssetGroups groups) {
        Map<String, Double> byAsset = new TreeMap<>();
        Map<String, Double> byRegion = new TreeMap<>();
        Map<String, Double> groupSums = new TreeMap<>();
        Map<String, String> groupOfAsset = new TreeMap<>();
        Double total = null;
        Map<String, List<FlowRow>> totalRowsBySource = new TreeMap<>();
        Map<String, Set<String>> breakdownsBySource = new TreeMap<>();
        Map<String, Set<String>> reportsBySource = new TreeMap<>();
        for (FlowMetrics f : view.flows().values()) {
            switch (f.breakdown()) {
                case "ASSET" -> {
                    byAsset.merge(f.key(), f.netFlowUsd(), Double::sum);
                    String group = groups.groupOf(f.key());
                    groupOfAsset.put(f.key(), group == null ? OTHER : group);
                    groupSums.merge(group == null ? OTHER : group, f.netFlowUsd(), Double::sum);
                }
                case "REGION" -> byRegion.merge(f.key(), f.netFlowUsd(), Double::sum);
                case "TOTAL" -> total = f.netFlowUsd();
                default -> {}
            }
            for (String source : f.sources()) {
                breakdownsBySource.computeIfAbsent(source, s -> new TreeSet<>()).add(f.breakdown());
            }
            for (FlowRow r : f.rows()) {
                if (r.reportId() != null) {
                    reportsBySource
                            .computeIfAbsent(r.source(), s -> new TreeSet<>())
                            .add(r.reportId());
                }
                if ("TOTAL".equals(f.breakdown())) {
                    totalRowsBySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r);
                }
            }
        }
        List<SourceReport> bySource = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : breakdownsBySource.entrySet()) {
            List<FlowRow> totalRows = totalRowsBySource.getOrDefault(e.getKey(), List.of());
            FlowMetrics sourceTotal = FlowMetrics.of("TOTAL", "ALL", totalRows, false);
            bySource.add(
                    new SourceReport(
                            e.getKey(),
                            sourceTotal == null ? null : sourceTotal.netFlowUsd(),
                            e.getValue(),
                            reportsBySource.getOrDefault(e.getKey(), Set.of())));
        }
        Map<String, Double> byGroup = new LinkedHashMap<>();
        for (String name : groups.names()) {
            if (groupSums.containsKey(name)) {
                byGroup.put(name, groupSums.get(name));
            }
        }
        if (groupSums.containsKey(OTHER)) {
            byGroup.put(OTHER, groupSums.get(OTHER));
        }
        return new WeekPicture(
                view.window(),
                total,
                byGroup,
                byAsset,
                groupOfAsset,
                byRegion,
                bySource,
                view.prices(),
                view.metals());
    }
}
