package dev.rotation.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.events.InputEventType;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The US spot ETF layouts: the shared long file as it is, and trackers' wide tables. */
class EtfFlowFilesTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(EtfFlowFilesTest.class.getResource(name).toURI());
    }

    private static IngestResult read(String name) throws URISyntaxException {
        return new EventFileReader().read(resource(name));
    }

    private static List<FundFlow> flows(IngestResult r) {
        return r.events().stream().map(FundFlow.class::cast).toList();
    }

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }

    private static FundFlow only(List<FundFlow> flows, String key, String date) {
        List<FundFlow> found =
                flows.stream()
                        .filter(f -> InputEventType.FLOWS.key(f).equals(key))
                        .filter(f -> f.getPeriodStart().equals(day(date)))
                        .toList();
        assertThat(found).as(key + " on " + date).hasSize(1);
        return found.get(0);
    }

    @Test
    void theSharedEtfFileLoadsAsItIsOneEventPerRow() throws Exception {
        IngestResult r = read("/sample/us-spot-etf-flows-daily.csv");

        assertThat(r.problem()).isNull();
        assertThat(r.badLines()).isEmpty();
        assertThat(r.notes()).isEmpty();
        assertThat(r.layout()).isEqualTo(InputLayout.ETF_FLOWS_DAILY);
        assertThat(r.type()).isEqualTo(InputEventType.FLOWS);
        List<FundFlow> flows = flows(r);
        assertThat(flows).hasSize(124);
        Map<Breakdown, Long> perBreakdown =
                flows.stream()
                        .collect(
                                Collectors.groupingBy(
                                        FundFlow::getBreakdown, Collectors.counting()));
        assertThat(perBreakdown)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(Breakdown.ASSET, 48L, Breakdown.PROVIDER, 76L));
        assertThat(flows.stream().map(FundFlow::getEventId).distinct()).hasSize(124);
        // the citation stays out of the event: no report, the source is the series' name
        assertThat(flows)
                .allSatisfy(
                        f -> {
                            assertThat(f.getSource()).isEqualTo("us-spot-etf");
                            assertThat(f.getReportId()).isNull();
                            assertThat(f.getReportDate()).isNull();
                            assertThat(f.getReportRows()).isNull();
                            assertThat(f.getRegion()).isEqualTo("US");
                            assertThat(f.getPeriodEnd())
                                    .isEqualTo(f.getPeriodStart().plusSeconds(86_400));
                        });

        FundFlow btc20 = only(flows, "ASSET:BTC", "2026-01-20");
        assertThat(btc20.getNetFlowUsd()).isEqualTo(-483_380_000.0);
        assertThat(btc20.getAsset()).isEqualTo("BTC");
        assertThat(btc20.getIssuer()).isNull();
        assertThat(btc20.getPeriodEnd()).isEqualTo(Instant.parse("2026-01-21T00:00:00Z"));

        FundFlow ibit21 = only(flows, "PROVIDER:IBIT", "2026-01-21");
        assertThat(ibit21)
                .extracting(FundFlow::getNetFlowUsd, FundFlow::getAsset, FundFlow::getIssuer)
                .containsExactly(-360_000_000.0, "BTC", "IBIT");
        // a zero the source printed is a figure
        assertThat(only(flows, "PROVIDER:GBTC", "2026-01-22").getNetFlowUsd()).isEqualTo(0.0);
        assertThat(only(flows, "PROVIDER:ETHA", "2026-01-23").getAsset()).isEqualTo("ETH");

        // the seed week's four trading days of US spot BTC ETFs: -1.33B (19 Jan was a holiday)
        double seedWeekBtc =
                flows.stream()
                        .filter(f -> InputEventType.FLOWS.key(f).equals("ASSET:BTC"))
                        .filter(f -> !f.getPeriodStart().isBefore(day("2026-01-19")))
                        .filter(f -> f.getPeriodStart().isBefore(day("2026-01-24")))
                        .mapToDouble(FundFlow::getNetFlowUsd)
                        .sum();
        assertThat(seedWeekBtc).isEqualTo(-1_327_770_000.0);
        assertThat(flows).noneMatch(f -> f.getPeriodStart().equals(day("2026-01-19")));
    }

    @Test
    void sourceOptionNamesTheSeriesAndABadRowIsReportedWithItsReason() throws IOException {
        String csv =
                "date,asset,issuer,net_flow_usd,source_url,sources_seen\n"
                        + "2026-01-20,BTC,ALL,-483380000,https://example.org/a,2\n"
                        + "2026-01-21,BTC,IBIT,(360.0),https://example.org/a,1\n"
                        + "2026-01-2x,BTC,ALL,-708710000,https://example.org/a,1\n"
                        + "2026-01-22,DOGECOIN2,ALL,-1,https://example.org/a,1\n"
                        + "2026-01-22,BTC,FBTC,-9760000,https://example.org/a,0\n";
        IngestResult r =
                new EventFileReader(new EventFileReader.Options(null, "farside"))
                        .read("etf.csv", new StringReader(csv));
        assertThat(flows(r))
                .extracting(FundFlow::getSource, FundFlow::getNetFlowUsd)
                .containsExactly(tuple("farside", -483_380_000.0));
        // parentheses are negatives only in a tracker's wide table; here they are a bad number
        assertThat(r.badLines())
                .extracting(BadLine::line, BadLine::reason)
                .containsExactly(
                        tuple(3L, ReasonCodes.BAD_NUMBER),
                        tuple(4L, ReasonCodes.BAD_DATE),
                        tuple(5L, ReasonCodes.UNKNOWN_ASSET),
                        tuple(6L, ReasonCodes.BAD_NUMBER));
        assertThat(r.badLines().get(0).message()).contains("(360.0)");
        assertThat(r.badLines().get(3).message()).contains("sources_seen");
    }

    @Test
    void jsonLinesGiveTheSameEventsAndTwoFiguresForOneDayAreRefused() throws IOException {
        IngestResult csv =
                new EventFileReader()
                        .read(
                                "etf.csv",
                                new StringReader(
                                        "date,asset,issuer,net_flow_usd\n"
                                                + "2026-01-20,BTC,ALL,-483380000\n"
                                                + "2026-01-20,BTC,IBIT,-356600000\n"));
        IngestResult jsonl =
                new EventFileReader()
                        .read(
                                "etf.jsonl",
                                new StringReader(
                                        "{\"date\":\"2026-01-20\",\"asset\":\"BTC\",\"issuer\":\"ALL\","
                                                + "\"net_flow_usd\":-483380000}\n"
                                                + "{\"date\":\"2026-01-20\",\"asset\":\"BTC\","
                                                + "\"issuer\":\"IBIT\",\"net_flow_usd\":-356600000}\n"));
        assertThat(jsonl.badLines()).isEmpty();
        assertThat(jsonl.layout()).isEqualTo(InputLayout.ETF_FLOWS_DAILY);
        assertThat(jsonl.events()).isEqualTo(csv.events());

        IngestResult twice =
                new EventFileReader()
                        .read(
                                "etf.csv",
                                new StringReader(
                                        "date,asset,issuer,net_flow_usd\n"
                                                + "2026-01-20,BTC,ALL,-483380000\n"
                                                + "2026-01-20,BTC,ALL,-479700000\n"));
        assertThat(twice.events()).isEmpty();
        assertThat(twice.badLines())
                .extracting(BadLine::reason)
                .containsOnly(ReasonCodes.CONFLICTING_ROWS);
        assertThat(twice.badLines().get(0).message())
                .contains("row ASSET:BTC of us-spot-etf for 2026-01-20T00:00:00Z");
    }

    @Test
    void aPastedTotalRowUnderDailyIssuerRowsIsSkippedNotAddedToThem() throws Exception {
        IngestResult r = read("/etf/etf-issuer-week-with-pasted-total.csv");

        assertThat(r.badLines()).isEmpty();
        List<FundFlow> flows = flows(r);
        assertThat(flows).hasSize(12).allMatch(f -> f.getBreakdown() == Breakdown.PROVIDER);
        // the week's outflow is -2.62B, not the -5.24B of the days plus their Total row
        assertThat(flows.stream().mapToDouble(FundFlow::getNetFlowUsd).sum())
                .isEqualTo(-2_620_000_000.0);
        assertThat(r.notes())
                .singleElement()
                .asString()
                .startsWith("line 17: 'Total' row skipped, a total of days, not a day")
                .contains("it matches the sum of the file's days");
    }

    @Test
    void aTotalRowThatDisagreesWithItsDaysIsSkippedWithAWarning() throws IOException {
        String csv =
                "date,asset,issuer,net_flow_usd\n"
                        + "2026-01-20,BTC,ALL,-483380000\n"
                        + "2026-01-21,BTC,ALL,-708710000\n"
                        + "Week total,BTC,ALL,-1330000000\n";
        IngestResult r = new EventFileReader().read("etf.csv", new StringReader(csv));
        assertThat(flows(r)).hasSize(2);
        assertThat(r.notes())
                .singleElement()
                .asString()
                .contains("'Week total' row skipped")
                .contains(
                        "WARNING it does not match the file's days: ASSET:BTC total -$1.33B but"
                                + " its 2 days sum to -$1.19B");
    }

    @Test
    void aTrackersWideTableReadsSignsUnitsGapsAndLeavesItsTotalRowOut() throws Exception {
        IngestResult r = read("/etf/tracker-btc-wide-2026-01.csv");

        assertThat(r.problem()).isNull();
        assertThat(r.badLines()).isEmpty();
        assertThat(r.layout()).isEqualTo(InputLayout.ETF_FLOWS_WIDE);
        List<FundFlow> flows = flows(r);
        // 20 Jan: Total + 4 issuers (BITB '-'); 21 Jan: Total + 5; 22 Jan: Total + 4 (ARKB '-');
        // 23 Jan: Total + 4 (BITB '-'); 26 Jan: nothing; the Total and Average rows: nothing
        assertThat(flows).hasSize(5 + 6 + 5 + 5);
        assertThat(flows)
                .allSatisfy(
                        f -> {
                            assertThat(f.getSource()).isEqualTo("us-spot-etf");
                            assertThat(f.getAsset()).isEqualTo("BTC");
                            assertThat(f.getRegion()).isEqualTo("US");
                            assertThat(f.getReportId()).isNull();
                        });
        FundFlow total20 = only(flows, "ASSET:BTC", "2026-01-20");
        assertThat(total20.getNetFlowUsd()).isEqualTo(-483_400_000.0);
        assertThat(total20.getIssuer()).isNull();
        // quoted thousands in parentheses
        FundFlow fbtc21 = only(flows, "PROVIDER:FBTC", "2026-01-21");
        assertThat(fbtc21)
                .extracting(FundFlow::getNetFlowUsd, FundFlow::getIssuer)
                .containsExactly(-1_113_700_000.0, "FBTC");
        assertThat(only(flows, "ASSET:BTC", "2026-01-21").getNetFlowUsd())
                .isEqualTo(-1_510_700_000.0);
        // a plain figure is positive; a printed 0.0 is a figure, '-' is none
        assertThat(only(flows, "PROVIDER:IBIT", "2026-01-23").getNetFlowUsd())
                .isEqualTo(15_200_000.0);
        assertThat(only(flows, "PROVIDER:BITB", "2026-01-22").getNetFlowUsd()).isEqualTo(0.0);
        assertThat(flows)
                .noneMatch(
                        f ->
                                f.getIssuer() != null
                                        && f.getIssuer().equals("BITB")
                                        && !f.getPeriodStart().equals(day("2026-01-21"))
                                        && !f.getPeriodStart().equals(day("2026-01-22")));
        assertThat(flows).noneMatch(f -> f.getPeriodStart().equals(day("2026-01-26")));

        // the Total row is not a day: the days' Totals sum to -2,139.8M, not twice that
        assertThat(
                        flows.stream()
                                .filter(f -> f.getBreakdown() == Breakdown.ASSET)
                                .mapToDouble(FundFlow::getNetFlowUsd)
                                .sum())
                .isCloseTo(-2_139_800_000.0, org.assertj.core.data.Offset.offset(1.0));

        assertThat(r.notes())
                .containsExactly(
                        "line 11: 'Total' row skipped, a total of days, not a day (adding it"
                                + " would count them twice); it matches the sum of the file's"
                                + " days within rounding",
                        "line 12: 'Average' row skipped, a statistic of the days, not a day",
                        "line 9 (2026-01-23): the Total -$113.60M differs from the sum of its 4"
                                + " issuer columns -$103.60M by $10.00M, more than their rounding"
                                + " (±$250,000); published as given (check the row)",
                        "line 10 (2026-01-26): no figures (every cell is '-' or empty), nothing"
                                + " published for the day");
    }

    @Test
    void aWideTableWithoutItsUnitIsRefusedInOneLineUnlessTheOptionGivesIt() throws Exception {
        IngestResult r = read("/etf/tracker-btc-wide-no-unit.csv");
        assertThat(r.usable()).isFalse();
        assertThat(r.events()).isEmpty();
        assertThat(r.problem().reason()).isEqualTo(ReasonCodes.TABLE_MARKER);
        assertThat(r.problem().describe())
                .doesNotContain("\n")
                .contains("does not say its unit")
                .contains("# unit: usd-millions");

        IngestResult withOption =
                new EventFileReader(
                                new EventFileReader.Options(
                                        null,
                                        null,
                                        dev.rotation.model.labels.BreakdownKeys.defaults(),
                                        FlowUnit.USD_MILLIONS,
                                        null))
                        .read(resource("/etf/tracker-btc-wide-no-unit.csv"));
        assertThat(flows(withOption))
                .extracting(InputEventType.FLOWS::key, FundFlow::getNetFlowUsd)
                .containsExactly(
                        tuple("ASSET:BTC", -447_900_000.0),
                        tuple("PROVIDER:IBIT", -356_600_000.0),
                        tuple("PROVIDER:FBTC", -91_300_000.0));
    }

    @Test
    void aWideTableMustSayItsAssetAndMarkersMustAgreeWithOptions() throws IOException {
        String table = "Date,IBIT,Total\n2026-01-20,(356.6),(356.6)\n";
        IngestResult noAsset =
                new EventFileReader()
                        .read("t.csv", new StringReader("# unit: usd-millions\n" + table));
        assertThat(noAsset.problem().message())
                .isEqualTo(
                        "the table does not say which asset its ETFs hold: add a line such as"
                                + " '# asset: BTC' above the header, or pass --asset BTC");

        IngestResult conflict =
                new EventFileReader(
                                new EventFileReader.Options(
                                        null,
                                        null,
                                        dev.rotation.model.labels.BreakdownKeys.defaults(),
                                        FlowUnit.USD,
                                        "BTC"))
                        .read("t.csv", new StringReader("# unit: usd-millions\n" + table));
        assertThat(conflict.problem().message())
                .contains("'# unit: usd-millions' but --unit usd was given");

        IngestResult label =
                new EventFileReader()
                        .read(
                                "t.csv",
                                new StringReader(
                                        "# unit: usd-millions\n# asset: Bitcoin\n" + table));
        assertThat(flows(label)).allMatch(f -> f.getAsset().equals("BTC"));
    }

    @Test
    void aLongFileMarkedAsMillionsIsRefusedButTheUnitOptionIsLeftToWideTables() throws IOException {
        String csv = "date,asset,issuer,net_flow_usd\n2026-01-20,BTC,ALL,-483380000\n";
        IngestResult marked =
                new EventFileReader()
                        .read("etf.csv", new StringReader("# unit: usd-millions\n" + csv));
        assertThat(marked.problem().reason()).isEqualTo(ReasonCodes.TABLE_MARKER);
        assertThat(marked.problem().message())
                .startsWith(
                        "net_flow_usd is in whole US dollars, but the file is marked '# unit:"
                                + " usd-millions'");

        IngestResult withOption =
                new EventFileReader(
                                new EventFileReader.Options(
                                        null,
                                        null,
                                        dev.rotation.model.labels.BreakdownKeys.defaults(),
                                        FlowUnit.USD_MILLIONS,
                                        "BTC"))
                        .read("etf.csv", new StringReader(csv));
        assertThat(flows(withOption))
                .extracting(FundFlow::getNetFlowUsd)
                .containsExactly(-483_380_000.0);
    }

    @Test
    void aLongFileOfFiguresTooSmallForDollarsIsRefusedUnlessAllowed() throws IOException {
        String csv = "date,asset,issuer,net_flow_usd\n2026-01-20,BTC,ALL,-483.38\n";
        IngestResult r = new EventFileReader().read("etf.csv", new StringReader(csv));
        assertThat(r.usable()).isFalse();
        assertThat(r.problem().reason()).isEqualTo(ReasonCodes.LIKELY_MILLIONS);
        assertThat(r.problem().message())
                .isEqualTo(
                        "every figure is below $100,000 (the largest is $483.38), so they look"
                                + " like US$ millions: net_flow_usd is in whole dollars, so write"
                                + " them out (-483380000 for -483.38M), or pass"
                                + " --allow-small-figures to publish them as given");

        IngestResult allowed =
                new EventFileReader(
                                new EventFileReader.Options(
                                        null,
                                        null,
                                        dev.rotation.model.labels.BreakdownKeys.defaults(),
                                        null,
                                        null,
                                        true))
                        .read("etf.csv", new StringReader(csv));
        assertThat(flows(allowed)).extracting(FundFlow::getNetFlowUsd).containsExactly(-483.38);
        assertThat(allowed.notes())
                .singleElement()
                .asString()
                .startsWith("every daily figure is below $100,000: published as whole US dollars");
    }

    @Test
    void aTableMarkedDollarsWhoseFiguresAreMillionsIsRefusedSayingHowToMarkIt() throws Exception {
        IngestResult r = read("/etf/tracker-btc-wide-marked-usd.csv");
        assertThat(r.events()).isEmpty();
        assertThat(r.problem().describe())
                .endsWith(
                        "tracker-btc-wide-marked-usd.csv:5: LIKELY_MILLIONS every figure is below"
                                + " $100,000 (the largest is $10.50), so they look like US$"
                                + " millions: mark the file '# unit: usd-millions' instead of"
                                + " '# unit: usd'; or pass --allow-small-figures to publish them"
                                + " as whole dollars");

        IngestResult allowed =
                new EventFileReader(
                                new EventFileReader.Options(
                                        null,
                                        null,
                                        dev.rotation.model.labels.BreakdownKeys.defaults(),
                                        null,
                                        null,
                                        true))
                        .read(resource("/etf/tracker-btc-wide-marked-usd.csv"));
        assertThat(only(flows(allowed), "ASSET:BTC", "2026-01-20").getNetFlowUsd())
                .isEqualTo(-10.5);
        assertThat(allowed.notes()).anyMatch(n -> n.startsWith("every daily figure is below"));
    }

    @Test
    void twoFilesOfOneRunGivingDifferentFiguresForOneDayAreBothRefusedNamingEachOther()
            throws Exception {
        Path etf = resource("/sample/us-spot-etf-flows-daily.csv");
        Path wide = resource("/etf/tracker-btc-wide-2026-01.csv");

        List<IngestResult> run = new EventFileReader().read(List.of(etf, wide));

        IngestResult longFile = run.get(0);
        IngestResult table = run.get(1);
        // ASSET:BTC on 21 Jan: -708.71M in the long file, -1,510.7M in the table; neither wins
        String btc21 = assetBtc21().getEventId();
        assertThat(flows(longFile)).noneMatch(f -> f.getEventId().equals(btc21));
        assertThat(flows(table)).noneMatch(f -> f.getEventId().equals(btc21));
        assertThat(longFile.badLines())
                .extracting(BadLine::line, BadLine::reason)
                .containsExactly(
                        tuple(98L, ReasonCodes.CONFLICTING_ROWS),
                        tuple(103L, ReasonCodes.CONFLICTING_ROWS),
                        tuple(106L, ReasonCodes.CONFLICTING_ROWS),
                        tuple(107L, ReasonCodes.CONFLICTING_ROWS),
                        tuple(109L, ReasonCodes.CONFLICTING_ROWS),
                        tuple(110L, ReasonCodes.CONFLICTING_ROWS));
        assertThat(longFile.badLines().get(1).message())
                .startsWith(
                        "this row and "
                                + wide
                                + ":7 give different figures for the same row ASSET:BTC of"
                                + " us-spot-etf for 2026-01-21T00:00:00Z");
        assertThat(longFile.conflictsAcrossFiles()).isEqualTo(6);
        assertThat(table.badLines()).extracting(BadLine::line).containsExactly(6L, 7L, 8L, 9L);
        assertThat(table.badLines().get(1).message()).contains(etf + ":103");
        // 22 Jan: the table's Total, FBTC and IBIT each differ from the long file by rounding
        assertThat(table.badLines().get(2).message())
                .contains(
                        "(this line's PROVIDER:IBIT, PROVIDER:FBTC conflict too and are refused"
                                + " with it; its other figures are kept)");
        // the rows both files give alike stay: IBIT -360M on 21 Jan, GBTC 0 on 22 Jan
        assertThat(flows(longFile)).hasSize(124 - 6);
        assertThat(only(flows(table), "PROVIDER:IBIT", "2026-01-21").getNetFlowUsd())
                .isEqualTo(-360_000_000.0);
        assertThat(only(flows(longFile), "PROVIDER:IBIT", "2026-01-21").getNetFlowUsd())
                .isEqualTo(-360_000_000.0);
        assertThat(flows(table)).hasSize(21 - 6);

        // each file alone is clean
        assertThat(new EventFileReader().read(wide).badLines()).isEmpty();
    }

    @Test
    void aTableCopiedFromAWebPageReadsItsSignsDatesAndIssuersWithoutATotalColumn()
            throws Exception {
        IngestResult r = read("/etf/tracker-eth-wide-copied-from-web.csv");

        assertThat(r.problem()).isNull();
        assertThat(r.badLines()).isEmpty();
        assertThat(r.layout()).isEqualTo(InputLayout.ETF_FLOWS_WIDE);
        // issuer rows only: without a Total column the day's ASSET row is not invented
        assertThat(flows(r))
                .extracting(
                        InputEventType.FLOWS::key,
                        f -> f.getPeriodStart().toString().substring(0, 10),
                        FundFlow::getNetFlowUsd,
                        FundFlow::getAsset)
                .containsExactly(
                        tuple("PROVIDER:ETHA", "2026-02-04", -5_000_000.0, "ETH"),
                        tuple("PROVIDER:FETH", "2026-02-04", -1_000_500_000.0, "ETH"),
                        tuple("PROVIDER:ETHA", "2026-02-05", 12_300_000.0, "ETH"),
                        tuple("PROVIDER:FETH", "2026-02-05", -2_500_000.0, "ETH"),
                        tuple("PROVIDER:ETHE", "2026-02-05", 0.0, "ETH"),
                        tuple("PROVIDER:ETHA", "2026-02-07", 1_500_000.0, "ETH"));
        assertThat(r.notes())
                .containsExactly(
                        "2026-02-07 is a Saturday: US spot ETFs do not trade on weekends, yet line"
                                + " 8 gives figures for it; published as given (check the date)");
        // the table's asset is stated once, not counted as a row
        assertThat(r.resolvedLabels())
                .extracting(IngestResult.ResolvedLabel::describe)
                .containsExactly("'Ethereum' as ETH (the table's asset, from its '# asset:' line)");
    }

    @Test
    void aTableOfDatesAndTickersWithoutTotalOrMarkersSaysWhatIsMissing() throws IOException {
        IngestResult r =
                new EventFileReader()
                        .read(
                                "t.csv",
                                new StringReader("Date,IBIT,FBTC\n2026-01-20,(356.6),(91.3)\n"));
        assertThat(r.problem().reason()).isEqualTo(ReasonCodes.UNKNOWN_FORMAT);
        assertThat(r.problem().message())
                .contains("no Total column")
                .contains("'# unit: usd-millions' and '# asset: BTC' above the header")
                .contains("snapshot_utc");
    }

    @Test
    void aFigureWithTwoSignsOrTwoDollarSignsIsStillABadNumber() throws IOException {
        String table = "# unit: usd-millions\n# asset: BTC\nDate,IBIT,Total\n";
        IngestResult r =
                new EventFileReader()
                        .read(
                                "t.csv",
                                new StringReader(
                                        table
                                                + "2026-01-20,$$5.0,5.0\n"
                                                + "2026-01-21,(−5.0),(5.0)\n"
                                                + "2026-01-22,1.0,1.0\n"));
        assertThat(r.badLines())
                .extracting(BadLine::line, BadLine::reason)
                .containsExactly(
                        tuple(4L, ReasonCodes.BAD_NUMBER), tuple(5L, ReasonCodes.BAD_NUMBER));
    }

    private static FundFlow assetBtc21() throws Exception {
        return only(flows(read("/sample/us-spot-etf-flows-daily.csv")), "ASSET:BTC", "2026-01-21");
    }
}
