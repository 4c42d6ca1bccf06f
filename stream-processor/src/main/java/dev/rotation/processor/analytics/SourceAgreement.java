package dev.rotation.processor.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Whether independent sources agree on one leg of a signal (docs/confidence.md "Cross-source
 * confirmation"). Plain arithmetic, no Kafka types.
 *
 * <p>Two figures agree when they have the same direction (both outflows or both inflows) and their
 * relative difference {@code |a - b| / max(|a|, |b|)} is at most the tolerance ({@code
 * sources.agreement-tolerance}); they disagree when their directions are opposite; otherwise (same
 * direction, further apart, or one of them zero) they differ, which confirms nothing. Illustrative
 * sources are never compared: generated figures neither confirm nor contradict.
 */
public final class SourceAgreement {

    /** What comparing a leg's sources found. */
    public enum Outcome {
        /** No other real source reports the leg. */
        SINGLE,
        /** At least one other real source agrees and none contradicts. */
        AGREE,
        /** Another source has the same direction but is more than the tolerance apart. */
        DIFFER,
        /** Another source says the opposite direction. */
        DISAGREE
    }

    /**
     * One source's figure on a leg.
     *
     * @param source the source as configuration describes it
     * @param netFlowUsd its figure, USD, negative = outflow
     * @param coverage share of the window's expected days its rows cover, 0..1 (1 for a weekly
     *     report); for a leg of several assets the mean over the assets in its scope
     * @param daysCovered trading days with a row (daily sources; 0 for weekly)
     * @param daysExpected trading days of the window (daily sources; 0 for weekly)
     * @param daysByAsset trading days with a row, per asset of the leg (daily sources; empty for
     *     weekly, or when the days are not known per asset)
     */
    public record Figure(
            FlowSource source,
            double netFlowUsd,
            double coverage,
            int daysCovered,
            int daysExpected,
            SortedMap<String, Integer> daysByAsset) {
        public Figure {
            Objects.requireNonNull(source, "source");
            daysByAsset = Collections.unmodifiableSortedMap(new TreeMap<>(daysByAsset));
        }

        /** A figure whose days are not known per asset. */
        public Figure(
                FlowSource source,
                double netFlowUsd,
                double coverage,
                int daysCovered,
                int daysExpected) {
            this(source, netFlowUsd, coverage, daysCovered, daysExpected, new TreeMap<>());
        }

        /**
         * "BTC 4 of 4, ETH 2 of 4 trading days" for a daily source of several assets, "4 of 4
         * trading days" for one asset (or days not known per asset), "weekly report" for a weekly
         * one.
         */
        public String coverageText() {
            if (source.cadence() != FlowSource.Cadence.DAILY) {
                return source.cadence().label() + " report";
            }
            if (daysByAsset.size() <= 1) {
                int days =
                        daysByAsset.isEmpty()
                                ? daysCovered
                                : daysByAsset.values().iterator().next();
                return days + " of " + daysExpected + " trading days";
            }
            StringJoiner perAsset = new StringJoiner(", ");
            daysByAsset.forEach((a, n) -> perAsset.add(a + " " + n + " of " + daysExpected));
            return perAsset + " trading days";
        }
    }

    /**
     * Another source compared with the leg's figure.
     *
     * @param other its figure
     * @param relativeDifference {@link #relativeDifference} of the two figures
     * @param outcome AGREE, DIFFER or DISAGREE
     */
    public record Comparison(Figure other, double relativeDifference, Outcome outcome) {}

    /**
     * A leg's figure and what the other sources say of it.
     *
     * @param name the leg, as subjects name it ({@code group:mainstream}, {@code crypto:total})
     * @param headline the figure the rule reads (the primary scope's)
     * @param comparisons one real source of each other scope, in name order
     * @param outcome DISAGREE when any contradicts, else AGREE when any agrees, else DIFFER when
     *     any differs, else SINGLE
     * @param agreeingSources the headline's source plus each agreeing source (1 when none agrees)
     * @param coverage mean coverage of the headline and every compared figure, 0..1
     */
    public record Leg(
            String name,
            Figure headline,
            List<Comparison> comparisons,
            Outcome outcome,
            int agreeingSources,
            double coverage) {
        public Leg {
            comparisons = List.copyOf(comparisons);
        }

        /** The comparisons with the given outcome. */
        public List<Comparison> with(Outcome o) {
            return comparisons.stream().filter(c -> c.outcome() == o).toList();
        }
    }

    private SourceAgreement() {}

    /** {@code |a - b| / max(|a|, |b|)}: 0 for equal figures, 1 or more for opposite ones. */
    public static double relativeDifference(double a, double b) {
        double scale = Math.max(Math.abs(a), Math.abs(b));
        return scale == 0 ? 0 : Math.abs(a - b) / scale;
    }

    /** How two figures of one leg compare under a tolerance (see the class comment). */
    public static Outcome compare(double a, double b, double tolerance) {
        if (a * b < 0) {
            return Outcome.DISAGREE;
        }
        if (a == 0 || b == 0) {
            return a == b ? Outcome.AGREE : Outcome.DIFFER;
        }
        return relativeDifference(a, b) <= tolerance ? Outcome.AGREE : Outcome.DIFFER;
    }

    /**
     * Compares a leg's headline figure with the other sources' figures on the same leg.
     *
     * @param others figures of other sources; at most one figure per scope is compared, that of the
     *     scope's first source by name (as {@link FlowSources#preference} picks a headline source),
     *     and sources of the headline's own scope and illustrative sources are left out: they
     *     measure the same thing or nothing, so they confirm nothing. An illustrative headline is
     *     compared with nothing.
     */
    public static Leg of(String name, Figure headline, List<Figure> others, double tolerance) {
        List<Comparison> comparisons = new ArrayList<>();
        if (!headline.source().illustrative()) {
            Map<String, Figure> byScope = new LinkedHashMap<>();
            others.stream()
                    .filter(f -> !f.source().illustrative())
                    .filter(f -> !f.source().scope().equals(headline.source().scope()))
                    .sorted(Comparator.comparing((Figure f) -> f.source().name()))
                    .forEach(f -> byScope.putIfAbsent(f.source().scope(), f));
            for (Figure f : byScope.values()) {
                comparisons.add(
                        new Comparison(
                                f,
                                relativeDifference(headline.netFlowUsd(), f.netFlowUsd()),
                                compare(headline.netFlowUsd(), f.netFlowUsd(), tolerance)));
            }
        }
        comparisons.sort(Comparator.comparing((Comparison c) -> c.other().source().name()));
        Outcome outcome = Outcome.SINGLE;
        if (comparisons.stream().anyMatch(c -> c.outcome() == Outcome.DISAGREE)) {
            outcome = Outcome.DISAGREE;
        } else if (comparisons.stream().anyMatch(c -> c.outcome() == Outcome.AGREE)) {
            outcome = Outcome.AGREE;
        } else if (!comparisons.isEmpty()) {
            outcome = Outcome.DIFFER;
        }
        int agreeing =
                outcome == Outcome.AGREE
                        ? 1
                                + (int)
                                        comparisons.stream()
                                                .filter(c -> c.outcome() == Outcome.AGREE)
                                                .count()
                        : 1;
        double coverage = headline.coverage();
        for (Comparison c : comparisons) {
            coverage += c.other().coverage();
        }
        coverage /= 1 + comparisons.size();
        return new Leg(name, headline, comparisons, outcome, agreeing, coverage);
    }
}
