package dev.rotation.producers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** What produce file says about rows of one source whose periods overlap. */
class PublishPlanTest {
    private static FundFlow btc(String reportId, String from, String to, double usd) {
        Instant start = LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = LocalDate.parse(to).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return FundFlow.newBuilder()
                .setEventId(reportId + "|" + from)
                .setSource("coinshares")
                .setReportId(reportId)
                .setPeriodStart(start)
                .setPeriodEnd(end)
                .setBreakdown(Breakdown.ASSET)
                .setKey("BTC")
                .setNetFlowUsd(usd)
                .build();
    }

    @Test
    void partialDailyRowsUnderAWeeklyRowAreEachNamedAsLeftOutWhateverTheOrder() {
        FundFlow week = btc("coinshares-w4", "2026-01-19", "2026-01-23", -1.48e9);
        FundFlow monday = btc("coinshares-d1", "2026-01-19", "2026-01-19", -10e6);
        FundFlow tuesday = btc("coinshares-d2", "2026-01-20", "2026-01-20", -12e6);

        for (List<SpecificRecord> events :
                List.<List<SpecificRecord>>of(
                        List.of(week, monday, tuesday), List.of(tuesday, monday, week))) {
            assertThat(PublishPlan.overlappingPeriods(events))
                    .containsExactlyInAnyOrder(
                            "Overlapping periods: coinshares ASSET:BTC of coinshares-d1 for"
                                    + " 2026-01-19 to 2026-01-19 is left out: it covers only part"
                                    + " of the row of coinshares-w4 for 2026-01-19 to 2026-01-23,"
                                    + " and the processor counts that row instead"
                                    + " (OVERLAPPING_PERIODS, see docs/signals.md)",
                            "Overlapping periods: coinshares ASSET:BTC of coinshares-d2 for"
                                    + " 2026-01-20 to 2026-01-20 is left out: it covers only part"
                                    + " of the row of coinshares-w4 for 2026-01-19 to 2026-01-23,"
                                    + " and the processor counts that row instead"
                                    + " (OVERLAPPING_PERIODS, see docs/signals.md)");
        }
    }

    @Test
    void dailyRowsCoveringTheWeekReplaceTheWeeklyRow() {
        List<SpecificRecord> events =
                List.of(
                        btc("coinshares-w4", "2026-01-19", "2026-01-23", -1.09e9),
                        btc("d", "2026-01-19", "2026-01-19", -218e6),
                        btc("d", "2026-01-20", "2026-01-20", -218e6),
                        btc("d", "2026-01-21", "2026-01-21", -218e6),
                        btc("d", "2026-01-22", "2026-01-22", -218e6),
                        btc("d", "2026-01-23", "2026-01-23", -218e6));

        assertThat(PublishPlan.overlappingPeriods(events))
                .containsExactly(
                        "Overlapping periods: coinshares ASSET:BTC of coinshares-w4 for 2026-01-19"
                                + " to 2026-01-23 is left out: 5 rows of the same source for"
                                + " shorter periods cover its whole period, and the processor"
                                + " counts them instead (OVERLAPPING_PERIODS, see"
                                + " docs/signals.md)");
    }
}
