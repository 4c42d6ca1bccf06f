package dev.rotation.processor.analytics;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The net flow of one report breakdown key (e.g. ASSET:BTC) in one window, with the rows behind it.
 *
 * @param breakdown TOTAL, ASSET, REGION or PROVIDER
 * @param key the key within the breakdown (BTC, US, ALL)
 * @param netFlowUsd net flow in USD, negative = outflow (see {@link #of} for how rows combine)
 * @param sources distinct sources behind the value
 * @param reportIds reports behind the value
 * @param revised whether any contributing row was revised after it was first seen
 * @param rows the rows behind the value, in arrival order; empty when not known (then the value
 *     counts as it is, whatever report it comes from)
 */
public record FlowMetrics(
        String breakdown,
        String key,
        double netFlowUsd,
        Set<String> sources,
        Set<String> reportIds,
        boolean revised,
        List<FlowRow> rows)
        implements SubjectMetrics {

    public FlowMetrics {
        sources = Set.copyOf(sources);
        reportIds = Set.copyOf(reportIds);
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /** A value whose rows are not known. */
    public FlowMetrics(
            String breakdown,
            String key,
            double netFlowUsd,
            Set<String> sources,
            Set<String> reportIds,
            boolean revised) {
        this(breakdown, key, netFlowUsd, sources, reportIds, revised, List.of());
    }

    /**
     * The net flow of a key from its rows. Rows of one source are summed over distinct periods (a
     * source publishing daily rows adds up to its weekly figure); when two reports of the same
     * source cover the same period, the later row (higher seq) wins, so a re-issued report is not
     * counted twice. Distinct sources are independent measurements of the same quantity, so their
     * figures are averaged, never added. Null when there are no rows.
     *
     * @param revisedAlready true when the caller knows of a revision the rows do not flag
     */
    public static FlowMetrics of(
            String breakdown, String key, List<FlowRow> rows, boolean revisedAlready) {
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, Map<String, FlowRow>> bySourceAndPeriod = new TreeMap<>();
        TreeSet<String> sources = new TreeSet<>();
        TreeSet<String> reports = new TreeSet<>();
        boolean revised = revisedAlready;
        for (FlowRow r : rows) {
            sources.add(r.source());
            if (r.reportId() != null) {
                reports.add(r.reportId());
            }
            revised |= r.revised();
            bySourceAndPeriod
                    .computeIfAbsent(r.source(), s -> new HashMap<>())
                    .merge(r.period(), r, (a, b) -> a.seq() >= b.seq() ? a : b);
        }
        double sumOfSources = 0;
        for (Map<String, FlowRow> byPeriod : bySourceAndPeriod.values()) {
            for (FlowRow r : byPeriod.values()) {
                sumOfSources += r.netFlowUsd();
            }
        }
        double net = sumOfSources / bySourceAndPeriod.size();
        List<FlowRow> ordered =
                rows.stream().sorted(Comparator.comparingLong(FlowRow::seq)).toList();
        return new FlowMetrics(breakdown, key, net, sources, reports, revised, ordered);
    }

    /**
     * The value from the admitted rows only: this value when every row is admitted (or the rows are
     * not known), null when none is.
     */
    public FlowMetrics admitting(Predicate<FlowRow> admitted) {
        if (rows.isEmpty() || rows.stream().allMatch(admitted)) {
            return this;
        }
        List<FlowRow> kept = rows.stream().filter(admitted).toList();
        return kept.isEmpty() ? null : of(breakdown, key, kept, false);
    }
}
