package dev.rotation.processor.confidence;

import dev.rotation.model.Caveat;
import dev.rotation.processor.analytics.IncompleteReport;
import dev.rotation.processor.analytics.SourceAgreement;
import dev.rotation.processor.analytics.WindowSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The caveat codes a signal can carry and their texts (docs/signals.md, docs/confidence.md). */
public final class Caveats {

    public static final String SINGLE_SOURCE = "SINGLE_SOURCE";
    public static final String INSUFFICIENT_HISTORY = "INSUFFICIENT_HISTORY";
    public static final String NEW_MONEY_VS_ROTATION_UNKNOWN = "NEW_MONEY_VS_ROTATION_UNKNOWN";
    public static final String NO_CROSS_MARKET_FLOW_TRACKING = "NO_CROSS_MARKET_FLOW_TRACKING";
    public static final String PARALLEL_MACRO_RESPONSE_POSSIBLE =
            "PARALLEL_MACRO_RESPONSE_POSSIBLE";
    public static final String ALGO_PARTICIPATION_UNQUANTIFIED = "ALGO_PARTICIPATION_UNQUANTIFIED";
    public static final String MISSING_LEG_PREFIX = "MISSING_LEG:";
    public static final String REGIONS_NOT_EXHAUSTIVE = "REGIONS_NOT_EXHAUSTIVE";
    public static final String LATE_DATA_REVISION = "LATE_DATA_REVISION";
    public static final String PROVISIONAL = "PROVISIONAL";
    public static final String REPORT_INCOMPLETE = "REPORT_INCOMPLETE";
    public static final String BREAKDOWNS_INCONSISTENT = "BREAKDOWNS_INCONSISTENT";
    public static final String OVERLAPPING_PERIODS = "OVERLAPPING_PERIODS";
    public static final String HOLDER_TERMS_UNKNOWN = "HOLDER_TERMS_UNKNOWN";
    public static final String POSITION_AS_REPORTED = "POSITION_AS_REPORTED";
    public static final String STALE_PRICE = "STALE_PRICE";
    public static final String ILLUSTRATIVE_DATA = "ILLUSTRATIVE_DATA";
    public static final String SOURCES_CONFIRM_ACROSS_SCOPES = "SOURCES_CONFIRM_ACROSS_SCOPES";
    public static final String SOURCES_DIFFER = "SOURCES_DIFFER";
    public static final String SOURCES_DISAGREE = "SOURCES_DISAGREE";

    private Caveats() {}

    public static Caveat singleSource() {
        return new Caveat(
                SINGLE_SOURCE,
                "The evidence comes from a single data source, so it is a directional signal, "
                        + "not a precise market-wide figure; confidence is capped until a second source agrees.");
    }

    public static Caveat insufficientHistory(int windows, int minWindows) {
        return new Caveat(
                INSUFFICIENT_HISTORY,
                "Only "
                        + windows
                        + " trailing window(s) of history (at least "
                        + minWindows
                        + " wanted): baselines and z-scores are thin or absent.");
    }

    public static Caveat newMoneyVsRotationUnknown() {
        return new Caveat(
                NEW_MONEY_VS_ROTATION_UNKNOWN,
                "Flow data cannot tell whether the inflows are new money "
                        + "or money moved out of the other group; the rotation is a reading of net figures, not a traced transfer.");
    }

    public static Caveat noCrossMarketFlowTracking() {
        return new Caveat(
                NO_CROSS_MARKET_FLOW_TRACKING,
                "No data tracks money from crypto products into metals "
                        + "(or back); the two moves are only observed side by side.");
    }

    public static Caveat parallelMacroResponsePossible() {
        return new Caveat(
                PARALLEL_MACRO_RESPONSE_POSSIBLE,
                "Both markets may be responding separately to the same "
                        + "macro news (rates, policy, growth), with no transfer between them.");
    }

    public static Caveat algoParticipationUnquantified() {
        return new Caveat(
                ALGO_PARTICIPATION_UNQUANTIFIED,
                "The share of algorithmic and trend-following trading "
                        + "in these moves is not measured; any amplification loop is a possibility, not an observation.");
    }

    public static Caveat missingLeg(String leg) {
        return new Caveat(
                MISSING_LEG_PREFIX + leg,
                "No "
                        + leg.toLowerCase(Locale.ROOT).replace('_', ' ')
                        + " data in this window: that leg is left out (not filled in) and confidence is lowered.");
    }

