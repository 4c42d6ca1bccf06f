package dev.rotation.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.FlowAccumulator;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.FlowSources;
import dev.rotation.processor.analytics.IncompleteReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which reports a window's rules may see, as a plain function of its rows and holds. */
class ReportGateTest {
    private static final EventWindow WEEK =
            new EventWindow(Time.day("2026-01-19"), Time.day("2026-01-26"));

    /** A window holding the given rows of report r1 (source s), each its own subject. */
    private static WindowState window(boolean closed, Integer announced, String... keys) {
        WindowState s = new WindowState(WEEK);
        s.closed = closed;
        for (String key : keys) {
            add(s, "s", "r1", announced, key, -1);
        }
        return s;
    }

    private static void add(
            WindowState s, String source, String report, Integer announced, String key, double v) {
        FlowMetrics before = s.flows.get("ASSET:" + key);
        FlowAccumulator acc = new FlowAccumulator();
        if (before != null) {
            before.rows()
                    .forEach(
                            r ->
                                    acc.add(
                                            r.identity(),
                                            r.source(),
                                            r.reportId(),
                                            r.reportRows(),
                                            "ASSET",
                                            key,
                                            r.netFlowUsd(),
                                            0));
        }
        acc.add(
                FlowAccumulator.identity(source, report, "ASSET", key, 0, 1),
                source,
                report,
                announced,
                "ASSET",
                key,
                v,
                0);
        s.flows.put("ASSET:" + key, acc.toMetrics());
    }

    private static Map<String, ReportGate.Status> refresh(WindowState s, boolean wait) {
        return ReportGate.refresh(s, wait, new ArrayList<>());
    }

    @Test
    void aReportIsWaitedForUntilEveryAnnouncedRowHasArrived() {
        WindowState s = window(false, 3, "BTC", "ETH");
        assertThat(refresh(s, true)).containsExactly(Map.entry("s/r1", ReportGate.Status.PENDING));
        assertThat(ReportGate.countedFlows(s, ReportGate.statuses(s), FlowSources.defaults()))
                .isEmpty();

        add(s, "s", "r1", 3, "SOL", 1);
        assertThat(refresh(s, true)).containsExactly(Map.entry("s/r1", ReportGate.Status.COUNTED));
        assertThat(s.reports.get("s/r1").waiting).isFalse();
        assertThat(ReportGate.countedFlows(s, ReportGate.statuses(s), FlowSources.defaults()))
                .hasSize(3);
    }

    @Test
    void settledWithRowsMissingItCountsOnTimeAndIsSetAsideLate() {
        WindowState onTime = window(false, 3, "BTC", "ETH");
        refresh(onTime, true);
        onTime.reports.get("s/r1").waiting = false; // its settle timeout passed
        Map<String, ReportGate.Status> st = ReportGate.statuses(onTime);
        assertThat(st).containsExactly(Map.entry("s/r1", ReportGate.Status.INCOMPLETE));
        assertThat(ReportGate.countedFlows(onTime, st, FlowSources.defaults())).hasSize(2);
        assertThat(ReportGate.incomplete(onTime, st))
                .containsExactly(new IncompleteReport("s/r1", 2, 3));

        WindowState late = window(true, 3, "BTC", "ETH");
        refresh(late, true);
        assertThat(late.reports.get("s/r1").late).isTrue();
        late.reports.get("s/r1").waiting = false;
        st = ReportGate.statuses(late);
        assertThat(st).containsExactly(Map.entry("s/r1", ReportGate.Status.SET_ASIDE));
        assertThat(ReportGate.countedFlows(late, st, FlowSources.defaults())).isEmpty();
    }

    @Test
    void aReportWithoutACountCountsOnArrivalUnlessLate() {
        WindowState onTime = window(false, null, "BTC");
        assertThat(refresh(onTime, true))
                .containsExactly(Map.entry("s/r1", ReportGate.Status.COUNTED));

        WindowState late = window(true, null, "BTC");
        assertThat(refresh(late, true))
                .containsExactly(Map.entry("s/r1", ReportGate.Status.PENDING));
        late.reports.get("s/r1").waiting = false;
        assertThat(ReportGate.statuses(late))
                .containsExactly(Map.entry("s/r1", ReportGate.Status.COUNTED));
    }

    @Test
    void onlyTheWaitedForReportsRowsAreLeftOutOfASubject() {
        WindowState s = window(false, null, "BTC"); // s/r1 without a count: counts
        add(s, "t", "r2", 2, "BTC", -3); // another source's report, 1 of 2 rows
        Map<String, ReportGate.Status> st = refresh(s, true);
        assertThat(st)
                .containsEntry("s/r1", ReportGate.Status.COUNTED)
                .containsEntry("t/r2", ReportGate.Status.PENDING);
        List<FlowMetrics> counted = ReportGate.countedFlows(s, st, FlowSources.defaults());
        assertThat(counted)
                .singleElement()
                .satisfies(f -> assertThat(f.netFlowUsd()).isEqualTo(-1));
        // a row with no report id always counts
        add(s, "u", null, null, "ETH", -5);
        assertThat(ReportGate.countedFlows(s, refresh(s, true), FlowSources.defaults())).hasSize(2);
    }

    @Test
    void withoutWaitingAPartialReportCountsAtOnce() {
        WindowState s = window(false, 3, "BTC");
        assertThat(refresh(s, false))
                .containsExactly(Map.entry("s/r1", ReportGate.Status.INCOMPLETE));
    }
}
