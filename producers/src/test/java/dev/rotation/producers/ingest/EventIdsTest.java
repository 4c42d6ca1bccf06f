package dev.rotation.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Metal;
import dev.rotation.producers.events.EventIds;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    private static final Instant MON = Instant.parse("2026-01-19T00:00:00Z");
    private static final Instant SAT = Instant.parse("2026-01-24T00:00:00Z");

    @Test
    void sameIdentitySameId() {
        String a =
                EventIds.fundFlow(
                        "coinshares", "coinshares-2026-01-26", Breakdown.ASSET, "BTC", MON, SAT);
        String b =
                EventIds.fundFlow(
                        "coinshares", "coinshares-2026-01-26", Breakdown.ASSET, "BTC", MON, SAT);
        assertThat(a).isEqualTo(b);
        assertThat(UUID.fromString(a).version()).isEqualTo(5);
    }

    @Test
    void anyIdentityFieldChangesTheId() {
        String base = EventIds.fundFlow("coinshares", "r", Breakdown.ASSET, "BTC", MON, SAT);
        assertThat(
                        EventIds.fundFlow(
                                "coinshares",
                                "r",
                                Breakdown.ASSET,
                                "BTC",
                                MON,
                                SAT.plusSeconds(86_400)))
                .isNotEqualTo(base);
        assertThat(
                        EventIds.fundFlow(
                                "coinshares",
                                "r",
                                Breakdown.ASSET,
                                "BTC",
                                MON.minusSeconds(86_400),
                                SAT))
                .isNotEqualTo(base);
        assertThat(EventIds.fundFlow("farside", "r", Breakdown.ASSET, "BTC", MON, SAT))
                .isNotEqualTo(base);
        assertThat(EventIds.fundFlow("coinshares", "r2", Breakdown.ASSET, "BTC", MON, SAT))
                .isNotEqualTo(base);
        assertThat(EventIds.fundFlow("coinshares", "r", Breakdown.REGION, "BTC", MON, SAT))
                .isNotEqualTo(base);
        assertThat(EventIds.priceBar("s", "BTC-USD", MON, SAT))
                .isNotEqualTo(EventIds.volumeBar("s", "BTC-USD", MON, SAT));
        assertThat(EventIds.metalQuote("news", Metal.XAG, MON, SAT))
                .isNotEqualTo(EventIds.metalQuote("news", Metal.XAU, MON, SAT));
    }

    @Test
    void valuesAreNotPartOfTheIdentity() throws Exception {
        String header =
                "report_id,report_date,period_start,period_end,breakdown,key,net_flow_usd\n";
        FundFlow first =
                (FundFlow)
                        new EventFileReader()
                                .read(
                                        "a.csv",
                                        new StringReader(
                                                header
                                                        + "coinshares-2026-01-26,2026-01-26,2026-01-19,2026-01-23,ASSET,BTC,-1090000000\n"))
                                .events()
                                .get(0);
        FundFlow revised =
                (FundFlow)
                        new EventFileReader()
                                .read(
                                        "b.csv",
                                        new StringReader(
                                                header
                                                        + "coinshares-2026-01-26,2026-01-26,2026-01-19,2026-01-23,ASSET,BTC,-1100000000\n"))
                                .events()
                                .get(0);
        assertThat(revised.getEventId()).isEqualTo(first.getEventId());
        assertThat(first.getEventId())
                .isEqualTo(
                        EventIds.fundFlow(
                                "coinshares",
                                "coinshares-2026-01-26",
                                Breakdown.ASSET,
                                "BTC",
                                MON,
                                SAT));
    }
}