    public static Caveat regionsNotExhaustive(double regionSum, double total) {
        return new Caveat(
                REGIONS_NOT_EXHAUSTIVE,
                String.format(
                        Locale.ROOT,
                        "Region rows sum to %s against a total of %s: not every region is itemised, so regional shares are approximate.",
                        Money.usd(regionSum),
                        Money.usd(total)));
    }

    public static Caveat lateDataRevision() {
        return new Caveat(
                LATE_DATA_REVISION,
                "At least one flow figure was revised after it was first published; "
                        + "the signal uses the latest figure.");
    }

    /**
     * Some report behind the flows was counted before all its rows arrived: its settle timeout
     * passed first.
     */
    public static Caveat reportIncomplete(List<IncompleteReport> reports) {
        StringBuilder which = new StringBuilder();
        for (IncompleteReport r : reports) {
            if (which.length() > 0) {
                which.append("; ");
            }
            which.append(r.report())
                    .append(" had ")
                    .append(r.rows())
                    .append(" of its ")
                    .append(r.announced())
                    .append(" rows");
        }
        return new Caveat(
                REPORT_INCOMPLETE,
                "Not every row of the report had arrived when its settle timeout passed ("
                        + which
                        + "): the signal rests on the rows that did, and the missing ones may change it.");
    }

    /**
     * A breakdown of the window's report does not add up to its total beyond {@link
     * WindowSnapshot#BREAKDOWN_TOLERANCE}: a misprint or a mixed-up report. Names the figures that
     * disagree.
     */
    public static Caveat breakdownsInconsistent(List<WindowSnapshot.BreakdownDisagreement> ds) {
        StringBuilder which = new StringBuilder();
        for (WindowSnapshot.BreakdownDisagreement d : ds) {
            if (which.length() > 0) {
                which.append("; ");
            }
            which.append(
                            d.breakdown().equals(WindowSnapshot.BREAKDOWN_ASSET)
                                    ? "assets"
                                    : "regions")
                    .append(" sum to ")
                    .append(Money.usd(d.sum()))
                    .append(" against a reported total of ")
                    .append(Money.usd(d.total()));
        }
        return new Caveat(
                BREAKDOWNS_INCONSISTENT,
                "The report's breakdowns disagree with its total ("
                        + which
                        + ", more than "
                        + Math.round(WindowSnapshot.BREAKDOWN_TOLERANCE * 100)
                        + "% apart): a misprinted or mixed-up figure, so shares and totals built"
                        + " on them are unreliable and confidence is halved.");
    }

    /**
     * Rows of one source overlap in period: finer rows replaced a coarser row they cover whole, and
     * a coarser row counted over finer rows that cover only part of it; every row left out is
     * named.
     */
    public static Caveat overlappingPeriods(List<String> leftOut) {
        return new Caveat(
                OVERLAPPING_PERIODS,
                "Rows of one source overlap in period and describe the same money, so each day"
                        + " counts once (finer rows replace a coarser row only when they cover its"
                        + " whole period, otherwise the coarser row counts): "
                        + String.join("; ", leftOut)
                        + ".");
    }

    /**
     * What a leverage reading cannot know: the holder's risk limits, margin terms and intent, so
     * nothing says it will sell.
     */
    public static Caveat holderTermsUnknown() {
        return new Caveat(
                HOLDER_TERMS_UNKNOWN,
                "The holder's risk limits, margin terms and intent are not known: a loss past a "
                        + "threshold is not a margin call or a forced sale, and observers cannot "
                        + "reasonably infer what the holder will do next.");
    }

    /** The position is as last reported; what happened to it since is not seen. */
    public static Caveat positionAsReported(String asOfDate, String source) {
        return new Caveat(
                POSITION_AS_REPORTED,
                "The position is as reported by "
                        + source
                        + " as of "
                        + asOfDate
                        + ", marked to later prices; hedges, sales or added capital since then are not seen.");
    }

    /** The mark is an earlier window's close: the instrument has no price in this window. */
    public static Caveat stalePrice(String instrument) {
        return new Caveat(
                STALE_PRICE,
                "No "
                        + instrument
                        + " price in this window: the position is marked at the last close of an earlier window.");
    }

