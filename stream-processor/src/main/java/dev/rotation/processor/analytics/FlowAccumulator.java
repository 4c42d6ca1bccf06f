package dev.rotation.processor.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Flows of one report breakdown key (e.g. ASSET:BTC) in one window. Mutable, JSON-serialisable
 * (public no-arg constructor and public fields) and bounded by {@link #MAX_ENTRIES}.
 *
 * <p>Unlike the other legs, a flow with an identity already seen is not dropped: a report that is
 * re-published with a different figure replaces the earlier figure (a revision), because the newest
 * publication of the same report row is the best estimate of the same quantity.
 */
public final class FlowAccumulator {

    /**
     * Bound on distinct identities: a week of daily rows from a dozen sources fits with room to
     * spare.
     */
    public static final int MAX_ENTRIES = 256;

    /** One flow row, keyed by its identity. */
    public static final class Entry {
        public String identity;
        public String source;
        public String reportId;
        public double netFlowUsd;
        public long eventTime;

        /** Insertion order, so the latest row of a source and period wins when reports overlap. */
        public long seq;

        /** The row count the row's report announces, or null. */
        public Integer reportRows;

        /** Whether this row's figure replaced an earlier one. */
        public boolean revised;

        public Entry() {}

        Entry(
                String identity,
                String source,
                String reportId,
                Integer reportRows,
                double netFlowUsd,
                long eventTime,
                long seq) {
            this.identity = identity;
            this.source = source;
            this.reportId = reportId;
            this.reportRows = reportRows;
            this.netFlowUsd = netFlowUsd;
            this.eventTime = eventTime;
            this.seq = seq;
        }

        FlowRow row() {
            return new FlowRow(identity, source, reportId, reportRows, netFlowUsd, seq, revised);
        }
    }

    public String breakdown;
    public String key;
    public boolean revised;
    public long seq;
    public List<Entry> entries = new ArrayList<>();

    public FlowAccumulator() {}

    /** Adds (or revises) one flow row of a report that announces no row count. */
    public AddResult add(
            String identity,
            String source,
            String reportId,
            String breakdown,
            String key,
            double netFlowUsd,
            long eventTime) {
        return add(identity, source, reportId, null, breakdown, key, netFlowUsd, eventTime);
    }

    /**
     * Adds (or revises) one flow row.
     *
     * @param identity source|reportId|breakdown|key|period, the identity of the row; the part after
     *     the last '|' is taken as the period
     * @param reportRows the row count the report announces, or null; a re-published row may
     *     announce one it did not before (the larger count is kept)
     */
    public AddResult add(
            String identity,
            String source,
            String reportId,
            Integer reportRows,
            String breakdown,
            String key,
            double netFlowUsd,
            long eventTime) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(source, "source");
        if (!Double.isFinite(netFlowUsd)) {
            throw new IllegalArgumentException("netFlowUsd must be finite: " + netFlowUsd);
        }
        if (this.breakdown == null) {
            this.breakdown = breakdown;
            this.key = key;
        } else if (!this.breakdown.equals(breakdown) || !this.key.equals(key)) {
            throw new IllegalArgumentException(
                    "accumulator of "
                            + this.breakdown
                            + ":"
                            + this.key
                            + " cannot take a flow of "
                            + breakdown
                            + ":"
                            + key);
        }
        for (Entry e : entries) {
            if (e.identity.equals(identity)) {
                Integer announced = larger(e.reportRows, reportRows);
                if (Double.compare(e.netFlowUsd, netFlowUsd) == 0) {
                    if (Objects.equals(announced, e.reportRows)) {
                        return AddResult.DUPLICATE;
                    }
                    e.reportRows = announced;
                    return AddResult.NEW; // the same figure, now with its report's count
                }
                e.netFlowUsd = netFlowUsd;
                e.eventTime = eventTime;
                e.source = source;
                e.reportId = reportId;
                e.reportRows = announced;
                e.seq = ++seq;
                e.revised = true;
                revised = true;
                return AddResult.REVISED;
            }
        }
        if (entries.size() >= MAX_ENTRIES) {
            return AddResult.REJECTED_FULL;
        }
        entries.add(
                new Entry(identity, source, reportId, reportRows, netFlowUsd, eventTime, ++seq));
        return AddResult.NEW;
    }

    private static Integer larger(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(Math.max(a, b));
    }

    /**
     * The window's net flow of this key with its rows ({@link FlowMetrics#of}: rows of one source
     * over distinct periods add up, a later report of the same source and period replaces an
     * earlier one, distinct sources each keep their own figure). Null when empty.
     *
     * @param sources the sources as configured: with several sources, the headline figure is the
     *     one {@link FlowSources#headlineSource} prefers (the primary scope's)
     */
    public FlowMetrics toMetrics(FlowSources sources) {
        List<FlowRow> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            rows.add(e.row());
        }
        return FlowMetrics.of(breakdown, key, rows, revised, sources);
    }

    /** {@link #toMetrics(FlowSources)} with the built-in sources (tests and tools). */
    public FlowMetrics toMetrics() {
        return toMetrics(FlowSources.defaults());
    }

    static String periodOf(String identity) {
        int i = identity.lastIndexOf('|');
        return i < 0 ? identity : identity.substring(i + 1);
    }

    /** The canonical identity of a flow row. */
    public static String identity(
            String source,
            String reportId,
            String breakdown,
            String key,
            long periodStart,
            long periodEnd) {
        return source
                + "|"
                + (reportId == null ? "" : reportId)
                + "|"
                + breakdown
                + "|"
                + key
                + "|"
                + periodStart
                + "-"
                + periodEnd;
    }
}
