package dev.rotation.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rotation.model.FundFlow;
import dev.rotation.model.Metal;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import dev.rotation.model.events.InputEventType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileReaderTest {

    private static final String FLOW_HEADER =
            "report_id,report_date,period_start,period_end,breakdown,key,net_flow_usd";
    private static final String PRICE_HEADER =
            "instrument,interval_start,interval_end,open,high,low,close";

    private static IngestResult read(String name, String content) throws IOException {
        return new EventFileReader().read(name, new StringReader(content));
    }

    private static IngestResult read(EventFileReader.Options options, String name, String content)
            throws IOException {
        return new EventFileReader(options).read(name, new StringReader(content));
    }

    @Test
    void priceBarsCsvAndJsonLinesGiveTheSameEvent() throws IOException {
        IngestResult csv =
                read(
                        "p.csv",
                        PRICE_HEADER
                                + ",source\n"
                                + "BTC-USD,2026-01-19T00:00:00Z,2026-01-20T00:00:00Z,95166,95200,92000,92939,exchange:kraken\n");
        IngestResult jsonl =
                read(
                        "p.jsonl",
                        "{\"instrument\":\"BTC-USD\",\"interval_start\":\"2026-01-19T00:00:00Z\","
                                + "\"interval_end\":\"2026-01-20T00:00:00Z\",\"open\":95166,\"high\":95200,\"low\":92000,\"close\":92939,"
                                + "\"source\":\"exchange:kraken\"}\n");
        assertThat(csv.badLines()).isEmpty();
        assertThat(jsonl.badLines()).isEmpty();
        assertThat(csv.layout()).isEqualTo(InputLayout.PRICE_BARS);
        assertThat(jsonl.events()).isEqualTo(csv.events());
        PriceBar bar = (PriceBar) csv.events().get(0);
        assertThat(bar.getClose()).isEqualTo(92939.0);
        assertThat(InputEventType.PRICES.key(bar)).isEqualTo("BTC-USD");
        assertThat(InputEventType.PRICES.eventTime(bar))
                .isEqualTo(Instant.parse("2026-01-20T00:00:00Z").toEpochMilli() - 1);
    }

    @Test
    void volumeBarsAndMetalQuotes() throws IOException {
        IngestResult volumes =
                read(
                        "v.csv",
                        "instrument,interval_start,interval_end,volume_base,volume_usd\n"
                                + "ETH-USD,2026-01-19T00:00:00Z,2026-01-20T00:00:00Z,1000.5,\n");
        assertThat(volumes.badLines()).isEmpty();
        VolumeBar v = (VolumeBar) volumes.events().get(0);
        assertThat(v.getVolumeBase()).isEqualTo(1000.5);
        assertThat(v.getVolumeUsd()).isNull();
        assertThat(v.getSource()).isEqualTo(EventFileReader.UNSPECIFIED_SOURCE);

        IngestResult metals =
                read(
                        "m.jsonl",
                        "{\"metal\":\"xag\",\"interval_start\":\"2026-01-23T00:00:00Z\","
                                + "\"interval_end\":\"2026-01-24T00:00:00Z\",\"spot_usd_per_oz\":100.94,\"high\":101.5,\"low\":97,"
                                + "\"volume_oz\":null,\"product_flow_usd\":25000000,\"source\":\"lbma\"}\n");
        assertThat(metals.badLines()).isEmpty();
        MetalQuote m = (MetalQuote) metals.events().get(0);
        assertThat(m.getMetal()).isEqualTo(Metal.XAG);
        assertThat(m.getHighUsdPerOz()).isEqualTo(101.5);
        assertThat(m.getVolumeOz()).isNull();
        assertThat(m.getProductFlowUsd()).isEqualTo(25e6);
        assertThat(InputEventType.METALS.key(m)).isEqualTo("XAG");
    }

    @Test
    void wideDailySnapshotsBecomeBarsFromThePreviousSnapshot() throws IOException {
        // the real file has stray carriage returns inside its cells
        IngestResult r =
                read(
                        "crypto-prices-daily.csv",
                        "date,snapshot_utc,BTC,ETH\n"
                                + "2026-01-18,2026-01-18T09:28:14+00:00,95166\r,3318.04\r\n"
                                + "2026-01-19,2026-01-19T09:43:08+00:00,92939\r,\r\n"
                                + "2026-01-20,2026-01-20T09:40:14+00:00,90862,3090.03\n");
        assertThat(r.badLines()).isEmpty();
        assertThat(r.layout()).isEqualTo(InputLayout.PRICE_SNAPSHOTS_WIDE);
        List<PriceBar> btc =
                r.events().stream()
                        .map(PriceBar.class::cast)
                        .filter(b -> b.getInstrument().equals("BTC-USD"))
                        .toList();
        List<PriceBar> eth =
                r.events().stream()
                        .map(PriceBar.class::cast)
                        .filter(b -> b.getInstrument().equals("ETH-USD"))
                        .toList();
        assertThat(btc).hasSize(3);
        assertThat(eth).hasSize(2);
        PriceBar first = btc.get(0);
        assertThat(first.getIntervalStart()).isEqualTo(Instant.parse("2026-01-17T09:28:14Z"));
        assertThat(first.getOpen()).isEqualTo(95166.0);
        PriceBar second = btc.get(1);
        assertThat(second.getIntervalStart()).isEqualTo(Instant.parse("2026-01-18T09:28:14Z"));
        assertThat(second.getIntervalEnd()).isEqualTo(Instant.parse("2026-01-19T09:43:08Z"));
        assertThat(second.getOpen()).isEqualTo(95166.0);
        assertThat(second.getClose()).isEqualTo(92939.0);
        assertThat(second.getHigh()).isEqualTo(95166.0);
        assertThat(second.getLow()).isEqualTo(92939.0);
        // ETH skipped a day: its next bar spans both
        assertThat(eth.get(1).getIntervalStart()).isEqualTo(Instant.parse("2026-01-18T09:28:14Z"));
        assertThat(eth.get(1).getOpen()).isEqualTo(3318.04);
        assertThat(eth.get(0).getSource()).isEqualTo(EventFileReader.SNAPSHOT_SOURCE);
    }

    @Test
    void metalPointsCoverOneUtcDay() throws IOException {
        IngestResult r =
                read(
                        "metals.csv",
                        "date,metal,spot_usd_per_oz,note\n"
                                + "2026-01-23,XAG,100.94,spot (news reports)\n"
                                + "2026-01-30,XAU,4883.62,\"after -9.5% day, news\"\n");
        assertThat(r.badLines()).isEmpty();
        MetalQuote q = (MetalQuote) r.events().get(0);
        assertThat(q.getIntervalStart()).isEqualTo(Instant.parse("2026-01-23T00:00:00Z"));
        assertThat(q.getIntervalEnd()).isEqualTo(Instant.parse("2026-01-24T00:00:00Z"));
        assertThat(q.getSource()).isEqualTo("news");
        assertThat(r.events()).hasSize(2);
    }

    @Test
    void eachFlowRowCarriesItsReportsRowCount() throws IOException {
        IngestResult r =
                read(
                        "f.csv",
                        FLOW_HEADER
                                + ",source\n"
                                + "r1,2026-01-26,2026-01-19,2026-01-23,TOTAL,ALL,-3,a\n"
                                + "r1,2026-01-26,2026-01-19,2026-01-23,ASSET,BTC,-2,a\n"
                                // the same row twice counts once
                                + "r1,2026-01-26,2026-01-19,2026-01-23,ASSET,BTC,-2,a\n"
                                + "r1,2026-01-26,2026-01-19,2026-01-23,ASSET,ETH,-1,a\n"
                                // another source's report of the same id is another report
                                + "r1,2026-01-26,2026-01-19,2026-01-23,ASSET,BTC,-2,b\n");
        assertThat(r.badLines()).isEmpty();
        assertThat(r.events())
                .map(FundFlow.class::cast)
                .extracting(FundFlow::getSource, FundFlow::getReportRows)
                .containsExactly(
                        tuple("a", 3), tuple("a", 3), tuple("a", 3), tuple("a", 3), tuple("b", 1));
    }

    @Test
    void anExplicitReportRowsColumnWinsOverTheRowsInTheFile() throws IOException {
        IngestResult r =
                read(
                        "f.csv",
                        FLOW_HEADER
                                + ",report_rows\n"
                                + "coinshares-1,2026-01-26,2026-01-19,2026-01-23,TOTAL,ALL,-3,14\n"
                                + "coinshares-1,2026-01-26,2026-01-19,2026-01-23,ASSET,BTC,-2,14\n"
                                + "coinshares-1,2026-01-26,2026-01-19,2026-01-23,ASSET,ETH,-1,0\n");
        assertThat(r.events())
                .map(FundFlow.class::cast)
                .extracting(FundFlow::getReportRows)
                .containsExactly(14, 14);
        assertThat(r.badLines())
                .singleElement()
                .satisfies(
                        b ->
                                assertThat(b.describe())
                                        .isEqualTo(
                                                "f.csv:4: BAD_NUMBER report_rows is not a whole number of at least 1: '0'"));
    }

    @Test
    void flowsWithoutCoinsharesReportNeedASource() throws IOException {
        IngestResult r =
                read(
                        "f.csv",
                        FLOW_HEADER
                                + ",aum_usd,source\n"
                                + "farside-1,2026-01-26,2026-01-19,2026-01-23,ASSET,BTC,-1,5e10,farside\n"
                                + "other-1,,2026-01-19,2026-01-23,ASSET,BTC,-1,,\n");
        assertThat(r.events()).hasSize(1);
        assertThat(r.badLines())
                .singleElement()
                .satisfies(
                        b -> {
                            assertThat(b.reason()).isEqualTo("MISSING_FIELD");
                            assertThat(b.describe()).startsWith("f.csv:3: MISSING_FIELD");
                        });
        IngestResult withDefault =
                read(
                        new EventFileReader.Options(null, "manual"),
                        "f.csv",
                        FLOW_HEADER + "\n" + "other-1,,2026-01-19,2026-01-23,ASSET,BTC,-1\n");
        assertThat(withDefault.badLines()).isEmpty();
    }

    @Test
    void everyBadLineIsReportedWithFileLineReasonAndRawText() throws IOException {
        String content =
                "# a comment line, skipped\n"
                        + FLOW_HEADER
                        + "\n" // line 2
                        + "coinshares-x,2026-01-26,2026-01-19,2026-01-23,ASSET,BTC,-1090000000\n" // 3 good
                        + "coinshares-x,2026-01-26,2026-01-19,2026-01-23,ASSET,BTC\n" // 4 column
                        // count
                        + "coinshares-x,2026-01-26,2026-01-19,2026-01-23,ASSET,ETH,lots\n" // 5 bad
                        // number
                        + "coinshares-x,2026-01-26,2026-01-19,2026-13-23,ASSET,ETH,1\n" // 6 bad
                        // date
                        + "coinshares-x,2026-01-26,2026-01-19,2026-01-23,ASSET,ETH,NaN\n" // 7 not
                        // finite
                        + "coinshares-x,2026-01-26,2026-01-23,2026-01-19,ASSET,ETH,1\n" // 8 end
                        // before
                        // start
                        + "coinshares-x,2026-01-26,2026-01-19,2026-01-23,SECTOR,ETH,1\n" // 9
                        // unknown
                        // breakdown
                        + "\n"
                        + "coinshares-x,2026-01-26,2026-01-19,2026-01-23,ASSET,,1\n"; // 11 missing
        // key
        IngestResult r = read("flows.csv", content);
        assertThat(r.events()).hasSize(1);
        assertThat(r.badLines())
                .extracting(BadLine::line, BadLine::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4L, "COLUMN_COUNT"),
                        org.assertj.core.groups.Tuple.tuple(5L, "BAD_NUMBER"),
                        org.assertj.core.groups.Tuple.tuple(6L, "BAD_DATE"),
                        org.assertj.core.groups.Tuple.tuple(7L, "NOT_FINITE"),
                        org.assertj.core.groups.Tuple.tuple(8L, "END_BEFORE_START"),
                        org.assertj.core.groups.Tuple.tuple(9L, "UNKNOWN_BREAKDOWN"),
                        org.assertj.core.groups.Tuple.tuple(11L, "MISSING_FIELD"));
        assertThat(r.badLines().get(1).describe())
                .isEqualTo("flows.csv:5: BAD_NUMBER net_flow_usd is not a number: 'lots'");
        assertThat(r.badLines().get(0).rawLine())
                .isEqualTo("coinshares-x,2026-01-26,2026-01-19,2026-01-23,ASSET,BTC");
        assertThat(r.badLines())
                .allSatisfy(b -> assertThat(b.type()).isEqualTo(InputEventType.FLOWS));
    }

    @Test
    void barAndQuoteContentChecks() throws IOException {
        IngestResult prices =
                read(
                        "p.csv",
                        PRICE_HEADER
                                + "\n"
                                + "BTC-USD,2026-01-19T00:00:00Z,2026-01-20T00:00:00Z,1,2,3,2\n" // high below low
                                + "BTC-USD,2026-01-19T00:00:00Z,2026-01-20T00:00:00Z,0,2,1,2\n" // non-positive
                                + "BTC-USD,2026-01-20T00:00:00Z,2026-01-20T00:00:00Z,1,2,1,2\n" // end == start
                                + "BTC-USD,yesterday,2026-01-20T00:00:00Z,1,2,1,2\n"); // bad date
        assertThat(prices.badLines())
                .extracting(BadLine::reason)
                .containsExactly(
                        "HIGH_BELOW_LOW", "NON_POSITIVE_PRICE", "END_BEFORE_START", "BAD_DATE");

        IngestResult volumes =
                read(
                        "v.csv",
                        "instrument,interval_start,interval_end,volume_base\n"
                                + "BTC-USD,2026-01-19T00:00:00Z,2026-01-20T00:00:00Z,-5\n"
                                + "BTC-USD,2026-01-19T00:00:00Z,2026-01-20T00:00:00Z,Infinity\n");
        assertThat(volumes.badLines())
                .extracting(BadLine::reason)
                .containsExactly("NEGATIVE_VOLUME", "NOT_FINITE");

        IngestResult metals =
                read(
                        "m.csv",
                        "date,metal,spot_usd_per_oz,note\n"
                                + "2026-01-23,XCU,4.5,copper is not a precious metal\n"
                                + "2026-01-23,UNKNOWN,4.5,\n");
        assertThat(metals.badLines())
                .extracting(BadLine::reason)
                .containsExactly("UNKNOWN_METAL", "UNKNOWN_METAL");
        assertThat(metals.badLines().get(0).describe()).startsWith("m.csv:2: UNKNOWN_METAL");
    }

    @Test
    void headerProblemsMakeTheFileUnusable() throws IOException {
        IngestResult unknown =
                read(
                        "u.csv",
                        PRICE_HEADER
                                + ",colour\nBTC-USD,2026-01-19T00:00:00Z,2026-01-20T00:00:00Z,1,2,1,2,red\n");
        assertThat(unknown.usable()).isFalse();
        assertThat(unknown.events()).isEmpty();
        assertThat(unknown.badLines()).isEmpty();
        assertThat(unknown.problem().reason()).isEqualTo("UNKNOWN_COLUMN");
        assertThat(unknown.problem().describe())
                .startsWith("u.csv:1: UNKNOWN_COLUMN unknown column 'colour'");

        IngestResult missing =
                read("m.csv", "instrument,interval_start,interval_end,open,high,close\n");
        assertThat(missing.problem().reason()).isEqualTo("MISSING_COLUMN");
        assertThat(missing.problem().message())
                .startsWith("required column 'low' is missing for PRICE_BARS. Required: ");

        IngestResult nothing = read("n.csv", "a,b,c\n1,2,3\n");
        assertThat(nothing.problem().reason()).isEqualTo("UNKNOWN_FORMAT");

        IngestResult wrongType =
                read(
                        EventFileReader.Options.ofType(InputEventType.VOLUMES),
                        "w.csv",
                        PRICE_HEADER + "\n");
        assertThat(wrongType.problem().message()).contains("--type volumes");

        IngestResult empty = read("e.csv", "# only a comment\n");
        assertThat(empty.problem().describe()).startsWith("e.csv: EMPTY_FILE no header line");
    }

    @Test
    void aMisspelledRequiredColumnIsNamedBesideTheMissingOne() throws IOException {
        IngestResult r =
                read(
                        "flows.csv",
                        FLOW_HEADER.replace("net_flow_usd", "net_flow_us")
                                + "\n"
                                + "coinshares-x,2026-01-26,2026-01-19,2026-01-23,TOTAL,ALL,-1\n");
        assertThat(r.events()).isEmpty();
        assertThat(r.problem().describe())
                .isEqualTo(
                        "flows.csv:1: MISSING_COLUMN required column 'net_flow_usd' is missing "
                                + "for FUND_FLOWS, and the header has 'net_flow_us', which is not one of its columns (a misspelling of "
                                + "'net_flow_usd'?). Required: report_id, report_date, period_start, period_end, breakdown, key, net_flow_usd; "
                                + "optional: aum_usd, source, report_rows (see docs/input-formats.md)");

        IngestResult two =
                read("p.csv", "instrument,interval_start,interval_end,opn,hi,low,close\n");
        assertThat(two.problem().message())
                .startsWith(
                        "required columns 'open', 'high' are missing for PRICE_BARS, "
                                + "and the header has 'opn', 'hi', which are not among its columns. Required: ");
    }

    @Test
    void aHeaderSeparatedBySemicolonsOrTabsSaysSo() throws IOException {
        IngestResult semicolons =
                read(
                        "flows.csv",
                        FLOW_HEADER.replace(',', ';')
                                + "\n"
                                + "coinshares-x;2026-01-26;2026-01-19;2026-01-23;TOTAL;ALL;-1,5\n");
        assertThat(semicolons.events()).isEmpty();
        assertThat(semicolons.problem().describe())
                .isEqualTo(
                        "flows.csv:1: SEPARATOR the header is separated by "
                                + "semicolons (';'), not commas: this looks like a spreadsheet export with another list separator; "
                                + "save it as \"CSV UTF-8 (Comma delimited)\" or replace the separators with commas");

        IngestResult tabs =
                read("metals.txt", "date\tmetal\tspot_usd_per_oz\n2026-01-23\tXAG\t101.3\n");
        assertThat(tabs.problem().reason()).isEqualTo("SEPARATOR");
        assertThat(tabs.problem().message())
                .startsWith("the header is separated by tabs, not commas");
    }

    @Test
    void jsonLinesErrors() throws IOException {
        String good =
                "{\"instrument\":\"BTC-USD\",\"interval_start\":\"2026-01-19T00:00:00Z\",\"interval_end\":\"2026-01-20T00:00:00Z\","
                        + "\"volume_base\":10}";
        IngestResult r =
                read(
                        "v.jsonl",
                        good
                                + "\n"
                                + "{\"instrument\":\"BTC-USD\",\n"
                                + "[1,2]\n"
                                + good.replace("}", ",\"colour\":\"red\"}")
                                + "\n"
                                + good.replace("10}", "\"ten\"}")
                                + "\n");
        assertThat(r.events()).hasSize(1);
        assertThat(r.badLines())
                .extracting(BadLine::line, BadLine::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, "BAD_JSON"),
                        org.assertj.core.groups.Tuple.tuple(3L, "BAD_JSON"),
                        org.assertj.core.groups.Tuple.tuple(4L, "UNKNOWN_COLUMN"),
                        org.assertj.core.groups.Tuple.tuple(5L, "BAD_NUMBER"));
    }

    @Test
    void readsFromDiskAndReportsUnreadableFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("flows.csv");
        Files.writeString(
                file,
                FLOW_HEADER + "\ncoinshares-x,2026-01-26,2026-01-19,2026-01-23,TOTAL,ALL,-1\n");
        IngestResult r = new EventFileReader().read(file);
        assertThat(r.events()).hasSize(1);
        assertThat(r.file()).isEqualTo(file.toString());

        IngestResult missing = new EventFileReader().read(dir.resolve("nope.csv"));
        assertThat(missing.usable()).isFalse();
        assertThat(missing.problem().describe())
                .isEqualTo(dir.resolve("nope.csv") + ": NOT_FOUND no such file: check the path");

        IngestResult directory = new EventFileReader().read(dir);
        assertThat(directory.problem().describe())
                .isEqualTo(dir + ": UNREADABLE is a directory, not a file");
    }

    /** The same price file as a spreadsheet saves it in other encodings. */
    @Test
    void filesThatAreNotUtf8TextSayWhatTheyAreAndWhatToDo(@TempDir Path dir) throws IOException {
        String text = "date\tmetal\tspot_usd_per_oz\r\n2026-01-23\tXAG\t101.3\r\n";
        String advice =
                ": save it as \"CSV UTF-8 (Comma delimited)\" (or convert it to UTF-8) and try again";

        Path bom = dir.resolve("unicode-text-bom.txt");
        Files.write(bom, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));
        Path unicodeText = dir.resolve("unicode-text.txt");
        Files.write(unicodeText, text.getBytes(StandardCharsets.UTF_16LE));

        assertThat(new EventFileReader().read(bom).problem().describe())
                .isEqualTo(
                        bom
                                + ": NOT_UTF8 the file is UTF-16 "
                                + "text (what a spreadsheet saves as \"Unicode Text\"), not UTF-8"
                                + advice);
        assertThat(new EventFileReader().read(unicodeText).problem().describe())
                .isEqualTo(
                        unicodeText
                                + ": NOT_UTF8 the "
                                + "file is UTF-16 text without a byte-order mark (what a spreadsheet saves as \"Unicode Text\"), not UTF-8"
                                + advice);

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(
                latin1,
                ("date,metal,spot_usd_per_oz,note\n2026-01-23,XAG,101.3,rally\n"
                                + "2026-01-30,XAG,73.4,chute \u00e0 la cl\u00f4ture\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(new EventFileReader().read(latin1).problem().describe())
                .isEqualTo(
                        latin1
                                + ": NOT_UTF8 line 3 is not "
                                + "UTF-8 (byte 0xE0): the file is probably in a legacy encoding such as Windows-1252 or Latin-1"
                                + advice);

        Path workbook = dir.resolve("flows.xlsx");
        Files.write(workbook, new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0});
        assertThat(new EventFileReader().read(workbook).problem().message())
                .startsWith(
                        "the file is a ZIP archive, such as "
                                + "an Excel workbook (.xlsx), not a text file: save it as");

        Path utf8WithBom = dir.resolve("bom.csv");
        Files.write(
                utf8WithBom,
                ("\uFEFFdate,metal,spot_usd_per_oz,note\n2026-01-23,XAG,101.3,d\u00e9but\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(new EventFileReader().read(utf8WithBom))
                .satisfies(
                        r -> {
                            assertThat(r.usable()).isTrue();
                            assertThat(r.events()).hasSize(1);
                        });
    }
}
