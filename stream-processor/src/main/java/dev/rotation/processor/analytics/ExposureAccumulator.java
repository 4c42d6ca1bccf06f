package dev.rotation.processor.analytics;

import java.util.Objects;

/**
 * The latest report of one institutional position in one window. A report with a later {@code asOf}
 * replaces the position; one with the same {@code asOf} and new figures is a correction and
 * replaces it too; an identical one is a duplicate. Mutable, JSON-serialisable, constant size.
 */
public final class ExposureAccumulator {

    /** The position as last reported in the window; null before the first report. */
    public ExposureMetrics position;

    public ExposureAccumulator() {}

    /** Takes a report; false when it changes nothing (a duplicate, or older than the one held). */
    public boolean add(ExposureMetrics report) {
        Objects.requireNonNull(report, "report");
        if (position != null && (report.asOf() < position.asOf() || report.equals(position))) {
            return false;
        }
        position = report;
        return true;
    }

    /** Null when no report was added. */
    public ExposureMetrics toMetrics() {
        return position;
    }
}
