package dev.rotation.processor.topology;

import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.FlowRow;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stage 2 tells an operator about reports ({@link ReportGate}): a WARN naming the report
 * ({@code source/reportId}) and its week whenever a report arrives after its week closed, revises a
 * FINAL week, is set aside, or is counted incomplete, and the {@code rd.reports} counter. The lines
 * are logged under {@link SnapshotProcessor}'s name, the stage they describe.
 */
final class ReportNotices {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotProcessor.class);

    /** Reports set aside as too old, remembered so each is logged once (bounded). */
    private static final int TOO_OLD_REMEMBERED = 1024;

    private final ProcessorMetrics metrics;
    private final Duration settleTimeout;
    private final Set<String> tooOldLogged = new LinkedHashSet<>();

    ReportNotices(ProcessorMetrics metrics, Duration settleTimeout) {
        this.metrics = metrics;
        this.settleTimeout = settleTimeout;
    }

    /** A report's first row reached the window; {@code status} is how it counts now. */
    void seen(WindowState state, String report, ReportGate.Status status) {
        boolean late = state.reports.get(report).late;
        switch (status) {
            case PENDING -> {
                if (late) {
                    LOG.warn(
                            "Report {} arrived after the week of {} closed: its rows are held"
                                    + " until the report is complete (or {} pass), then revise the"
                                    + " FINAL week as a whole; a report still incomplete by then is"
                                    + " set aside",
                            report,
                            week(state.start),
                            settleTimeout);
                }
            }
            case COUNTED -> {
                if (late) {
                    lateReportCounted(state, report);
                } else if (ReportGate.progress(state).get(report).announced() != null) {
                    metrics.report("complete"); // all its rows came in one update
                }
            }
            // not waited for (report.settle.timeout=PT0S)
            case INCOMPLETE, SET_ASIDE -> changed(state, report, ReportGate.Status.PENDING, status);
        }
    }

    /** A report's status in the window changed from {@code was} to {@code now}. */
    void changed(WindowState state, String report, ReportGate.Status was, ReportGate.Status now) {
        boolean late = state.reports.get(report).late;
        switch (now) {
            case COUNTED -> {
                if (late) {
                    lateReportCounted(state, report);
                } else {
                    metrics.report("complete");
                    if (was == ReportGate.Status.INCOMPLETE) {
                        LOG.info(
                                "Report {} in the week of {} is complete after all: its signals no"
                                        + " longer carry REPORT_INCOMPLETE",
                                report,
                                week(state.start));
                    }
                }
            }
            case INCOMPLETE -> {
                metrics.report("incomplete");
                ReportGate.Progress p = ReportGate.progress(state).get(report);
                LOG.warn(
                        "Report {} in the week of {} has {} of its {} rows after {}: counted as it"
                                + " stands, its signals carry REPORT_INCOMPLETE",
                        report,
                        week(state.start),
                        p.rows(),
                        p.announced(),
                        settleTimeout);
            }
            case SET_ASIDE -> {
                metrics.report("set_aside");
                ReportGate.Progress p = ReportGate.progress(state).get(report);
                LOG.warn(
                        "Report {} arrived after the week of {} closed and has {} of its {} rows"
                                + " after {}: set aside, the FINAL week stands (it is counted if its"
                                + " missing rows arrive)",
                        report,
                        week(state.start),
                        p.rows(),
                        p.announced(),
                        settleTimeout);
            }
            case PENDING -> {
                // a report is never waited for again once it was not
            }
        }
    }

    /**
     * A report's rows for a window stage 2 no longer keeps: there is no week left to revise, so the
     * report is set aside as a whole, and said so once.
     */
    void tooOld(EventWindow window, FlowMetrics f) {
        Set<String> reports = new TreeSet<>();
        for (FlowRow r : f.rows()) {
            reports.add(r.report() == null ? r.source() + " (no report id)" : r.report());
        }
        for (String report : reports) {
            if (tooOldLogged.add(window.start() + "|" + report)) {
                metrics.report("set_aside");
                LOG.warn(
                        "Report {} is for the week of {}, older than any week still kept"
                                + " (signals.retention.windows): set aside, no week is revised",
                        report,
                        week(window.start()));
                if (tooOldLogged.size() > TOO_OLD_REMEMBERED) {
                    Iterator<String> oldest = tooOldLogged.iterator();
                    oldest.next();
                    oldest.remove();
                }
            }
        }
    }

    private void lateReportCounted(WindowState state, String report) {
        metrics.report("late_revision");
        ReportGate.Progress p = ReportGate.progress(state).get(report);
        LOG.warn(
                "Report {} ({} rows) arrived after the week of {} closed: it revises the FINAL week"
                        + " as a whole (LATE_DATA_REVISION)",
                report,
                p.rows(),
                week(state.start));
    }

    private static String week(long windowStart) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(windowStart), ZoneOffset.UTC).toString();
    }
}
