package dev.rotation.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.events.InputEventType;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The seed week (CoinShares report of 2026-01-26), from the module's own copy of the file. */
class SeedWeekTest {

    private static final Instant MON_19_JAN = Instant.parse("2026-01-19T00:00:00Z");
    private static final Instant SAT_24_JAN = Instant.parse("2026-01-24T00:00:00Z");

    @Test
    void loadsExactlyTheFourteenRowsOfTheReport() throws Exception {
        IngestResult result;
        try (var in =
                new InputStreamReader(
                        getClass().getResourceAsStream("/sample/coinshares-week-2026-01-26.csv"),
                        StandardCharsets.UTF_8)) {
            result = new EventFileReader().read("coinshares-week-2026-01-26.csv", in);
        }
        assertThat(result.badLines()).isEmpty();
        assertThat(result.type()).isEqualTo(InputEventType.FLOWS);
        assertThat(result.events())
                .hasSize(14)
                .allSatisfy(e -> assertThat(e).isInstanceOf(FundFlow.class));

        Map<String, FundFlow> byKey =
                result.events().stream()
                        .map(FundFlow.class::cast)
                        .collect(Collectors.toMap(InputEventType.FLOWS::key, Function.identity()));
        assertThat(byKey.keySet())
                .containsExactlyInAnyOrder(
                        "TOTAL:ALL",
                        "ASSET:BTC",
                        "ASSET:ETH",
                        "ASSET:XRP",
                        "ASSET:SOL",
                        "ASSET:BNB",
                        "ASSET:LINK",
                        "ASSET:SHORT_BTC",
                        "REGION:US",
                        "REGION:SE",
                        "REGION:NL",
                        "REGION:CH",
                        "REGION:DE",
                        "REGION:CA");

        assertThat(byKey.get("ASSET:BTC").getNetFlowUsd()).isEqualTo(-1.09e9);
        assertThat(byKey.get("ASSET:ETH").getNetFlowUsd()).isEqualTo(-6.3e8);
        assertThat(byKey.get("ASSET:SOL").getNetFlowUsd()).isEqualTo(17.1e6);
        assertThat(byKey.get("REGION:US").getNetFlowUsd()).isEqualTo(-1.8e9);
        assertThat(byKey.get("TOTAL:ALL").getNetFlowUsd()).isEqualTo(-1.73e9);
        assertThat(byKey.get("TOTAL:ALL").getBreakdown()).isEqualTo(Breakdown.TOTAL);
        assertThat(byKey.get("REGION:US").getBreakdown()).isEqualTo(Breakdown.REGION);
        assertThat(byKey.get("ASSET:SOL").getBreakdown()).isEqualTo(Breakdown.ASSET);
        assertThat(
                        result.events().stream()
                                .map(FundFlow.class::cast)
                                .filter(f -> f.getBreakdown() == Breakdown.ASSET))
                .hasSize(7);

        for (FundFlow f : byKey.values()) {
            assertThat(f.getSource()).isEqualTo("coinshares");
            assertThat(f.getReportId()).isEqualTo("coinshares-2026-01-26");
            assertThat(f.getReportDate()).isEqualTo(LocalDate.of(2026, 1, 26));
            assertThat(f.getPeriodStart()).isEqualTo(MON_19_JAN);
            // period_end 2026-01-23 is inclusive: the exclusive end is the next midnight
            assertThat(f.getPeriodEnd()).isEqualTo(SAT_24_JAN);
            assertThat(f.getAumUsd()).isNull();
            // every row announces the report's size, so the processor waits for all 14
            assertThat(f.getReportRows()).isEqualTo(14);
            assertThat(Instant.ofEpochMilli(InputEventType.FLOWS.eventTime(f)))
                    .isEqualTo(Instant.parse("2026-01-23T23:59:59.999Z"));
        }
        assertThat(byKey.values().stream().map(FundFlow::getEventId).distinct()).hasSize(14);
    }
}
