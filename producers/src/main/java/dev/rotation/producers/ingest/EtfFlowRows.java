package dev.rotation.producers.ingest;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.validation.EventValidator;
import dev.rotation.producers.events.EventIds;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * The rows of US spot ETF daily flow files (docs/input-formats.md): the long layout ({@link
 * InputLayout#ETF_FLOWS_DAILY}, one row per date, asset and issuer, whole US dollars) and the wide
 * table trackers print ({@link InputLayout#ETF_FLOWS_WIDE}, one row per date, one column per
 * issuer, a {@code Total} column, a stated unit).
 *
 * <p>A day's all-issuer figure becomes an ASSET row keyed by the asset; an issuer's figure a
 * PROVIDER row keyed by its ticker. Both carry {@code asset}, {@code region=US} and, for an issuer,
 * {@code issuer}; each covers one UTC day and names no report. Rows that total or summarise the
 * days ({@code Total}, {@code Sum}, {@code Average}, ... in the date cell) are never published:
 * they are skipped, named in {@link #notes}, and a Total row is checked against the sum of the
 * file's days.
 */
final class EtfFlowRows {
    /** Source of ETF rows without a source column and without {@code --source}. */
    static final String DEFAULT_SOURCE = "us-spot-etf";

    /** Every ETF of these layouts is listed in the US. */
    static final String REGION = "US";

    /** The long layout's issuer values for "all issuers of the asset". */
    private static final Set<String> ALL_ISSUERS = Set.of("ALL", "TOTAL");

    /** Sum key of the issuer (PROVIDER) rows of one asset, checked when it has no ASSET rows. */
    private static final String ISSUERS = "ISSUERS:";

    /** Date cells of rows that add up the days: skipped, and checked against the days. */
    private static final Set<String> TOTAL_ROWS =
            Set.of(
                    "total",
                    "totals",
                    "sum",
                    "grandtotal",
                    "weektotal",
                    "weeklytotal",
                    "nettotal",
                    "subtotal",
                    "net");

    /** Date cells of rows that describe the days without being one (trackers print these). */
    private static final Set<String> STATISTIC_ROWS =
            Set.of(
                    "average", "avg", "mean", "median", "maximum", "max", "minimum", "min", "fee",
                    "fees");

    /** A daily figure below this in every row of a file is more likely millions than dollars. */
    private static final BigDecimal PLAUSIBLE_DAILY_USD = new BigDecimal(100_000);

    private static final DateTimeFormatter TRACKER_DATE =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("[d MMMM uuuu][d MMM uuuu]")
                    .toFormatter(Locale.ENGLISH);
    private static final Pattern TICKER = Pattern.compile("[A-Z0-9]{2,12}");

    /** A cell that cannot be read; {@code code} is a stable reason code. */
    static final class BadCell extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;

        BadCell(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** A row that adds up or describes the days; {@code figures} by flow key, empty if unread. */
    private record SummaryRow(
            long line, String label, boolean total, Map<String, FlowFigure> figures) {}

    private final String defaultSource;
    private final UnaryOperator<String> assetKey;
    private final FlowUnit unit;
    private final String tableAsset;
    private final Map<String, BigDecimal> roundingByEventId = new HashMap<>();
    private final List<SummaryRow> summaries = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<LocalDate, List<Long>> weekendLines = new java.util.TreeMap<>();

    /**
     * @param defaultSource source of rows without a {@code source} cell
     * @param assetKey an asset label to its key ({@code Bitcoin} to {@code BTC}); throws for a
     *     label the configuration does not know
     * @param unit the wide table's unit (null for the long layout, whose figures are US dollars)
     * @param tableAsset the wide table's asset key (null for the long layout)
     */
    EtfFlowRows(
            String defaultSource,
            UnaryOperator<String> assetKey,
            FlowUnit unit,
            String tableAsset) {
        this.defaultSource = defaultSource;
        this.assetKey = assetKey;
        this.unit = unit;
        this.tableAsset = tableAsset;
    }

    /** True when a column name can be an issuer column of a wide table (a ticker). */
    static boolean issuerColumn(String name) {
        return TICKER.matcher(name.toUpperCase(Locale.ROOT)).matches();
    }

    /**
     * A row of the long layout: {@code date,asset,issuer,net_flow_usd[,source_url,sources_seen]};
     * {@code source_url} is a citation and stays out of the event.
     *
     * @return one flow, or none for a Total or statistic row (kept for {@link #notes})
     * @throws BadCell naming the first cell that cannot be read
     */
    List<FundFlow> dailyRow(Map<String, String> row, long line) {
        String dateCell = required(row, "date");
        String asset = assetKey.apply(required(row, "asset"));
        String issuer = required(row, "issuer").toUpperCase(Locale.ROOT);
        String flowKey = ALL_ISSUERS.contains(issuer) ? "ASSET:" + asset : "PROVIDER:" + issuer;
        String netText = required(row, "net_flow_usd");
        FlowFigure figure = FlowFigure.plain(netText);
        if (figure == null) {
            throw new BadCell(
                    ReasonCodes.BAD_NUMBER,
                    "net_flow_usd is not a number in US dollars: '"
                            + netText
                            + "' (this layout takes plain numbers such as -483380000; "
                            + "see docs/input-formats.md for tracker tables in millions)");
        }
        String sourcesSeen = row.getOrDefault("sources_seen", "");
        if (!sourcesSeen.isEmpty() && !sourcesSeen.matches("[1-9]\\d*")) {
            throw new BadCell(
                    ReasonCodes.BAD_NUMBER,
                    "sources_seen is not a whole number of at least 1: '" + sourcesSeen + "'");
        }
        Boolean total = summaryKind(dateCell);
        if (total != null) {
            summaries.add(new SummaryRow(line, dateCell, total, Map.of(flowKey, figure)));
            return List.of();
        }
        LocalDate day = isoDate(dateCell);
        noteWeekend(day, line);
        String source = source(row);
        FundFlow flow =
                ALL_ISSUERS.contains(issuer)
                        ? flow(source, day, Breakdown.ASSET, asset, asset, null, figure)
                        : flow(source, day, Breakdown.PROVIDER, issuer, asset, issuer, figure);
        return List.of(flow);
    }

    /**
     * A row of a wide table: {@code date,IBIT,FBTC,...,Total} in the table's unit; {@code -} or an
     * empty cell is no figure (never 0). A day whose Total differs from the sum of its issuer cells
     * by more than their rounding is published as given and named in {@link #notes}.
     *
     * @return the day's flows (Total first), or none for a Total or statistic row
     * @throws BadCell naming the first cell that cannot be read
     */
    List<FundFlow> wideRow(Map<String, String> row, long line) {
        String dateCell = required(row, "date");
        Boolean total = summaryKind(dateCell);
        if (total != null) {
            Map<String, FlowFigure> figures = new LinkedHashMap<>();
            if (total) {
                try {
                    wideFigures(row).forEach((column, f) -> figures.put(flowKey(column), f));
                } catch (BadCell e) {
                    figures.clear(); // not a day: an unreadable total is named, not refused
                }
            }
            summaries.add(new SummaryRow(line, dateCell, total, figures));
            return List.of();
        }
        LocalDate day = trackerDate(dateCell);
        Map<String, FlowFigure> figures = wideFigures(row);
        if (figures.isEmpty()) {
            notes.add(
                    "line "
                            + line
                            + " ("
                            + day
                            + "): no figures (every cell is '-' or empty),"
                            + " nothing published for the day");
            return List.of();
        }
        noteWeekend(day, line);
        String source = source(row);
        List<FundFlow> flows = new ArrayList<>();
        FlowFigure dayTotal = figures.get("total");
        if (dayTotal != null) {
            flows.add(flow(source, day, Breakdown.ASSET, tableAsset, tableAsset, null, dayTotal));
        }
        BigDecimal issuersSum = BigDecimal.ZERO;
        BigDecimal rounding = dayTotal == null ? BigDecimal.ZERO : dayTotal.rounding();
        int issuers = 0;
        for (Map.Entry<String, FlowFigure> e : figures.entrySet()) {
            if (e.getKey().equals("total")) {
                continue;
            }
            String ticker = e.getKey().toUpperCase(Locale.ROOT);
            flows.add(
                    flow(
                            source,
                            day,
                            Breakdown.PROVIDER,
                            ticker,
                            tableAsset,
                            ticker,
                            e.getValue()));
            issuersSum = issuersSum.add(e.getValue().usd());
            rounding = rounding.add(e.getValue().rounding());
            issuers++;
        }
        if (dayTotal != null && issuers > 0) {
            BigDecimal gap = dayTotal.usd().subtract(issuersSum).abs();
            if (gap.compareTo(rounding) > 0) {
                notes.add(
                        "line "
                                + line
                                + " ("
                                + day
                                + "): the Total "
                                + money(dayTotal.usd())
                                + " differs from the sum of its "
                                + issuers
                                + " issuer "
                                + (issuers == 1 ? "column " : "columns ")
                                + money(issuersSum)
                                + " by "
                                + money(gap)
                                + ", more than their rounding (±"
                                + money(rounding)
                                + "); published as given (check the row)");
            }
        }
        return flows;
    }

    /**
     * What the reader skipped or doubts, one line each, after the whole file is read: every Total
     * or statistic row (a Total row checked against the sum of {@code published} days), the days
     * whose Total disagrees with their issuers, days that fall on a weekend, and figures too small
     * to be dollars (published only with --allow-small-figures).
     *
     * @param published the events the file yields, after conflicting rows are refused
     */
    List<String> notes(List<SpecificRecord> published) {
        Map<String, BigDecimal> sums = new HashMap<>();
        Map<String, BigDecimal> roundings = new HashMap<>();
        Map<String, Integer> days = new HashMap<>();
        boolean any = false;
        boolean allSmall = true;
        for (SpecificRecord e : published) {
            BigDecimal rounding = roundingByEventId.get(InputEventType.of(e).eventId(e));
            if (!(e instanceof FundFlow f) || rounding == null) {
                continue;
            }
            BigDecimal usd = BigDecimal.valueOf(f.getNetFlowUsd());
            List<String> keys =
                    f.getBreakdown() == Breakdown.PROVIDER
                            ? List.of(InputEventType.FLOWS.key(f), ISSUERS + f.getAsset())
                            : List.of(InputEventType.FLOWS.key(f));
            for (String key : keys) {
                sums.merge(key, usd, BigDecimal::add);
                roundings.merge(key, rounding, BigDecimal::add);
                days.merge(key, 1, Integer::sum);
            }
            if (usd.signum() != 0) {
                any = true;
                allSmall &= usd.abs().compareTo(PLAUSIBLE_DAILY_USD) < 0;
            }
        }
        List<String> all = new ArrayList<>();
        for (SummaryRow s : summaries) {
            all.add(summaryNote(s, sums, roundings, days));
        }
        all.addAll(notes);
        weekendLines.forEach(
                (day, lines) ->
                        all.add(
                                day
                                        + " is a "
                                        + day.getDayOfWeek()
                                                .getDisplayName(
                                                        java.time.format.TextStyle.FULL,
                                                        Locale.ENGLISH)
                                        + ": US spot ETFs do not trade on weekends, yet "
                                        + (lines.size() == 1 ? "line " : "lines ")
                                        + lines.stream()
                                                .map(String::valueOf)
                                                .collect(java.util.stream.Collectors.joining(", "))
                                        + (lines.size() == 1 ? " gives" : " give")
                                        + " figures for it; published as given (check the"
                                        + " date)"));
        if (any && allSmall) {
            all.add(
                    "every daily figure is below "
                            + money(PLAUSIBLE_DAILY_USD)
                            + ": published as whole US dollars, as --allow-small-figures asks"
                            + " (nothing was scaled)");
        }
        return all;
    }

    /**
     * Why a file whose every non-zero figure is below $100,000 is refused: US spot ETF days of that
     * size are millions written in the wrong unit far more often than real dollars ({@code # unit:
     * usd} over a tracker's {@code 10.5}). Null when a figure is at least $100,000, or there is
     * none.
     *
     * @param events the file's events
     * @param unitMarked true when the wide table's unit comes from its {@code # unit:} line (not
     *     {@code --unit})
     */
    String smallFiguresRefusal(List<SpecificRecord> events, boolean unitMarked) {
        BigDecimal largest = null;
        for (SpecificRecord e : events) {
            if (e instanceof FundFlow f && f.getNetFlowUsd() != 0) {
                BigDecimal usd = BigDecimal.valueOf(f.getNetFlowUsd()).abs();
                if (usd.compareTo(PLAUSIBLE_DAILY_USD) >= 0) {
                    return null;
                }
                largest = largest == null || usd.compareTo(largest) > 0 ? usd : largest;
            }
        }
        if (largest == null) {
            return null;
        }
        String head =
                "every figure is below "
                        + money(PLAUSIBLE_DAILY_USD)
                        + " (the largest is "
                        + String.format(Locale.ROOT, "$%,.2f", largest.doubleValue())
                        + "), so they look like US$ millions: ";
        if (unit == null) {
            return head
                    + "net_flow_usd is in whole dollars, so write them out (-483380000 for"
                    + " -483.38M), or pass --allow-small-figures to publish them as given";
        }
        return head
                + (unitMarked
                        ? "mark the file '# unit: usd-millions' instead of '# unit: usd'"
                        : "pass --unit usd-millions")
                + "; or pass --allow-small-figures to publish them as whole dollars";
    }

    private String summaryNote(
            SummaryRow s,
            Map<String, BigDecimal> sums,
            Map<String, BigDecimal> roundings,
            Map<String, Integer> days) {
        String head = "line " + s.line() + ": '" + s.label() + "' row skipped, ";
        if (!s.total()) {
            return head + "a statistic of the days, not a day";
        }
        head += "a total of days, not a day (adding it would count them twice)";
        if (s.figures().isEmpty()) {
            return head + "; its figures could not be read, so it was not checked";
        }
        List<String> mismatches = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, FlowFigure> e : s.figures().entrySet()) {
            String key = e.getKey();
            String rows = " day";
            if (!sums.containsKey(key) && key.startsWith("ASSET:")) {
                // no all-issuer day of the asset: the total is of its issuer rows
                key = ISSUERS + key.substring("ASSET:".length());
                rows = " issuer row";
            }
            BigDecimal sum = sums.get(key);
            if (sum == null) {
                unchecked.add(e.getKey());
                continue;
            }
            checked++;
            BigDecimal tolerance = roundings.get(key).add(e.getValue().rounding());
            BigDecimal gap = e.getValue().usd().subtract(sum).abs();
            if (gap.compareTo(tolerance) > 0) {
                int n = days.get(key);
                mismatches.add(
                        e.getKey()
                                + " total "
                                + money(e.getValue().usd())
                                + " but its "
                                + n
                                + rows
                                + (n == 1 ? " sums" : "s sum")
                                + " to "
                                + money(sum));
            }
        }
        if (checked == 0) {
            return head + "; no day of the file has its figures, so it was not checked";
        }
        String result =
                mismatches.isEmpty()
                        ? "; it matches the sum of the file's days within rounding"
                        : "; WARNING it does not match the file's days: "
                                + String.join("; ", mismatches)
                                + " (it may total days not in this file, or a day is missing or"
                                + " wrong)";
        return head + result + (unchecked.isEmpty() ? "" : "; no days for " + unchecked);
    }

    /** The figures of a wide row by lower-case column name, in column order; no-data cells out. */
    private Map<String, FlowFigure> wideFigures(Map<String, String> row) {
        Map<String, FlowFigure> figures = new LinkedHashMap<>();
        for (Map.Entry<String, String> cell : row.entrySet()) {
            String column = cell.getKey();
            if (column.equals("date")
                    || column.equals("source")
                    || FlowFigure.noData(cell.getValue())) {
                continue;
            }
            FlowFigure f = FlowFigure.tracker(cell.getValue(), unit);
            if (f == null) {
                throw new BadCell(
                        ReasonCodes.BAD_NUMBER,
                        column.toUpperCase(Locale.ROOT).equals("TOTAL")
                                ? "Total is not a figure: '" + cell.getValue() + "'"
                                : column.toUpperCase(Locale.ROOT)
                                        + " is not a figure: '"
                                        + cell.getValue()
                                        + "' (expected 565.9, (565.9) or \"(1,113.7)\", or - for"
                                        + " no figure)");
            }
            figures.put(column, f);
        }
        return figures;
    }

    private String flowKey(String wideColumn) {
        return wideColumn.equals("total")
                ? "ASSET:" + tableAsset
                : "PROVIDER:" + wideColumn.toUpperCase(Locale.ROOT);
    }

    private FundFlow flow(
            String source,
            LocalDate day,
            Breakdown breakdown,
            String key,
            String asset,
            String issuer,
            FlowFigure figure) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String id = EventIds.fundFlow(source, null, breakdown, key, start, end);
        roundingByEventId.put(id, figure.rounding());
        return new FundFlow(
                id,
                source,
                null,
                null,
                start,
                end,
                breakdown,
                key,
                figure.netFlowUsd(),
                null,
                asset,
                REGION,
                issuer,
                null);
    }

    private String source(Map<String, String> row) {
        String s = row.getOrDefault("source", "");
        return s.isEmpty() ? defaultSource : s;
    }

    /** Remembers a day's line when the day is a Saturday or Sunday, for {@link #notes}. */
    private void noteWeekend(LocalDate day, long line) {
        if (day.getDayOfWeek() == java.time.DayOfWeek.SATURDAY
                || day.getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
            List<Long> lines = weekendLines.computeIfAbsent(day, d -> new ArrayList<>());
            if (!lines.contains(line)) {
                lines.add(line);
            }
        }
    }

    /** TRUE for a Total row, FALSE for a statistic row, null for a day. */
    private static Boolean summaryKind(String dateCell) {
        String word = dateCell.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (TOTAL_ROWS.contains(word)) {
            return Boolean.TRUE;
        }
        return STATISTIC_ROWS.contains(word) ? Boolean.FALSE : null;
    }

    private static LocalDate isoDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadCell(
                    ReasonCodes.BAD_DATE,
                    "date is not an ISO-8601 date (yyyy-MM-dd) or a Total row: '" + text + "'");
        }
    }

    private static LocalDate trackerDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text, TRACKER_DATE);
            } catch (DateTimeParseException e2) {
                throw new BadCell(
                        ReasonCodes.BAD_DATE,
                        "date is not a date (2026-01-20, 20 Jan 2026 or 20 January 2026) or a"
                                + " Total row: '"
                                + text
                                + "'");
            }
        }
    }

    private static String required(Map<String, String> row, String column) {
        String v = row.getOrDefault(column, "");
        if (v.isEmpty()) {
            throw new BadCell(EventValidator.MISSING_FIELD, column + " is empty");
        }
        return v;
    }

    /** {@code -$483.38M}, {@code $5.24B}, {@code $50,000}. */
    static String money(BigDecimal usd) {
        double v = usd.doubleValue();
        double a = Math.abs(v);
        String sign = v < 0 ? "-" : "";
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%s$%.2fB", sign, a / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%s$%.2fM", sign, a / 1e6);
        }
        return String.format(Locale.ROOT, "%s$%,.0f", sign, a);
    }
}