    /**
     * The signal rests on generated data: in the window's own figures (named), or in the trailing
     * history its baselines, z-scores or correlation use.
     *
     * @param inWindow the illustrative sources among the signal's own figures (empty when none)
     * @param inHistory whether its trailing history includes windows with illustrative inputs
     */
    public static Caveat illustrativeData(List<String> inWindow, boolean inHistory) {
        StringBuilder where = new StringBuilder();
        if (!inWindow.isEmpty()) {
            where.append("figures of this window come from ").append(String.join(", ", inWindow));
        }
        if (inHistory) {
            if (where.length() > 0) {
                where.append(", and ");
            }
            where.append("the trailing history behind its baselines includes generated windows");
        }
        return new Caveat(
                ILLUSTRATIVE_DATA,
                "Rests on illustrative (generated, not market) data: "
                        + where
                        + "; read it as a demonstration of the method, not as a market fact.");
    }

    /**
     * Two or more independent sources agree on the leg: the cap rises, and the text names each
     * source's figure, coverage and scope, since their scopes differ.
     */
    public static Caveat sourcesConfirmAcrossScopes(SourceAgreement.Leg leg) {
        String others = apart(leg, SourceAgreement.Outcome.AGREE);
        return new Caveat(
                SOURCES_CONFIRM_ACROSS_SCOPES,
                String.format(
                        Locale.ROOT,
                        "%s: %s agrees with %s in direction and size (within the agreement"
                                + " tolerance); the sources cover different scopes, so they"
                                + " confirm the reading, not an exact market-wide figure.",
                        leg.name(),
                        others,
                        figure(leg.headline())));
    }

    /**
     * The other sources' figures with the given outcome on the leg, each with how far apart it is:
     * "us-spot-etf (…) -$1.71B (…), 1% apart; …".
     */
    private static String apart(SourceAgreement.Leg leg, SourceAgreement.Outcome outcome) {
        StringBuilder others = new StringBuilder();
        for (SourceAgreement.Comparison c : leg.with(outcome)) {
            if (others.length() > 0) {
                others.append("; ");
            }
            others.append(figure(c.other()))
                    .append(", ")
                    .append(Math.round(c.relativeDifference() * 100))
                    .append("% apart");
        }
        return others.toString();
    }

    /** Another source has the leg's direction but a size too far off to confirm it. */
    public static Caveat sourcesDiffer(SourceAgreement.Leg leg) {
        String others = apart(leg, SourceAgreement.Outcome.DIFFER);
        return new Caveat(
                SOURCES_DIFFER,
                String.format(
                        Locale.ROOT,
                        "%s: %s against %s: the same direction but too far apart to confirm the"
                                + " size, so the reading counts as resting on one source.",
                        leg.name(),
                        others,
                        figure(leg.headline())));
    }

    /** Another source says the opposite direction: both figures, and a lowered confidence. */
    public static Caveat sourcesDisagree(SourceAgreement.Leg leg) {
        StringBuilder others = new StringBuilder();
        for (SourceAgreement.Comparison c : leg.with(SourceAgreement.Outcome.DISAGREE)) {
            if (others.length() > 0) {
                others.append("; ");
            }
            others.append(figure(c.other()));
        }
        return new Caveat(
                SOURCES_DISAGREE,
                String.format(
                        Locale.ROOT,
                        "%s: %s against %s, the opposite direction: the sources"
                                + " contradict each other, so confidence is below what one"
                                + " source alone gives.",
                        leg.name(),
                        figure(leg.headline()),
                        others));
    }

    /** "us-spot-etf (us-spot-etf, US, daily) -$1.67B (BTC 4 of 4, ETH 2 of 4 trading days)". */
    private static String figure(SourceAgreement.Figure f) {
        return f.source().describe()
                + " "
                + Money.signedUsd(f.netFlowUsd())
                + " ("
                + f.coverageText()
                + ")";
    }

    /** Concatenates caveat lists, keeping the first caveat of each code, in order. */
    @SafeVarargs
    public static List<Caveat> merge(List<Caveat>... lists) {
        Map<String, Caveat> byCode = new LinkedHashMap<>();
        for (List<Caveat> l : lists) {
            if (l != null) {
                for (Caveat c : l) {
                    byCode.putIfAbsent(c.getCode(), c);
                }
            }
        }
        return new ArrayList<>(byCode.values());
    }
}
