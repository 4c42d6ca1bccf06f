package dev.rotation.producers.cli;

import dev.rotation.model.FundFlow;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.flows.PeriodOverlaps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** What {@code produce file} publishes, in which order, and what it tells the user about it. */
final class PublishPlan {
    private PublishPlan() {}

    /**
     * The events ordered by event time (stable: events of one instant keep their file order), so
     * that a file sorted by instrument, or several files, reach the processor as time goes and no
     * partition's stream time runs ahead of the others' data.
     */
    static List<SpecificRecord> inEventTimeOrder(List<SpecificRecord> events) {
        List<SpecificRecord> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(e -> InputEventType.of(e).eventTime(e)));
        return ordered;
    }

    /**
     * One line per fund-flow row the processor will leave out because another row of the same
     * source and key overlaps its period ({@link PeriodOverlaps}: finer rows that cover its whole
     * period, or a coarser row it covers only part of), with the rows counted instead; empty when
     * none is left out.
     */
    static List<String> overlappingPeriods(List<SpecificRecord> events) {
        Map<String, Map<PeriodOverlaps.Period, FundFlow>> bySourceAndKey = new LinkedHashMap<>();
        for (SpecificRecord e : events) {
            if (e instanceof FundFlow f) {
                bySourceAndKey
                        .computeIfAbsent(
                                f.getSource() + " " + f.getBreakdown() + ":" + f.getKey(),
                                k -> new LinkedHashMap<>())
                        .put(period(f), f);
            }
        }
        List<String> lines = new ArrayList<>();
        bySourceAndKey.forEach(
                (name, rows) -> {
                    PeriodOverlaps.Selection<FundFlow> s =
                            PeriodOverlaps.select(
                                    new ArrayList<>(rows.values()), PublishPlan::period);
                    for (PeriodOverlaps.LeftOut<FundFlow> out : s.leftOut()) {
                        lines.add(
                                "Overlapping periods: "
                                        + name
                                        + " of "
                                        + out.row().getReportId()
                                        + " for "
                                        + dates(out.row())
                                        + " is left out: "
                                        + why(out)
                                        + " (OVERLAPPING_PERIODS, see docs/signals.md)");
                    }
                });
        return lines;
    }

    /**
     * {@code Published by type (event time): flows 14 at 2026-01-23T23:59:59.999Z; prices 63 from
     * ... to ...}.
     */
    static String byType(List<SpecificRecord> events) {
        return byType(events, "Published");
    }

    /**
     * The fund flows per source and breakdown, the sums a user checks against the table or report
     * they came from: one line per source and breakdown with its rows, the days they cover and
     * their net sum, then each key's net sum and rows in the order first met (a table's column
     * order), e.g. {@code us-spot-etf PROVIDER: 9 rows, 2026-01-20 to 2026-01-23, net -$1.65B: IBIT
     * -$723.80M (4), FBTC -$1.28B (4), ...}. Sums are of the rows as published (US dollars), never
     * across sources or breakdowns; empty when there are no flows.
     *
     * @param events the events in file order
     */
    static List<String> flowSums(List<SpecificRecord> events) {
        Map<String, Map<String, double[]>> byGroup = new LinkedHashMap<>();
        Map<String, Instant[]> spans = new LinkedHashMap<>();
        for (SpecificRecord e : events) {
            if (!(e instanceof FundFlow f)) {
                continue;
            }
            String group = f.getSource() + " " + f.getBreakdown();
            double[] sum =
                    byGroup.computeIfAbsent(group, g -> new LinkedHashMap<>())
                            .computeIfAbsent(f.getKey(), k -> new double[2]);
            sum[0] += f.getNetFlowUsd();
            sum[1]++;
            Instant[] span =
                    spans.computeIfAbsent(
                            group, g -> new Instant[] {f.getPeriodStart(), f.getPeriodEnd()});
            if (f.getPeriodStart().isBefore(span[0])) {
                span[0] = f.getPeriodStart();
            }
            if (f.getPeriodEnd().isAfter(span[1])) {
                span[1] = f.getPeriodEnd();
            }
        }
        List<String> lines = new ArrayList<>();
        byGroup.forEach(
                (group, keys) -> {
                    double net = 0;
                    long rows = 0;
                    List<String> parts = new ArrayList<>();
                    for (Map.Entry<String, double[]> k : keys.entrySet()) {
                        net += k.getValue()[0];
                        rows += (long) k.getValue()[1];
                        parts.add(
                                k.getKey()
                                        + " "
                                        + signedUsd(k.getValue()[0])
                                        + " ("
                                        + (long) k.getValue()[1]
                                        + ")");
                    }
                    Instant[] span = spans.get(group);
                    lines.add(
                            "  "
                                    + group
                                    + ": "
                                    + rows
                                    + (rows == 1 ? " row, " : " rows, ")
                                    + span[0].toString().substring(0, 10)
                                    + " to "
                                    + span[1].minusMillis(1).toString().substring(0, 10)
                                    + ", net "
                                    + signedUsd(net)
                                    + ": "
                                    + String.join(", ", parts));
                });
        return lines;
    }

    /** {@code -$483.38M}, {@code +$1.23B}, {@code +$50,000}, {@code $0}. */
    static String signedUsd(double usd) {
        double a = Math.abs(usd);
        String sign = usd < 0 ? "-" : usd > 0 ? "+" : "";
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%s$%.2fB", sign, a / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%s$%.2fM", sign, a / 1e6);
        }
        return String.format(Locale.ROOT, "%s$%,.2f", sign, a).replace(".00", "");
    }

    /** {@link #byType(List)} with the verb of a real run ({@code Published}) or a dry run. */
    static String byType(List<SpecificRecord> events, String verb) {
        Map<InputEventType, long[]> spans = new EnumMap<>(InputEventType.class);
        for (SpecificRecord e : events) {
            InputEventType t = InputEventType.of(e);
            long time = t.eventTime(e);
            long[] span =
                    spans.computeIfAbsent(t, k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
            span[0]++;
            span[1] = Math.min(span[1], time);
            span[2] = Math.max(span[2], time);
        }
        if (spans.isEmpty()) {
            return verb + " by type: nothing";
        }
        List<String> parts = new ArrayList<>();
        spans.forEach(
                (t, span) ->
                        parts.add(
                                t.label()
                                        + " "
                                        + span[0]
                                        + (span[1] == span[2]
                                                ? " at " + Instant.ofEpochMilli(span[1])
                                                : " from "
                                                        + Instant.ofEpochMilli(span[1])
                                                        + " to "
                                                        + Instant.ofEpochMilli(span[2]))));
        return verb + " by type (event time, in that order): " + String.join("; ", parts);
    }

    private static String why(PeriodOverlaps.LeftOut<FundFlow> out) {
        int n = out.instead().size();
        if (out.reason() == PeriodOverlaps.Reason.COVERED_BY_FINER_ROWS) {
            return n
                    + (n == 1 ? " row" : " rows")
                    + " of the same source for shorter periods cover its whole period, and the"
                    + " processor counts them instead";
        }
        FundFlow coarser = out.instead().get(0);
        return "it covers only part of the row of "
                + coarser.getReportId()
                + " for "
                + dates(coarser)
                + ", and the processor counts that row instead";
    }

    /** A row's period as the file writes it: first and last day. */
    private static String dates(FundFlow f) {
        return f.getPeriodStart().toString().substring(0, 10)
                + " to "
                + f.getPeriodEnd().minusMillis(1).toString().substring(0, 10);
    }

    private static PeriodOverlaps.Period period(FundFlow f) {
        return new PeriodOverlaps.Period(
                f.getPeriodStart().toEpochMilli(), f.getPeriodEnd().toEpochMilli());
    }
}
