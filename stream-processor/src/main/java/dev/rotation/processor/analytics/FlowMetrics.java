package dev.rotation.processor.analytics;

import dev.rotation.model.flows.PeriodOverlaps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The net flow of one report breakdown key (e.g. ASSET:BTC) in one window, with the rows behind it.
 *
 * @param breakdown TOTAL, ASSET, REGION or PROVIDER
 * @param key the key within the breakdown (BTC, US, ALL)
 * @param netFlowUsd net flow in USD, negative = outflow: one source's figure (see {@link #of} for
 *     how rows combine and which source's figure it is)
 * @param sources distinct sources that report the key (each keeps its own figure, {@link
 *     #bySource})
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
     * One source's figure of the key: its counted rows' sum, and the UTC days they cover.
     *
     * @param source the source
     * @param netFlowUsd the sum of its counted rows (see {@link #of}), USD
     * @param days the UTC dates its counted rows' periods cover (a weekly row covers its five or
     *     seven days, a daily row its day)
     * @param overlaps its rows left out for an overlap, one line each
     */
    public record SourceFigure(
            String source, double netFlowUsd, SortedSet<LocalDate> days, List<String> overlaps) {
        public SourceFigure {
            days = Collections.unmodifiableSortedSet(new TreeSet<>(days));
            overlaps = List.copyOf(overlaps);
        }
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
     * Distinct sources are never added or averaged: each keeps its own figure ({@link #bySource}),
     * and the value is the figure of the source {@link FlowSources#headlineSource} prefers among
     * them (the primary scope's when one reports the key). The window snapshot chooses again over
     * the whole window ({@link WindowSnapshot}). Null when there are no rows.
     *
     * @param revisedAlready true when the caller knows of a revision the rows do not flag
     * @param catalogue the sources as configured
     */
    public static FlowMetrics of(
            String breakdown,
            String key,
            List<FlowRow> rows,
            boolean revisedAlready,
            FlowSources catalogue) {
        if (rows.isEmpty()) {
            return null;
        }
        TreeSet<String> sources = new TreeSet<>();
        for (FlowRow r : rows) {
            sources.add(r.source());
        }
        String chosen = catalogue.headlineSource(sources, catalogue.headlineScope(sources));
        return of(breakdown, key, rows, revisedAlready, chosen);
    }

    /**
     * The value of one source only: its rows' figure, with its own sources, reports and revisions.
     * This value itself when the rows are not known or all come from that source.
     */
    public FlowMetrics ofSource(String source) {
        if (rows.isEmpty() || rows.stream().allMatch(r -> r.source().equals(source))) {
            return this;
        }
        List<FlowRow> own = rows.stream().filter(r -> r.source().equals(source)).toList();
        return own.isEmpty() ? null : of(breakdown, key, own, false, source);
    }

    /** {@link #of(String, String, List, boolean, FlowSources)} with the built-in sources. */
    public static FlowMetrics of(
            String breakdown, String key, List<FlowRow> rows, boolean revisedAlready) {
        return of(breakdown, key, rows, revisedAlready, FlowSources.defaults());
    }

    private static FlowMetrics of(
            String breakdown,
            String key,
            List<FlowRow> rows,
            boolean revisedAlready,
            String headline) {
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
        }
        revised |= revisedBySource(inOrder);
        Map<String, SourceFigure> figures = figures(breakdown, key, inOrder);
        List<String> overlaps = new ArrayList<>();
        figures.values().forEach(f -> overlaps.addAll(f.overlaps()));
        double net = figures.get(headline).netFlowUsd();
        return new FlowMetrics(breakdown, key, net, sources, reports, revised, inOrder, overlaps);
    }

    /** A row of a source and period replaced by one with another figure: a revision. */
    private static boolean revisedBySource(List<FlowRow> inOrder) {
        Map<String, Map<String, FlowRow>> bySourceAndPeriod = new TreeMap<>();
        boolean revised = false;
        for (FlowRow r : inOrder) {
            FlowRow earlier =
                    bySourceAndPeriod
                            .computeIfAbsent(r.source(), s -> new TreeMap<>())
                            .put(r.period(), r);
            // the same period of the same source under another report id: a re-published report
            if (earlier != null && Double.compare(earlier.netFlowUsd(), r.netFlowUsd()) != 0) {
                revised = true;
            }
        }
        return revised;
    }

    /**
     * Each source's own figure of this key, by source name. Without rows, the value itself when it
     * has one source, else empty.
     */
    public Map<String, SourceFigure> bySource() {
        if (rows.isEmpty()) {
            return sources.size() == 1
                    ? Map.of(
                            sources.iterator().next(),
                            new SourceFigure(
                                    sources.iterator().next(),
                                    netFlowUsd,
                                    new TreeSet<>(),
                                    List.of()))
                    : Map.of();
        }
        return figures(
                breakdown,
                key,
                rows.stream().sorted(Comparator.comparingLong(FlowRow::seq)).toList());
    }

    private static Map<String, SourceFigure> figures(
            String breakdown, String key, List<FlowRow> inOrder) {
        Map<String, Map<String, FlowRow>> bySourceAndPeriod = new TreeMap<>();
        for (FlowRow r : inOrder) {
            bySourceAndPeriod.computeIfAbsent(r.source(), s -> new TreeMap<>()).put(r.period(), r);
        }
        Map<String, SourceFigure> out = new TreeMap<>();
        bySourceAndPeriod.forEach(
                (source, byPeriod) -> {
                    PeriodOverlaps.Selection<FlowRow> counted =
                            PeriodOverlaps.select(
                                    new ArrayList<>(byPeriod.values()), FlowMetrics::period);
                    double sum = 0;
                    SortedSet<LocalDate> days = new TreeSet<>();
                    for (FlowRow r : counted.kept()) {
                        sum += r.netFlowUsd();
                        PeriodOverlaps.Period p = period(r);
                        for (LocalDate d = FlowSource.date(p.start());
                                d.isBefore(FlowSource.date(p.end() - 1).plusDays(1));
                                d = d.plusDays(1)) {
                            days.add(d);
                        }
                    }
                    List<String> overlaps = new ArrayList<>();
                    for (PeriodOverlaps.LeftOut<FlowRow> out2 : counted.leftOut()) {
                        overlaps.add(
                                out2.row().source()
                                        + " "
                                        + breakdown
                                        + ":"
                                        + key
                                        + " for "
                                        + describe(period(out2.row()))
                                        + " (left out; "
                                        + why(out2)
                                        + ")");
                    }
                    out.put(source, new SourceFigure(source, sum, days, overlaps));
                });
        return out;
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
     *
     * @param sources the sources as configured, which choose the headline figure among the admitted
     *     rows' sources
     */
    public FlowMetrics admitting(Predicate<FlowRow> admitted, FlowSources sources) {
        if (rows.isEmpty() || rows.stream().allMatch(admitted)) {
            return this;
        }
        List<FlowRow> kept = rows.stream().filter(admitted).toList();
        return kept.isEmpty() ? null : of(breakdown, key, kept, false, sources);
    }
}
