package dev.rotation.processor.analytics;

import java.util.Objects;

/**
 * One report row behind a {@link FlowMetrics}: what stage 2 needs to tell whether the report it
 * belongs to is complete, and to leave out the rows of a report that is not ready.
 *
 * @param identity source|reportId|breakdown|key|period ({@link FlowAccumulator#identity}); the part
 *     after the last '|' is the period
 * @param source data provider
 * @param reportId the report the row comes from, or null when it comes from none
 * @param reportRows the row count the report announces ({@code FundFlow.reportRows}), or null
 * @param netFlowUsd the row's figure, USD, negative = outflow
 * @param seq order in which rows of the subject arrived (later wins within a source and period)
 * @param revised whether the figure replaced an earlier one of the same identity
 */
public record FlowRow(
        String identity,
        String source,
        String reportId,
        Integer reportRows,
        double netFlowUsd,
        long seq,
        boolean revised) {

    public FlowRow {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(source, "source");
    }

    /** The report the row belongs to, as {@code source/reportId}; null when it has no report id. */
    public String report() {
        return reportId == null ? null : reportOf(source, reportId);
    }

    /** How a report is named in state, logs and caveats: {@code source/reportId}. */
    public static String reportOf(String source, String reportId) {
        return source + '/' + reportId;
    }

    String period() {
        return FlowAccumulator.periodOf(identity);
    }
}
