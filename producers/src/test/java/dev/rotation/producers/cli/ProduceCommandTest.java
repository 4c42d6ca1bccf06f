package dev.rotation.producers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line without a broker: input checks stop before any connection is made. */
class ProduceCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = ProduceCommand.commandLine(Map.of());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void failModeReportsEveryBadLineAndPublishesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flows.csv");
        Files.writeString(
                file,
                "report_id,report_date,period_start,period_end,breakdown,key,net_flow_usd\n"
                        + "coinshares-x,2026-01-26,2026-01-19,2026-01-23,ASSET,BTC,-1\n"
                        + "coinshares-x,2026-01-26,2026-01-19,2026-01-23,ASSET,ETH,NaN\n"
                        + "coinshares-x,2026-01-26,2026-01-19,2026-01-23,SECTOR,ETH,1\n");
        // an address where nothing listens: the command must not get as far as connecting
        int code =
                run(
                        "file",
                        file.toString(),
                        "--bootstrap-servers",
                        "127.0.0.1:1",
                        "--schema-registry-url",
                        "http://127.0.0.1:1");
        assertThat(code).isEqualTo(ProduceCommand.EXIT_BAD_INPUT);
        assertThat(err.toString())
                .contains(
                        file + ":3: NOT_FINITE",
                        file + ":4: UNKNOWN_BREAKDOWN",
                        "Nothing published")
                .doesNotContain("Publishing to");
    }

    @Test
    void typeMismatchIsABadHeader(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "instrument,interval_start,interval_end,open,high,low,close\n");
        assertThat(run("file", file.toString(), "--type", "metals"))
                .isEqualTo(ProduceCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains(file + ":1: UNKNOWN_FORMAT");
    }

    @Test
    void aMissingFileIsAWholeFileErrorWhateverOnErrorSays(@TempDir Path dir) {
        Path missing = dir.resolve("flows.csv");
        int code =
                run(
                        "file",
                        missing.toString(),
                        "--on-error=dead-letter",
                        "--bootstrap-servers",
                        "127.0.0.1:1");
        assertThat(code).isEqualTo(ProduceCommand.EXIT_BAD_INPUT);
        assertThat(err.toString())
                .isEqualTo(
                        missing
                                + ": NOT_FOUND no such file: check the path. Nothing was published."
                                + System.lineSeparator());
    }

    @Test
    void aMisspelledHeaderIsAWholeFileErrorNamingBothColumns(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("metals.csv");
        Files.writeString(good, "date,metal,spot_usd_per_oz\n2026-01-23,XAG,101.3\n");
        Path misspelled = dir.resolve("flows.csv");
        Files.writeString(
                misspelled,
                "report_id,report_date,period_start,period_end,breakdown,key,net_flow_us\n"
                        + "coinshares-x,2026-01-26,2026-01-19,2026-01-23,ASSET,BTC,-1\n");
        int code =
                run(
                        "file",
                        good.toString(),
                        misspelled.toString(),
                        "--on-error=dead-letter",
                        "--bootstrap-servers",
                        "127.0.0.1:1");
        assertThat(code).isEqualTo(ProduceCommand.EXIT_BAD_INPUT);
        assertThat(err.toString().lines())
                .containsExactly(
                        good + ": 1 events (metals), 0 bad lines",
                        misspelled
                                + ":1: MISSING_COLUMN required column 'net_flow_usd' is missing for FUND_FLOWS, and the header has "
                                + "'net_flow_us', which is not one of its columns (a misspelling of 'net_flow_usd'?). Required: report_id, "
                                + "report_date, period_start, period_end, breakdown, key, net_flow_usd; optional: aum_usd, source, report_rows "
                                + "(see docs/input-formats.md). Nothing was published.");
    }

    @Test
    void aTrackerTableWithoutItsUnitIsOneLineSayingHowToStateIt(@TempDir Path dir)
            throws Exception {
        Path table = dir.resolve("farside.csv");
        Files.writeString(
                table, "# asset: BTC\nDate,IBIT,FBTC,Total\n20 Jan 2026,(356.6),(91.3),(447.9)\n");
        assertThat(run("file", table.toString(), "--bootstrap-servers", "127.0.0.1:1"))
                .isEqualTo(ProduceCommand.EXIT_BAD_INPUT);
        assertThat(err.toString())
                .isEqualTo(
                        table
                                + ":2: TABLE_MARKER the table does not say its unit: add the line"
                                + " '# unit: usd-millions' above the header (trackers print US$"
                                + " millions) or '# unit: usd' for whole dollars, or pass --unit."
                                + " Nothing was published."
                                + System.lineSeparator());
        assertThat(run("file", table.toString(), "--unit", "euros")).isEqualTo(2);
        assertThat(err.toString()).contains("'euros': expected usd-millions or usd");
    }

    private static Path resource(String name) throws Exception {
        return Path.of(ProduceCommandTest.class.getResource(name).toURI());
    }

    @Test
    void conflictingFiguresAcrossFilesAreRefusedAndCountedInTheSummary() throws Exception {
        Path etf = resource("/sample/us-spot-etf-flows-daily.csv");
        Path wide = resource("/etf/tracker-btc-wide-2026-01.csv");
        int code =
                run("file", etf.toString(), wide.toString(), "--bootstrap-servers", "127.0.0.1:1");
        assertThat(code).isEqualTo(ProduceCommand.EXIT_BAD_INPUT);
        assertThat(err.toString())
                .contains(
                        etf
                                + ":103: CONFLICTING_ROWS this row and "
                                + wide
                                + ":7 give different figures for the same row ASSET:BTC of"
                                + " us-spot-etf for 2026-01-21T00:00:00Z",
                        wide + ":7: CONFLICTING_ROWS this row and " + etf + ":103 give",
                        etf
                                + ": 118 events (flows), 6 bad lines (6 conflicting with another"
                                + " file)",
                        wide + ": 15 events (flows), 4 bad lines (4 conflicting with another file)",
                        "Nothing published: bad lines found")
                .doesNotContain("Publishing to");
    }

    @Test
    void millionsUnderAUsdOptionAreRefusedInOneLineUnlessSmallFiguresAreAllowed(@TempDir Path dir)
            throws Exception {
        Path table = dir.resolve("farside.csv");
        Files.writeString(
                table, "# asset: BTC\nDate,IBIT,FBTC,Total\n20 Jan 2026,(8.2),(2.3),(10.5)\n");
        assertThat(
                        run(
                                "file",
                                table.toString(),
                                "--unit",
                                "usd",
                                "--bootstrap-servers",
                                "127.0.0.1:1"))
                .isEqualTo(ProduceCommand.EXIT_BAD_INPUT);
        assertThat(err.toString())
                .isEqualTo(
                        table
                                + ":2: LIKELY_MILLIONS every figure is below $100,000 (the largest"
                                + " is $10.50), so they look like US$ millions: pass --unit"
                                + " usd-millions; or pass --allow-small-figures to publish them as"
                                + " whole dollars. Nothing was published."
                                + System.lineSeparator());
    }

    @Test
    void allowedSmallFiguresArePublishedAsGivenWithANote(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("farside.csv");
        Files.writeString(
                table, "# asset: BTC\nDate,IBIT,FBTC,Total\n20 Jan 2026,(8.2),(2.3),(10.5)\n");
        assertThat(
                        run(
                                "file",
                                table.toString(),
                                "--unit",
                                "usd",
                                "--allow-small-figures",
                                "--dry-run"))
                .isZero();
        assertThat(err.toString())
                .contains(table + ": every daily figure is below $100,000: published as whole");
        assertThat(out.toString())
                .contains("  us-spot-etf ASSET: 1 row, 2026-01-20 to 2026-01-20, net -$10.50:");
    }

    @Test
    void dryRunReadsChecksAndSumsAsARealRunWouldWithoutABroker() throws Exception {
        Path table = resource("/etf/tracker-btc-wide-2026-01.csv");
        // no connection options: the default 127.0.0.1:9092 is never tried
        int code = run("file", table.toString(), "--dry-run");
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString())
                .contains(
                        table + ": 21 events (flows), 0 bad lines, 4 notes",
                        table + ": line 11: 'Total' row skipped")
                .doesNotContain("Publishing to", "Cannot reach");
        // the sums a user checks against the table's own Total row: IBIT (723.8), FBTC
        // (1,279.4), ..., Total (2,139.8); keys in the order first met (BITB has no 20 Jan)
        assertThat(out.toString().lines())
                .containsExactly(
                        "Dry run: nothing was published and no broker was contacted; a real run"
                                + " would send 21 events and dead-letter 0 bad lines",
                        "Would publish by type (event time, in that order): flows 21 from"
                                + " 2026-01-20T23:59:59.999Z to 2026-01-23T23:59:59.999Z",
                        "Fund flows by source and breakdown (net US dollars; breakdowns and"
                                + " sources are never added together):",
                        "  us-spot-etf ASSET: 4 rows, 2026-01-20 to 2026-01-23, net -$2.14B: BTC"
                                + " -$2.14B (4)",
                        "  us-spot-etf PROVIDER: 17 rows, 2026-01-20 to 2026-01-23, net -$2.13B:"
                                + " IBIT -$723.80M (4), FBTC -$1.28B (4), ARKB -$44.70M (3), GBTC"
                                + " -$70.00M (4), BITB -$12.00M (2)");

        // bad input stops a dry run as it stops a real one
        Path etf = resource("/sample/us-spot-etf-flows-daily.csv");
        assertThat(run("file", etf.toString(), table.toString(), "--dry-run"))
                .isEqualTo(ProduceCommand.EXIT_BAD_INPUT);
        // ... and with --on-error=dead-letter it says what would go to the dead-letter topic: the
        // 6 + 4 lines whose figures conflict across the two files
        out.getBuffer().setLength(0);
        assertThat(
                        run(
                                "file",
                                etf.toString(),
                                table.toString(),
                                "--on-error=dead-letter",
                                "--dry-run"))
                .isZero();
        assertThat(out.toString())
                .startsWith(
                        "Dry run: nothing was published and no broker was contacted; a real run"
                                + " would send 133 events and dead-letter 10 bad lines");
    }

    @Test
    void aUnicodeTextExportIsRefusedWithWhatToDo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metals.txt");
        Files.write(
                file,
                "\uFEFFdate\tmetal\tspot_usd_per_oz\r\n2026-01-23\tXAG\t101.3\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        assertThat(run("file", file.toString(), "--bootstrap-servers", "127.0.0.1:1"))
                .isEqualTo(ProduceCommand.EXIT_BAD_INPUT);
        assertThat(err.toString())
                .isEqualTo(
                        file
                                + ": NOT_UTF8 the file is UTF-16 text (what a spreadsheet saves as "
                                + "\"Unicode Text\"), not UTF-8: save it as \"CSV UTF-8 (Comma delimited)\" (or convert it to UTF-8) and try "
                                + "again. Nothing was published."
                                + System.lineSeparator());
    }

    @Test
    void anUnreachableClusterIsOneLineNamingTheAddressWithinFifteenSeconds() throws Exception {
        String servers = "127.0.0.1:" + closedPort();
        long t0 = System.nanoTime();
        int code =
                run(
                        "sample",
                        "--bootstrap-servers",
                        servers,
                        "--schema-registry-url",
                        "http://127.0.0.1:" + closedPort());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        assertThat(code).isEqualTo(ProduceCommand.EXIT_UNAVAILABLE);
        assertThat(err.toString())
                .isEqualTo(
                        "Cannot reach Kafka at "
                                + servers
                                + " (bootstrap.servers): connection refused. "
                                + "Start a local one with ./rotation-detector platform, or pass --bootstrap-servers HOST:PORT "
                                + "(or set $KAFKA_BOOTSTRAP_SERVERS)."
                                + System.lineSeparator());
    }

    /** A loopback port that was free a moment ago and that nobody listens on now. */
    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void simulateDryRunReportsTheRateAndWritesLabels(@TempDir Path dir) throws Exception {
        Path labels = dir.resolve("labels.csv");
        int code =
                run(
                        "simulate",
                        "--seed",
                        "7",
                        "--weeks",
                        "30",
                        "--bar-interval",
                        "1h",
                        "--dry-run",
                        "--labels",
                        labels.toString());
        assertThat(code).isZero();
        assertThat(out.toString())
                .containsPattern("Dry run: generated \\d+ events in [0-9.]+ s = \\d+ events/s");
        List<String> lines = Files.readAllLines(labels);
        assertThat(lines.get(0)).isEqualTo("window_start,signal_type,subjects,note");
        assertThat(lines).hasSize(9);
        assertThat(String.join("\n", lines))
                .contains("ROTATION_TO_HIGH_BETA", "CASCADE_RISK", "RISK_OFF_SHIFT");
    }

    @Test
    void scenariosCanBePlacedByWeekOrDate(@TempDir Path dir) throws Exception {
        Path labels = dir.resolve("labels.csv");
        int code =
                run(
                        "simulate",
                        "--weeks",
                        "10",
                        "--scenario",
                        "DERISKING@2025-11-05,risk-off-shift@6",
                        "--dry-run",
                        "--duration",
                        "5s",
                        "--labels",
                        labels.toString());
        assertThat(code).isZero();
        assertThat(Files.readAllLines(labels))
                .hasSize(3)
                .anySatisfy(l -> assertThat(l).startsWith("2025-11-03T00:00:00Z,DERISKING"))
                .anySatisfy(l -> assertThat(l).startsWith("2025-11-17T00:00:00Z,RISK_OFF_SHIFT"));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(
                        run(
                                "simulate",
                                "--weeks",
                                "10",
                                "--scenario",
                                "DERISKING@3,RISK_OFF_SHIFT@4",
                                "--dry-run"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("at least one quiet week");
        assertThat(run("simulate", "--scenario", "NOT_A_SCENARIO", "--dry-run")).isNotZero();
        assertThat(run("file", "x.csv", "--on-error", "ignore")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("file", "simulate", "sample");
    }
}
