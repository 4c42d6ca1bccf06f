package dev.rotation.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.labels.BreakdownKeys;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports typed as their publishers print them: labels, conflicting rows, quoting. */
class PublishedReportReaderTest {

    private static final String HEADER =
            "report_id,report_date,period_start,period_end,breakdown,key,net_flow_usd\n";
    private static final String ROW = "coinshares-2026-01-26,2026-01-26,2026-01-19,2026-01-23,";

    private static IngestResult read(String content) throws IOException {
        return new EventFileReader().read("report.csv", new StringReader(content));
    }

    @Test
    void aCoinSharesReportTypedAsPublishedIsReadWithTickersAndRegionCodes() throws IOException {
        IngestResult r =
                read(
                        HEADER
                                + ROW
                                + "TOTAL,ALL,-1730000000\n"
                                + ROW
                                + "ASSET,Bitcoin,-1090000000\n"
                                + ROW
                                + "ASSET,Short Bitcoin,500000\n"
                                + ROW
                                + "ASSET,Multi-asset,-2000000\n"
                                + ROW
                                + "ASSET,Other,1000000\n"
                                + ROW
                                + "REGION,United States,-1800000000\n"
                                + ROW
                                + "REGION,Germany,19100000\n");
        assertThat(r.badLines()).isEmpty();
        assertThat(r.events())
                .extracting(e -> ((FundFlow) e).getBreakdown() + ":" + ((FundFlow) e).getKey())
                .containsExactly(
                        "TOTAL:ALL",
                        "ASSET:BTC",
                        "ASSET:SHORT_BTC",
                        "ASSET:MULTI",
                        "ASSET:OTHER",
                        "REGION:US",
                        "REGION:DE");
        assertThat(r.resolvedLabels())
                .extracting(IngestResult.ResolvedLabel::describe)
                .containsExactly(
                        "'Bitcoin' as BTC (1 row)",
                        "'Short Bitcoin' as SHORT_BTC (1 row)",
                        "'Multi-asset' as MULTI (1 row)",
                        "'Other' as OTHER (1 row)",
                        "'United States' as US (1 row)",
                        "'Germany' as DE (1 row)");
    }

    @Test
    void aLabelTheConfigurationDoesNotKnowIsABadLineNamingTheKeyToSet() throws IOException {
        IngestResult r =
                read(
                        HEADER
                                + ROW
                                + "ASSET,Bitcoin Cash,-5000000\n"
                                + ROW
                                + "REGION,Atlantis,-5000000\n");
        assertThat(r.events()).isEmpty();
        assertThat(r.badLines())
                .extracting(BadLine::line, BadLine::reason)
                .containsExactly(tuple(2L, "UNKNOWN_ASSET"), tuple(3L, "UNKNOWN_REGION"));
        assertThat(r.badLines().get(0).message())
                .startsWith("asset 'Bitcoin Cash' is not in assets.known")
                .contains("asset.aliases.<TICKER>");
    }

    @Test
    void aliasesComeFromTheProcessorsConfigurationFile(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("processor.properties");
        Files.writeString(config, "asset.aliases.BTC=Bitcoin,Bitcoin Cash Is Not This\n");
        BreakdownKeys keys = BreakdownKeys.load(config, Map.of("RD_REGION_ALIASES_US", "Amerika"));
        IngestResult r =
                new EventFileReader(new EventFileReader.Options(null, null, keys))
                        .read(
                                "r.csv",
                                new StringReader(
                                        HEADER
                                                + ROW
                                                + "ASSET,bitcoin cash is not this,-1\n"
                                                + ROW
                                                + "REGION,Amerika,-1\n"));
        assertThat(r.events())
                .extracting(e -> ((FundFlow) e).getKey())
                .containsExactly("BTC", "US");
        assertThat(keys.resolve(Breakdown.REGION, "Germany").key()).isEqualTo("DE");
    }

    @Test
    void negativeZeroIsReadAsZeroSoItIsTheSameFigureNotARevision() throws IOException {
        IngestResult r =
                read(
                        HEADER
                                + ROW
                                + "ASSET,LINK,-0\n"
                                + ROW
                                + "ASSET,LINK,0\n"
                                + ROW
                                + "ASSET,BNB,-0.00\n");

        assertThat(r.badLines()).isEmpty();
        assertThat(r.events())
                .extracting(e -> Double.doubleToRawLongBits(((FundFlow) e).getNetFlowUsd()))
                .containsOnly(Double.doubleToRawLongBits(0.0));
    }

    @Test
    void twoConflictingRowsForOneKeyAreRefusedWithBothLineNumbers() throws IOException {
        IngestResult r =
                read(
                        HEADER
                                + ROW
                                + "TOTAL,ALL,-1730000000\n"
                                + ROW
                                + "ASSET,BTC,-1090000000\n"
                                + ROW
                                + "ASSET,ETH,-630000000\n"
                                + ROW
                                + "ASSET,Bitcoin,-1200000000\n"
                                + ROW
                                + "ASSET,ETH,-630000000\n");
        assertThat(r.badLines())
                .extracting(BadLine::line, BadLine::reason)
                .containsExactly(tuple(3L, "CONFLICTING_ROWS"), tuple(5L, "CONFLICTING_ROWS"));
        assertThat(r.badLines().get(0).describe())
                .startsWith("report.csv:3: CONFLICTING_ROWS this row and line 5 give different");
        assertThat(r.badLines().get(1).message()).startsWith("this row and line 3 give different");
        // the identical ETH row is the same row twice, not a conflict
        assertThat(r.events())
                .extracting(e -> ((FundFlow) e).getKey())
                .containsExactly("ALL", "ETH", "ETH");
    }

    @Test
    void quotedCellsMaySpanLinesAndAnOpenQuoteStopsTheReadingWithItsLine() throws IOException {
        IngestResult r =
                read(
                        "date,metal,spot_usd_per_oz,note\n"
                                + "2026-01-22,XAG,96.1,\"a note, with a comma\n and a second line\"\n"
                                + "2026-01-23,XAG,100.94,plain\n"
                                + "2026-01-26,XAG,105.0,\"never closed\n"
                                + "2026-01-27,XAG,106.0,lost\n");
        assertThat(r.events()).hasSize(2);
        assertThat(r.badLines())
                .singleElement()
                .satisfies(
                        b -> {
                            assertThat(b.line()).isEqualTo(5);
                            assertThat(b.reason()).isEqualTo("COLUMN_COUNT");
                            assertThat(b.message()).contains("lines 5 to");
                        });
    }
}
