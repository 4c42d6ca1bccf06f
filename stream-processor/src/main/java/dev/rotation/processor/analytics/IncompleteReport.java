package dev.rotation.processor.analytics;

import java.util.Objects;

/**
 * A report counted in a window although not all its rows have arrived: its settle timeout passed
 * first (see {@code report.settle.timeout}). The window's flow-based signals carry the {@code
 * REPORT_INCOMPLETE} caveat.
 *
 * @param report {@code source/reportId}
 * @param rows distinct rows of it that have arrived
 * @param announced rows the report announces
 */
public record IncompleteReport(String report, int rows, int announced) {
    public IncompleteReport {
        Objects.requireNonNull(report, "report");
    }
}
