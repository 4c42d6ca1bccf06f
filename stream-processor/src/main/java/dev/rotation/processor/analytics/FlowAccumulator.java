package dev.rotation.processor.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

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

        public Entry() {}

        Entry(
                String identity,
                String source,
                String reportId,
                double netFlowUsd,
                long eventTime,
                long seq) {
            this.identity = identity;
            this.source = source;
            this.reportId = reportId;
            this.netFlowUsd = netFlowUsd;
            this.eventTime = eventTime;
            this.seq = seq;
        }
    }

    public String breakdown;
    public String key;
    public boolean revised;
    public long seq;
    public List<Entry> entries = new ArrayList<>();

    public FlowAccumulator() {}

    /**
     * Adds (or revises) one flow row.
     *
     * @param identity source|reportId|breakdown|key|period, the identity of the row; the part after
     *     the last '|' is taken as the period
     */
    public AddResult add(
            String identity,
            String source,
            String reportId,
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
                if (Double.compare(e.netFlowUsd, netFlowUsd) == 0) {
                    return AddResult.DUPLICATE;
                }
                e.netFlowUsd = netFlowUsd;
                e.eventTime = eventTime;
                e.source = source;
                e.reportId = reportId;
                e.seq = ++seq;
                revised = true;
                return AddResult.REVISED;
            }
        }
        if (entries.size() >= MAX_ENTRIES) {
            return AddResult.REJECTED_FULL;
        }
        entries.add(new Entry(identity, source, reportId, netFlowUsd, eventTime, ++seq));
        return AddResult.NEW;
    }

    /**
     * The window's net flow of this key. Rows of one source are summed over distinct periods (a
     * source publishing daily rows adds up to its weekly figure); when two reports of the same
     * source cover the same period, the later one wins, so a re-issued report is not counted twice.
     * Distinct sources are independent measurements of the same quantity, so their figures are
     * averaged, never added. Null when empty.
     */
    public FlowMetrics toMetrics() {
        if (entries.isEmpty()) {
            return null;
        }
        Map<String, Map<String, Entry>> bySourceAndPeriod = new TreeMap<>();
        TreeSet<String> sources = new TreeSet<>();
        TreeSet<String> reports = new TreeSet<>();
        for (Entry e : entries) {
            sources.add(e.source);
            if (e.reportId != null) {
                reports.add(e.reportId);
            }
            Map<String, Entry> byPeriod =
                    bySourceAndPeriod.computeIfAbsent(e.source, s -> new HashMap<>());
            byPeriod.merge(periodOf(e.identity), e, (a, b) -> a.seq >= b.seq ? a : b);
        }
        double sumOfSources = 0;
        for (Map<String, Entry> byPeriod : bySourceAndPeriod.values()) {
            double s = 0;
            for (Entry e : byPeriod.values()) {
                s += e.netFlowUsd;
            }
            sumOfSources += s;
        }
        double net = sumOfSources / bySourceAndPeriod.size();
        return new FlowMetrics(breakdown, key, net, sources, reports, revised);
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
