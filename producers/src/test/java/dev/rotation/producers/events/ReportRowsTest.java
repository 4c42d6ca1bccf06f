package dev.rotation.producers.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.PriceBar;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class ReportRowsTest {
    private static final Instant MON = Instant.parse("2026-01-19T00:00:00Z");
    private static final Instant SAT = Instant.parse("2026-01-24T00:00:00Z");

    private static FundFlow row(String reportId, String key, Integer announced) {
        return FundFlow.newBuilder()
                .setEventId(
                        EventIds.fundFlow("coinshares", reportId, Breakdown.ASSET, key, MON, SAT))
                .setSource("coinshares")
                .setReportId(reportId)
                .setPeriodStart(MON)
                .setPeriodEnd(SAT)
                .setBreakdown(Breakdown.ASSET)
                .setKey(key)
                .setNetFlowUsd(-1)
                .setReportRows(announced)
                .build();
    }

    private static List<Integer> counts(List<SpecificRecord> events) {
        return events.stream()
                .filter(FundFlow.class::isInstance)
                .map(e -> ((FundFlow) e).getReportRows())
                .toList();
    }

    @Test
    void rowsOfOneReportAreCountedTogetherAndOtherEventsPassUnchanged() {
        PriceBar bar =
                PriceBar.newBuilder()
                        .setEventId("p")
                        .setSource("s")
                        .setInstrument("BTC-USD")
                        .setIntervalStart(MON)
                        .setIntervalEnd(SAT)
                        .setOpen(1)
                        .setHigh(1)
                        .setLow(1)
                        .setClose(1)
                        .build();
        FundFlow noReport = row("x", "SOL", null);
        noReport.setReportId(null);
        List<SpecificRecord> in =
                List.of(
                        row("r1", "BTC", null),
                        bar,
                        row("r1", "ETH", null),
                        row("r2", "BTC", null),
                        noReport);

        List<SpecificRecord> out = ReportRows.stamp(in);

        assertThat(out).hasSize(5).element(1).isSameAs(bar);
        assertThat(counts(out)).containsExactly(2, 2, 1, null);
        assertThat(((FundFlow) in.get(0)).getReportRows()).as("inputs are not changed").isNull();
    }

    @Test
    void anAnnouncedCountIsNeverLowered() {
        List<SpecificRecord> out =
                ReportRows.stamp(List.of(row("r1", "BTC", 14), row("r1", "ETH", null)));
        assertThat(counts(out)).containsExactly(14, 2);
        // rows of one report from two files, each counted on its own, are counted together
        out = ReportRows.stamp(List.of(row("r1", "BTC", 1), row("r1", "ETH", 1)));
        assertThat(counts(out)).containsExactly(2, 2);
    }
}
