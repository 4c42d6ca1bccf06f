package dev.rotation.processor.analytics;

import dev.rotation.model.flows.PeriodOverlaps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * @param overlaps rows left out because finer rows of the same source overlap their period, one
 *     line each naming the row and how many finer rows it overlaps; empty when none
 */
public record FlowMetrics(
        String breakdown,
        String key,
        double netFlowUsd,
        Set<String> sources,
        Set<String> reportIds,
        boolean revised,
        List<FlowRow> rows,
        List<String> overlaps)
        implements SubjectMetrics {

    public FlowMetrics {
        sources = Set.copyOf(sources);
        reportIds = Set.copyOf(reportIds);
        rows = rows == null ? List.of() : List.copyOf(rows);
        overlaps = overlaps == null ? List.of() : List.copyOf(overlaps);
    }

    /** A value from its rows, no row left out for an overlap. */
    public FlowMetrics(
            String breakdown,
            String key,
            double netFlowUsd,
            Set<String> sources,
            Set<String> reportIds,
            boolean revised,
            List<FlowRow> rows) {
        this(breakdown, key, netFlowUsd, sources, reportIds, revised, rows, List.of());
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
     * The net flow of a key from its rows. Within one source:
     *
     * <ul>
     *   <li>rows for the same period are one figure: the later row (higher seq) replaces the
     *       earlier, whether it comes under the same report id or a new one (a re-published or
     *       corrected report), and a changed figure marks the value revised;
     *   <li>rows whose periods overlap are views of the same money: finer rows replace a coarser
     *       row only when they cover its whole period, otherwise the coarser row counts and the
     *       finer rows inside it are left out ({@link PeriodOverlaps}); each row left out is named
     *       in {@link #overlaps};
     *   <li>rows over distinct periods add up (daily rows add up to the week).
     * </ul>
     *
     * Distinct sources are independent measurements of the same quantity, so their figures are
     * averaged, never added. Null when there are no rows.
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
        List<FlowRow> inOrder =
                rows.stream().sorted(Comparator.comparingLong(FlowRow::seq)).toList();
        for (FlowRow r : inOrder) {
            sources.add(r.source());
            if (r.reportId() != null) {
                reports.add(r.reportId());
            }
            revised |= r.revised();
            FlowRow earlier =
                    bySourceAndPeriod
                            .computeIfAbsent(r.source(), s -> new TreeMap<>())
                            .put(r.period(), r);
            // the same period of the same source under another report id: a re-published report
            if (earlier != null && Double.compare(earlier.netFlowUsd(), r.netFlowUsd()) != 0) {
                revised = true;
            }
        }
        double sumOfSources = 0;
        List<String> overlaps = new ArrayList<>();
        for (Map<String, FlowRow> byPeriod : bySourceAndPeriod.values()) {
            PeriodOverlaps.Selection<FlowRow> counted =
                    PeriodOverlaps.select(new ArrayList<>(byPeriod.values()), FlowMetrics::period);
            for (FlowRow r : counted.kept()) {
                sumOfSources += r.netFlowUsd();
            }
            for (PeriodOverlaps.LeftOut<FlowRow> out : counted.leftOut()) {
                overlaps.add(
                        out.row().source()
                                + " "
                                + breakdown
                                + ":"
                                + key
                                + " for "
                                + describe(period(out.row()))
                                + " (left out; "
                                + why(out)
                                + ")");
            }
        }
        double net = sumOfSources / bySourceAndPeriod.size();
        return new FlowMetrics(breakdown, key, net, sources, reports, revised, inOrder, overlaps);
    }

    private static String why(PeriodOverlaps.LeftOut<FlowRow> out) {
        int n = out.instead().size();
        return out.reason() == PeriodOverlaps.Reason.COVERED_BY_FINER_ROWS
                ? n + (n == 1 ? " finer row" : " finer rows") + " covering its whole period counted"
                : "it covers only part of the row for "
                        + describe(period(out.instead().get(0)))
                        + ", which counts";
    }

    private static PeriodOverlaps.Period period(FlowRow r) {
        String p = r.period();
        int dash = p.indexOf('-');
        return new PeriodOverlaps.Period(
                Long.parseLong(p.substring(0, dash)), Long.parseLong(p.substring(dash + 1)));
    }

    private static String describe(PeriodOverlaps.Period p) {
        // the last day inside the period, as reports print it
        return Instant.ofEpochMilli(p.start()).toString().substring(0, 10)
                + " to "
                + Instant.ofEpochMilli(p.end() - 1).toString().substring(0, 10);
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
