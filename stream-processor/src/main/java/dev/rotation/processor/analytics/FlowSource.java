package dev.rotation.processor.analytics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One data provider as configuration describes it ({@code source.*.<name>}, docs/signals.md): what
 * it covers, how often it publishes, and whether its figures are market data.
 *
 * @param name the {@code source} field of its events ({@code coinshares}, {@code us-spot-etf})
 * @param scope what its flow figures measure ({@code global-etp}: global exchange-traded products;
 *     {@code us-spot-etf}: US spot ETFs); figures of one scope are comparable with each other and
 *     build the trailing history when it is the primary scope, figures of another scope only
 *     confirm or contradict
 * @param region the market it covers ({@code global}, {@code US})
 * @param assets the assets it reports; empty when any
 * @param breakdowns the breakdowns it publishes (TOTAL, ASSET, REGION, PROVIDER); empty when any
 * @param cadence how often it publishes
 * @param illustrative true for generated data (the sample's {@code # ILLUSTRATIVE} series): it is
 *     flagged on every signal it touches and never confirms anything
 * @param closedDays days without trading for a {@link Cadence#DAILY} source (market holidays), UTC
 *     dates; weekends are closed without being listed
 */
public record FlowSource(
        String name,
        String scope,
        String region,
        Set<String> assets,
        Set<String> breakdowns,
        Cadence cadence,
        boolean illustrative,
        SortedSet<LocalDate> closedDays) {

    /** How often a source publishes. */
    public enum Cadence {
        /** One report per week (a Monday report of the previous trading week). */
        WEEKLY,
        /** One figure per trading day (Monday to Friday, closed days excepted). */
        DAILY;

        /** The configuration text: {@code weekly}, {@code daily}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FlowSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(cadence, "cadence");
        assets = Collections.unmodifiableSortedSet(new TreeSet<>(assets));
        breakdowns = Collections.unmodifiableSortedSet(new TreeSet<>(breakdowns));
        closedDays = Collections.unmodifiableSortedSet(new TreeSet<>(closedDays));
    }

    /**
     * A source that appears in the data but not in configuration: a real, weekly source of its own
     * scope (named after it), covering any asset and region. It may confirm or contradict the
     * primary scope like any real source, but never stands in for it in the trailing history.
     */
    public static FlowSource unknown(String name) {
        return new FlowSource(
                name, name, "unknown", Set.of(), Set.of(), Cadence.WEEKLY, false, new TreeSet<>());
    }

    /** Whether the source reports this asset. */
    public boolean covers(String asset) {
        return assets.isEmpty() || assets.contains(asset);
    }

    /**
     * The trading days of a window for a {@link Cadence#DAILY} source: the UTC dates from the
     * window's start (inclusive) to its end (exclusive), Monday to Friday, less {@link
     * #closedDays}. Empty for a weekly source (it has no days to count).
     */
    public List<LocalDate> tradingDays(EventWindow w) {
        List<LocalDate> out = new ArrayList<>();
        if (cadence != Cadence.DAILY) {
            return out;
        }
        LocalDate first = date(w.start());
        LocalDate end = date(w.end() - 1).plusDays(1);
        for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY
                    && d.getDayOfWeek() != DayOfWeek.SUNDAY
                    && !closedDays.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * Share of the window's trading days that have a figure, 0..1: 1 for a weekly source, {@code
     * covered ∩ tradingDays / tradingDays} for a daily one (1 when the window has no trading day).
     */
    public double coverage(EventWindow w, Set<LocalDate> covered) {
        List<LocalDate> days = tradingDays(w);
        if (cadence != Cadence.DAILY || days.isEmpty()) {
            return 1;
        }
        long n = days.stream().filter(covered::contains).count();
        return n / (double) days.size();
    }

    /** "coinshares (global-etp, global, weekly)", as caveats name a source. */
    public String describe() {
        return name
                + " ("
                + scope
                + ", "
                + region
                + ", "
                + cadence.label()
                + (illustrative ? ", illustrative" : "")
                + ")";
    }

    static LocalDate date(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
