package dev.rotation.producers.events;

import dev.rotation.model.FundFlow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Stamps fund-flow rows with their report's row count ({@code FundFlow.reportRows}), so the
 * processor can evaluate a report only once all of its rows have arrived.
 *
 * <p>A report is a (source, reportId) pair; its rows are the distinct (breakdown, key, period) rows
 * published together. A row published twice (same identity) counts once. A row that already
 * announces a count keeps the larger of its count and the rows counted here, so a count given
 * explicitly (the {@code report_rows} column) is never lowered, and rows of one report read from
 * several files are counted together. Rows without a report id, and events other than fund flows,
 * pass unchanged.
 */
public final class ReportRows {
    private ReportRows() {}

    /**
     * The events in the same order, each fund-flow row of a report carrying its report's count.
     * Rows are copied, never changed in place.
     */
    public static List<SpecificRecord> stamp(List<? extends SpecificRecord> events) {
        Map<String, Set<String>> rowsByReport = new HashMap<>();
        for (SpecificRecord e : events) {
            if (e instanceof FundFlow f && f.getReportId() != null) {
                rowsByReport.computeIfAbsent(report(f), r -> new HashSet<>()).add(row(f));
            }
        }
        List<SpecificRecord> out = new ArrayList<>(events.size());
        for (SpecificRecord e : events) {
            if (e instanceof FundFlow f && f.getReportId() != null) {
                int counted = rowsByReport.get(report(f)).size();
                Integer announced = f.getReportRows();
                int rows = announced == null ? counted : Math.max(announced, counted);
                out.add(announced != null && announced == rows ? f : withReportRows(f, rows));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** A copy of the row with the count (a field-by-field copy: no Avro deep copy of enums). */
    private static FundFlow withReportRows(FundFlow f, int rows) {
        // field by field: FundFlow.newBuilder(f) deep-copies through SpecificData, which needs
        // the model classes trusted (ModelClassTrust) before any serde is built
        return new FundFlow(
                f.getEventId(),
                f.getSource(),
                f.getReportId(),
                f.getReportDate(),
                f.getPeriodStart(),
                f.getPeriodEnd(),
                f.getBreakdown(),
                f.getKey(),
                f.getNetFlowUsd(),
                f.getAumUsd(),
                f.getAsset(),
                f.getRegion(),
                f.getIssuer(),
                rows);
    }

    private static String report(FundFlow f) {
        return f.getSource() + '\u001f' + f.getReportId();
    }

    private static String row(FundFlow f) {
        return f.getBreakdown()
                + "\u001f"
                + f.getKey()
                + '\u001f'
                + f.getPeriodStart().toEpochMilli()
                + '\u001f'
                + f.getPeriodEnd().toEpochMilli();
    }
}
