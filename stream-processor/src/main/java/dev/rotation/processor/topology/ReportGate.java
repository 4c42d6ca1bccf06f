package dev.rotation.processor.topology;

import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.FlowRow;
import dev.rotation.processor.analytics.FlowSources;
import dev.rotation.processor.analytics.IncompleteReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which reports' rows a window's rules may see (stage 2). A report is the rows of one source and
 * report id; a row is one (breakdown, key, period) of it, counted once however often it is
 * published or revised. A report that announces its row count ({@code FundFlow.reportRows}) is
 * counted in the window only when every announced row has arrived, or once its settle timeout has
 * passed:
 *
 * <ul>
 *   <li>{@link Status#COUNTED}: complete; or announcing no count and on time (each row counts on
 *       arrival, as it always has); or announcing no count, late, and settled.
 *   <li>{@link Status#PENDING}: rows still expected. Its rows are left out of the snapshot and the
 *       window does not close.
 *   <li>{@link Status#INCOMPLETE}: on time, settled with rows missing. Counted as it stands; the
 *       window's flow-based signals carry {@code REPORT_INCOMPLETE}.
 *   <li>{@link Status#SET_ASIDE}: arrived after the window closed and settled with rows missing.
 *       Not counted: a FINAL week is revised only by a whole report. Counted if its missing rows
 *       arrive after all.
 * </ul>
 *
 * A report is late when its first row reaches the window after the window closed; every later row
 * of it shares that decision, whichever partition it came through. Plain class, no Kafka.
 */
final class ReportGate {

    /** How a report counts in a window. */
    enum Status {
        COUNTED,
        PENDING,
        INCOMPLETE,
        SET_ASIDE
    }

    /**
     * A report's rows in a window.
     *
     * @param announced the largest count its rows announce, or null when none does
     * @param rows distinct rows of it in the window
     */
    record Progress(Integer announced, int rows) {
        boolean complete() {
            return announced != null && rows >= announced;
        }
    }

    private ReportGate() {}

    /** The progress of every report with rows in the window, by {@code source/reportId}. */
    static Map<String, Progress> progress(WindowState s) {
        Map<String, Integer> announced = new TreeMap<>();
        Map<String, Set<String>> rows = new TreeMap<>();
        for (FlowMetrics f : s.flows.values()) {
            for (FlowRow r : f.rows()) {
                String report = r.report();
                if (report == null) {
                    continue;
                }
                rows.computeIfAbsent(report, k -> new HashSet<>()).add(r.identity());
                if (r.reportRows() != null) {
                    announced.merge(report, r.reportRows(), Math::max);
                }
            }
        }
        Map<String, Progress> out = new TreeMap<>();
        rows.forEach(
                (report, ids) -> out.put(report, new Progress(announced.get(report), ids.size())));
        return out;
    }

    /**
     * Registers the reports first seen in the window, marks complete ones as no longer waited for,
     * and returns every report's status. A report first seen in a closed window is late.
     *
     * @param wait false when reports are never waited for (a settle timeout of zero): an incomplete
     *     report then counts at once, with REPORT_INCOMPLETE, or is set aside if late
     * @param registered receives the reports registered by this call
     */
    static Map<String, Status> refresh(WindowState s, boolean wait, Collection<String> registered) {
        Map<String, Progress> progress = progress(s);
        Map<String, Status> out = new TreeMap<>();
        progress.forEach(
                (report, p) -> {
                    WindowState.ReportHold hold = s.reports.get(report);
                    if (hold == null) {
                        boolean waits = wait && (s.closed || p.announced() != null);
                        hold = new WindowState.ReportHold(s.closed, waits);
                        s.reports.put(report, hold);
                        registered.add(report);
                    }
                    if (p.complete()) {
                        hold.waiting = false;
                    }
                    out.put(report, status(hold, p));
                });
        return out;
    }

    /** Every report's status, without changing anything. */
    static Map<String, Status> statuses(WindowState s) {
        Map<String, Status> out = new TreeMap<>();
        progress(s)
                .forEach(
                        (report, p) -> {
                            WindowState.ReportHold hold = s.reports.get(report);
                            out.put(
                                    report,
                                    hold == null
                                            ? Status.PENDING // not registered yet
                                            : status(hold, p));
                        });
        return out;
    }

    static Status status(WindowState.ReportHold hold, Progress p) {
        if (p.complete()) {
            return Status.COUNTED;
        }
        if (hold.waiting) {
            return Status.PENDING;
        }
        if (p.announced() == null) {
            return Status.COUNTED;
        }
        return hold.late ? Status.SET_ASIDE : Status.INCOMPLETE;
    }

    /** Whether the window waits for a report: its rules must not see it yet, nor may it close. */
    static boolean waits(Map<String, Status> statuses) {
        return statuses.containsValue(Status.PENDING);
    }

    /**
     * The window's flows as its rules may see them: rows of reports not counted left out; the
     * configured sources choose each key's headline figure among the rows kept.
     */
    static List<FlowMetrics> countedFlows(
            WindowState s, Map<String, Status> statuses, FlowSources sources) {
        List<FlowMetrics> out = new ArrayList<>(s.flows.size());
        for (FlowMetrics f : s.flows.values()) {
            FlowMetrics counted = f.admitting(r -> counts(r, statuses), sources);
            if (counted != null) {
                out.add(counted);
            }
        }
        return out;
    }

    private static boolean counts(FlowRow r, Map<String, Status> statuses) {
        String report = r.report();
        if (report == null) {
            return true;
        }
        Status st = statuses.get(report);
        return st == Status.COUNTED || st == Status.INCOMPLETE;
    }

    /** The reports counted with rows missing. */
    static List<IncompleteReport> incomplete(WindowState s, Map<String, Status> statuses) {
        List<IncompleteReport> out = new ArrayList<>();
        Map<String, Progress> progress = progress(s);
        statuses.forEach(
                (report, st) -> {
                    if (st == Status.INCOMPLETE) {
                        Progress p = progress.get(report);
                        out.add(new IncompleteReport(report, p.rows(), p.announced()));
                    }
                });
        return out;
    }
}
