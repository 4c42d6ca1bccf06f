package dev.rotation.producers.ingest;

import dev.rotation.model.events.InputEventType;
import java.util.List;
import java.util.Set;

/**
 * The column layouts the reader accepts, each recognised from its header. Column names are
 * lower-case snake_case, in any order; the same names are the field names of JSON Lines files.
 */
public enum InputLayout {
    /** Fund flows, one row per breakdown key (the CoinShares weekly report shape). */
    FUND_FLOWS(
            InputEventType.FLOWS,
            List.of(
                    "report_id",
                    "report_date",
                    "period_start",
                    "period_end",
                    "breakdown",
                    "key",
                    "net_flow_usd"),
            List.of("aum_usd", "source", "report_rows")),
    /**
     * US spot ETF daily flows, one row per date, asset and issuer ({@code ALL} for all issuers),
     * whole US dollars: the shape of {@code sample/us-spot-etf-flows-daily.csv}. {@code source_url}
     * is a citation and stays out of the event; {@code sources_seen} is checked, not published.
     */
    ETF_FLOWS_DAILY(
            InputEventType.FLOWS,
            List.of("date", "asset", "issuer", "net_flow_usd"),
            List.of("source_url", "sources_seen", "source")),
    /**
     * A flow tracker's wide table as pasted: {@code date,IBIT,FBTC,...,Total}, one column per
     * issuer (a ticker), figures in the unit the file or {@code --unit} states, for the asset the
     * file or {@code --asset} states. Told by its {@code Total} column, or, without one, by a
     * {@code # unit:}/{@code # asset:} line or option beside a header of date and tickers only.
     */
    ETF_FLOWS_WIDE(InputEventType.FLOWS, List.of("date"), List.of("total", "source")),
    /** OHLC bars. */
    PRICE_BARS(
            InputEventType.PRICES,
            List.of("instrument", "interval_start", "interval_end", "open", "high", "low", "close"),
            List.of("source")),
    /** Wide daily snapshots: {@code date,snapshot_utc,BTC,ETH,...}, one price column per coin. */
    PRICE_SNAPSHOTS_WIDE(InputEventType.PRICES, List.of("date", "snapshot_utc"), List.of()),
    /** Volume bars. */
    VOLUME_BARS(
            InputEventType.VOLUMES,
            List.of("instrument", "interval_start", "interval_end", "volume_base"),
            List.of("volume_usd", "source")),
    /** Metal quotes over explicit intervals. */
    METAL_QUOTES(
            InputEventType.METALS,
            List.of("metal", "interval_start", "interval_end", "spot_usd_per_oz"),
            List.of("high", "low", "volume_oz", "product_flow_usd", "source")),
    /** Sparse metal points, one per UTC day: {@code date,metal,spot_usd_per_oz,note}. */
    METAL_POINTS(
            InputEventType.METALS,
            List.of("date", "metal", "spot_usd_per_oz"),
            List.of("note", "source")),
    /** Institutional positions, one row per holder and instrument (docs/input-formats.md). */
    INSTITUTIONAL_EXPOSURES(
            InputEventType.EXPOSURES,
            List.of("holder", "holder_type", "instrument", "exposure", "underlying", "as_of"),
            List.of(
                    "units",
                    "position_usd",
                    "cost_basis_usd",
                    "leverage",
                    "source",
                    "report_id",
                    "note"));

    private final InputEventType type;
    private final List<String> required;
    private final List<String> optional;

    InputLayout(InputEventType type, List<String> required, List<String> optional) {
        this.type = type;
        this.required = required;
        this.optional = optional;
    }

    public InputEventType type() {
        return type;
    }

    public List<String> required() {
        return required;
    }

    public List<String> optional() {
        return optional;
    }

    /** The layout a header belongs to, or null when none matches. */
    public static InputLayout infer(Set<String> columns) {
        return infer(columns, false);
    }

    /**
     * The layout a header belongs to, or null when none matches.
     *
     * @param etfTableStated true when the file or the options state a wide ETF table's unit or
     *     asset: a header of {@code date} and tickers only is then that table without a Total
     *     column
     */
    public static InputLayout infer(Set<String> columns, boolean etfTableStated) {
        if (etfTableStated && datesAndTickersOnly(columns)) {
            return ETF_FLOWS_WIDE;
        }
        if (columns.contains("holder")) {
            return INSTITUTIONAL_EXPOSURES;
        }
        if (columns.contains("issuer")
                && columns.contains("net_flow_usd")
                && !columns.contains("report_id")) {
            return ETF_FLOWS_DAILY;
        }
        if (columns.contains("net_flow_usd") || columns.contains("report_id")) {
            return FUND_FLOWS;
        }
        if (columns.contains("snapshot_utc")) {
            return PRICE_SNAPSHOTS_WIDE;
        }
        if (columns.contains("date") && columns.contains("total")) {
            return ETF_FLOWS_WIDE;
        }
        if (columns.contains("instrument") && columns.contains("volume_base")) {
            return VOLUME_BARS;
        }
        if (columns.contains("instrument")) {
            return PRICE_BARS;
        }
        if (columns.contains("metal") && columns.contains("interval_start")) {
            return METAL_QUOTES;
        }
        if (columns.contains("metal")) {
            return METAL_POINTS;
        }
        return null;
    }

    /**
     * True for a header of {@code date} and at least one ticker column (and perhaps {@code
     * source}): a tracker's table without its Total column.
     */
    static boolean datesAndTickersOnly(Set<String> columns) {
        return columns.contains("date")
                && columns.stream().anyMatch(EtfFlowRows::issuerColumn)
                && columns.stream()
                        .allMatch(
                                c ->
                                        c.equals("date")
                                                || c.equals("source")
                                                || EtfFlowRows.issuerColumn(c));
    }
}
