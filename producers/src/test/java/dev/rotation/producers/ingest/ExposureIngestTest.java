package dev.rotation.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.ExposureKind;
import dev.rotation.model.HolderType;
import dev.rotation.model.InstitutionalExposure;
import dev.rotation.model.events.InputEventType;
import dev.rotation.producers.sample.SampleData;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Institutional positions read from CSV and JSON Lines by the real reader, and the bundled two. */
class ExposureIngestTest {

    private static IngestResult read(String text) throws IOException {
        return new EventFileReader().read("positions", new StringReader(text));
    }

    @Test
    void aCsvRowBecomesAPositionAsOfTheEndOfItsDate() throws IOException {
        IngestResult r =
                read(
                        "holder,holder_type,instrument,exposure,underlying,units,cost_basis_usd,leverage,as_of,source\n"
                                + "Fund A,sovereign fund,ETH-USD,direct,eth,10000,3250,2,2026-01-23,filing\n");
        assertThat(r.badLines()).isEmpty();
        InstitutionalExposure e = (InstitutionalExposure) r.events().get(0);
        assertThat(e.getHolderType()).isEqualTo(HolderType.SOVEREIGN_FUND);
        assertThat(e.getExposure()).isEqualTo(ExposureKind.DIRECT);
        assertThat(e.getUnderlying()).isEqualTo("ETH");
        assertThat(e.getUnits()).isEqualTo(10_000);
        assertThat(e.getPositionUsd()).isNull();
        assertThat(e.getLeverage()).isEqualTo(2.0);
        assertThat(e.getAsOf()).isEqualTo(Instant.parse("2026-01-24T00:00:00Z"));
        assertThat(InputEventType.EXPOSURES.key(e)).isEqualTo("Fund A|ETH-USD");
    }

    @Test
    void jsonLinesUseTheSameFieldNamesAndAnInstantIsTakenAsIs() throws IOException {
        IngestResult r =
                read(
                        "{\"holder\":\"Bank B\",\"holder_type\":\"BANK\",\"instrument\":\"MSTR\",\"exposure\":\"INDIRECT\","
                                + "\"underlying\":\"BTC\",\"position_usd\":96600000,\"as_of\":\"2026-01-23T21:00:00Z\"}\n");
        assertThat(r.badLines()).isEmpty();
        InstitutionalExposure e = (InstitutionalExposure) r.events().get(0);
        assertThat(e.getExposure()).isEqualTo(ExposureKind.INDIRECT);
        assertThat(e.getPositionUsd()).isEqualTo(96.6e6);
        assertThat(e.getSource()).isEqualTo(EventFileReader.UNSPECIFIED_SOURCE);
        assertThat(e.getAsOf()).isEqualTo(Instant.parse("2026-01-23T21:00:00Z"));
    }

    @Test
    void badRowsAreNamedWithTheirLineAndReason() throws IOException {
        IngestResult r =
                read(
                        "holder,holder_type,instrument,exposure,underlying,units,position_usd,leverage,as_of\n"
                                + "A,pension,ETH-USD,DIRECT,ETH,1,,,2026-01-23\n"
                                + "B,BANK,ETH-USD,DIRECT,ETH,,,,2026-01-23\n"
                                + "C,BANK,ETH-USD,DIRECT,ETH,1,,0.5,2026-01-23\n"
                                + "D,BANK,ETH-USD,DIRECT,ETH,1x,,,2026-01-23\n"
                                + "E,BANK,ETH-USD,DIRECT,ETH,1,,,23/01/2026\n");
        assertThat(r.events()).isEmpty();
        assertThat(r.badLines())
                .extracting(BadLine::line, BadLine::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, "UNKNOWN_EXPOSURE_KIND"),
                        org.assertj.core.groups.Tuple.tuple(3L, "MISSING_POSITION_SIZE"),
                        org.assertj.core.groups.Tuple.tuple(4L, "BAD_LEVERAGE"),
                        org.assertj.core.groups.Tuple.tuple(5L, "BAD_NUMBER"),
                        org.assertj.core.groups.Tuple.tuple(6L, "BAD_DATE"));
    }

    @Test
    void theSampleHoldsTheSeedsTwoHoldings() {
        List<InstitutionalExposure> positions =
                SampleData.load().stream()
                        .filter(InstitutionalExposure.class::isInstance)
                        .map(InstitutionalExposure.class::cast)
                        .toList();
        assertThat(positions)
                .extracting(InstitutionalExposure::getHolder)
                .containsExactlyInAnyOrder("Mitsui Sumitomo Trust Bank", "Bhutan sovereign fund");
        InstitutionalExposure bank =
                positions.stream()
                        .filter(p -> p.getInstrument().equals("MSTR"))
                        .findFirst()
                        .orElseThrow();
        assertThat(bank.getExposure()).isEqualTo(ExposureKind.INDIRECT);
        assertThat(bank.getUnderlying()).isEqualTo("BTC");
        assertThat(bank.getPositionUsd()).isEqualTo(96.6e6);
        InstitutionalExposure fund =
                positions.stream()
                        .filter(p -> p.getInstrument().equals("ETH-USD"))
                        .findFirst()
                        .orElseThrow();
        assertThat(fund.getSource())
                .as("its size, entry and leverage are made up")
                .isEqualTo("illustrative");
        assertThat(fund.getLeverage()).isGreaterThan(1);
    }
}
