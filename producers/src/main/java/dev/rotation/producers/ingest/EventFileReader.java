package dev.rotation.producers.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Metal;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.labels.BreakdownKeys;
import dev.rotation.model.validation.EventValidator;
import dev.rotation.model.validation.EventValidator.Violation;
import dev.rotation.producers.events.EventIds;
import dev.rotation.producers.events.ReportRows;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads an input file (CSV or JSON Lines) into events. The format is told from the first line (a
 * JSON object means JSON Lines), the layout from the header (CSV) or the first object's fields
 * (JSON Lines); see {@link InputLayout} and docs/input-formats.md. Blank lines and lines starting
 * with {@code #} are skipped.
 *
 * <p>Nothing is thrown for bad content: every line that does not become a valid event is returned
 * as a {@link BadLine} with its number, a reason code and the raw text, next to the good events.
 * What makes the whole file unusable is returned as its {@link FileProblem}, with no events: a
 * missing or unreadable file, bytes that are not UTF-8 text (UTF-16 "Unicode Text", a workbook, a
 * legacy encoding), a header separated by semicolons or tabs, a CSV header that matches no layout
 * or lacks a required column, or no header at all.
 */
public final class EventFileReader {

    /**
     * @param type the expected type, or null to infer it from the header
     * @param defaultSource source for rows without one (null: the layout's default, see docs)
     * @param keys the keys of ASSET and REGION rows and the publishers' labels of each: a label is
     *     read as its key, a label none knows makes the row bad (UNKNOWN_ASSET, UNKNOWN_REGION)
     * @param unit the unit of a wide ETF table's figures when the file does not state it, or null
     * @param asset the asset (key or label) of a wide ETF table when the file does not state it, or
     *     null
     * @param allowSmallFigures publish an ETF file whose every figure is below $100,000 as given;
     *     without it such a file is refused (LIKELY_MILLIONS), since its figures are most likely
     *     US$ millions in a file that says dollars
     */
    public record Options(
            InputEventType type,
            String defaultSource,
            BreakdownKeys keys,
            FlowUnit unit,
            String asset,
            boolean allowSmallFigures) {
        public Options {
            Objects.requireNonNull(keys, "keys");
        }

        /** Refusing ETF files whose figures all look like millions. */
        public Options(
                InputEventType type,
                String defaultSource,
                BreakdownKeys keys,
                FlowUnit unit,
                String asset) {
            this(type, defaultSource, keys, unit, asset, false);
        }

        /** Without a unit or asset for wide ETF tables (the file must state them). */
        public Options(InputEventType type, String defaultSource, BreakdownKeys keys) {
            this(type, defaultSource, keys, null, null);
        }

        /** With the default keys and labels ({@link BreakdownKeys#defaults()}). */
        public Options(InputEventType type, String defaultSource) {
            this(type, defaultSource, BreakdownKeys.defaults());
        }

        public static Options defaults() {
            return new Options(null, null);
        }

        public static Options ofType(InputEventType type) {
            return new Options(type, null);
        }
    }

    /** Default source of price snapshots and metal points when the file has no source column. */
    public static final String SNAPSHOT_SOURCE = "daily-snapshot";

    public static final String POINTS_SOURCE = "news";
    public static final String UNSPECIFIED_SOURCE = "unspecified";

    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,12}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;

    public EventFileReader() {
        this(Options.defaults());
    }

    public EventFileReader(Options options) {
        this.options = options;
    }

    /**
     * Reads a file from disk. A file that is missing, unreadable or not UTF-8 text comes back with
     * its {@link FileProblem} (NOT_FOUND, UNREADABLE, NOT_UTF8) and no events.
     */
    public IngestResult read(Path file) {
        return read(List.of(file)).get(0);
    }

    /**
     * Reads the files of one run ({@code produce file A B ...}), one result per file in the order
     * given. The run gives one figure per row: two rows with one identity (the same event id) but
     * different figures are both refused as {@code CONFLICTING_ROWS}, within a file or across
     * files, each naming the other's file and line. A report's rows are counted over all the files
     * ({@link ReportRows}).
     */
    public List<IngestResult> read(List<Path> files) {
        List<Parse> parses = new ArrayList<>();
        for (Path file : files) {
            parses.add(parse(file));
        }
        return finish(parses);
    }

    /** Reads from any reader; {@code fileName} is only used in messages. */
    public IngestResult read(String fileName, Reader reader) throws IOException {
        return finish(List.of(parse(fileName, reader))).get(0);
    }

    private Parse parse(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Parse(name)
                    .unusable(
                            ReasonCodes.NOT_FOUND,
                            "no such file: check the path"
                                    + (file.isAbsolute()
                                            ? ""
                                            : " (relative to "
                                                    + Path.of("").toAbsolutePath()
                                                    + ")"));
        } catch (AccessDeniedException e) {
            return new Parse(name)
                    .unusable(
                            ReasonCodes.UNREADABLE,
                            "permission denied: the file is not readable by this user");
        } catch (IOException e) {
            return new Parse(name)
                    .unusable(
                            ReasonCodes.UNREADABLE,
                            Files.isDirectory(file)
                                    ? "is a directory, not a file"
                                    : "cannot be read: " + e.getMessage());
        }
        String encoding = TextEncoding.problem(bytes);
        if (encoding != null) {
            return new Parse(name)
                    .unusable(ReasonCodes.NOT_UTF8, encoding + ": " + TextEncoding.ADVICE);
        }
        try (Reader r =
                new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            return parse(name, r);
        } catch (IOException e) {
            // bytes already checked as UTF-8: nothing left to fail
            throw new UncheckedIOException(e);
        }
    }

    private Parse parse(String fileName, Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) >= 0; ) {
            text.append(buffer, 0, n);
        }
        return new Parse(fileName).run(new TextRows(text.toString()));
    }

    /**
     * Refuses the conflicting rows of the run, counts each report's rows over the run, and gives
     * each file its result.
     */
    private List<IngestResult> finish(List<Parse> parses) {
        List<Parse> usable = parses.stream().filter(p -> p.problem == null).toList();
        RunConflicts.refuse(usable);
        List<SpecificRecord> all = new ArrayList<>();
        for (Parse p : usable) {
            all.addAll(p.events);
        }
        List<SpecificRecord> stamped = ReportRows.stamp(all);
        List<IngestResult> results = new ArrayList<>();
        int from = 0;
        for (Parse p : parses) {
            if (p.problem != null) {
                results.add(p.result(List.of()));
                continue;
            }
            int to = from + p.events.size();
            results.add(p.result(stamped.subList(from, to)));
            from = to;
        }
        return results;
    }

    /**
     * The run's rule of one figure per row: two rows with one event id but different figures are
     * both refused, each bad line naming the other (its line, or its file and line).
     */
    private static final class RunConflicts {
        private record Ref(Parse parse, int index) {
            long line() {
                return parse.eventLines.get(index);
            }
        }

        /** The row a refused row conflicts with: its file and line, read before any is dropped. */
        private record Other(Parse parse, long line) {}

        static void refuse(List<Parse> parses) {
            Map<String, Ref> first = new HashMap<>();
            Map<Parse, Map<Integer, Other>> refused = new LinkedHashMap<>();
            for (Parse p : parses) {
                for (int i = 0; i < p.events.size(); i++) {
                    SpecificRecord e = p.events.get(i);
                    Ref here = new Ref(p, i);
                    Ref earlier = first.putIfAbsent(InputEventType.of(e).eventId(e), here);
                    if (earlier != null
                            && !sameFigures(earlier.parse().events.get(earlier.index()), e)) {
                        refused.computeIfAbsent(p, k -> new HashMap<>())
                                .putIfAbsent(i, new Other(earlier.parse(), earlier.line()));
                        refused.computeIfAbsent(earlier.parse(), k -> new HashMap<>())
                                .putIfAbsent(earlier.index(), new Other(p, here.line()));
                    }
                }
            }
            refused.forEach(RunConflicts::drop);
        }

        private static void drop(Parse p, Map<Integer, Other> rows) {
            // a wide row gives several events: one bad line names every refused figure of it
            Map<Long, List<String>> refusedKeys = new HashMap<>();
            for (int i : new java.util.TreeSet<>(rows.keySet())) {
                refusedKeys
                        .computeIfAbsent(p.eventLines.get(i), l -> new ArrayList<>())
                        .add(InputEventType.of(p.events.get(i)).key(p.events.get(i)));
            }
            List<SpecificRecord> keptEvents = new ArrayList<>();
            List<Long> keptLines = new ArrayList<>();
            List<String> keptRaw = new ArrayList<>();
            for (int i = 0; i < p.events.size(); i++) {
                Other other = rows.get(i);
                if (other == null) {
                    keptEvents.add(p.events.get(i));
                    keptLines.add(p.eventLines.get(i));
                    keptRaw.add(p.eventRaw.get(i));
                    continue;
                }
                long line = p.eventLines.get(i);
                if (p.bad.stream().anyMatch(b -> b.line() == line)) {
                    continue; // one bad line per line, for a wide row's several events
                }
                long otherLine = other.line();
                List<String> keys = refusedKeys.get(line);
                String what =
                        identity(p.events.get(i))
                                + (keys.size() == 1
                                        ? ""
                                        : " (this line's "
                                                + String.join(", ", keys.subList(1, keys.size()))
                                                + " conflict too and are refused with it; its"
                                                + " other figures are kept)");
                boolean sameFile = other.parse() == p;
                if (!sameFile) {
                    p.conflictsAcrossFiles++;
                }
                p.bad.add(
                        p.badLine(
                                line,
                                p.eventRaw.get(i),
                                ReasonCodes.CONFLICTING_ROWS,
                                sameFile
                                        ? "this row and line "
                                                + otherLine
                                                + " give different figures for the same "
                                                + what
                                                + ": a file gives one figure per row; keep the"
                                                + " right one (a correction is published in a"
                                                + " later run of its own)"
                                        : "this row and "
                                                + other.parse().file
                                                + ":"
                                                + otherLine
                                                + " give different figures for the same "
                                                + what
                                                + ": one run publishes one figure per row. Two"
                                                + " trackers' copies of the same days: publish"
                                                + " one under its own source (a source column,"
                                                + " or --source NAME in a run of its own). A"
                                                + " correction: publish it alone in a later run,"
                                                + " where it replaces the earlier figure"));
            }
            p.events.clear();
            p.events.addAll(keptEvents);
            p.eventLines.clear();
            p.eventLines.addAll(keptLines);
            p.eventRaw.clear();
            p.eventRaw.addAll(keptRaw);
            p.bad.sort(java.util.Comparator.comparingLong(BadLine::line));
        }

        /** Equal events, a report's announced row count aside (it is counted over the run). */
        private static boolean sameFigures(SpecificRecord a, SpecificRecord b) {
            if (a.equals(b)) {
                return true;
            }
            return a instanceof FundFlow f
                    && b instanceof FundFlow g
                    && withoutCount(f).equals(withoutCount(g));
        }

        private static FundFlow withoutCount(FundFlow f) {
            return new FundFlow(
                    f.getEventId(),
                    f.getSource(),
                    f.getReportId(),
                    f.getReportDate(),
                    f.getPeriodStart(),
                    f.getPeriodEnd(),
                    f.getBreakdown(),
                    f.getKey(),
                    f.getNetFlowUsd(),
                    f.getAumUsd(),
                    f.getAsset(),
                    f.getRegion(),
                    f.getIssuer(),
                    null);
        }
    }

    /** One parse of one file: holds the header and the state of the wide snapshot layout. */
    private final class Parse {
        private final String file;
        private final List<SpecificRecord> events = new ArrayList<>();
        private final List<Long> eventLines = new ArrayList<>();
        private final List<String> eventRaw = new ArrayList<>();
        private final Map<String, LabelCount> labels = new LinkedHashMap<>();
        private final List<BadLine> bad = new ArrayList<>();
        private final Map<String, Instant> previousSnapshot = new HashMap<>();
        private final Map<String, Double> previousPrice = new HashMap<>();
        private FileProblem problem;
        private int conflictsAcrossFiles;
        private EtfFlowRows etf;
        private Map<String, String> markers = Map.of();
        private long currentLine;
        private InputLayout layout;
        private List<String> header;
        private boolean json;

        Parse(String file) {
            this.file = file;
        }

        /** A file that cannot be used as a whole, for a reason found before its text is read. */
        Parse unusable(String code, String message) {
            problem = new FileProblem(file, 0, code, message);
            return this;
        }

        Parse run(TextRows text) {
            long[] headerLine = new long[1];
            String first = text.firstContentLine(headerLine);
            if (first == null) {
                problem =
                        new FileProblem(
                                file,
                                0,
                                ReasonCodes.EMPTY_FILE,
                                "no header line: the file is empty or holds "
                                        + "only comments (see docs/input-formats.md)");
                return this;
            }
            json = first.strip().startsWith("{");
            markers = TableMarkers.read(text.commentsBeforeContent());
            List<TextRows.Row> rows = json ? text.jsonLines() : text.csvRecords();
            if (!json) {
                if (!readHeader(rows.get(0)) || !prepareLayout(headerLine[0])) {
                    return this;
                }
                rows = rows.subList(1, rows.size());
            }
            for (TextRows.Row row : rows) {
                parseRow(row);
                if (problem != null) {
                    return this;
                }
            }
            if (etf != null && !options.allowSmallFigures()) {
                String refusal = etf.smallFiguresRefusal(events, markers.containsKey("unit"));
                if (refusal != null) {
                    problem =
                            new FileProblem(
                                    file, headerLine[0], ReasonCodes.LIKELY_MILLIONS, refusal);
                }
            }
            return this;
        }

        /**
         * The file's result with its events as published ({@code published}: report rows counted).
         */
        private IngestResult result(List<SpecificRecord> published) {
            InputEventType type = layout == null ? options.type() : layout.type();
            return problem != null
                    ? IngestResult.unusable(problem, type)
                    : new IngestResult(
                            file,
                            type,
                            layout,
                            published,
                            bad,
                            null,
                            labels.values().stream().map(LabelCount::resolved).toList(),
                            etf == null ? List.of() : etf.notes(events),
                            conflictsAcrossFiles);
        }

        /**
         * Validates a CSV header; false (and the file's problem) when the file cannot be read with
         * it.
         */
        private boolean readHeader(TextRows.Row row) {
            String line = row.raw();
            long number = row.line();
            List<String> cells = row.cells();
            if (cells == null) {
                problem =
                        new FileProblem(
                                file,
                                number,
                                ReasonCodes.UNKNOWN_FORMAT,
                                "the header has an unbalanced quote");
                return false;
            }
            String separator = cells.size() == 1 ? otherSeparator(line) : null;
            if (separator != null) {
                problem =
                        new FileProblem(
                                file,
                                number,
                                ReasonCodes.SEPARATOR,
                                "the header is separated by "
                                        + separator
                                        + ", not commas: this looks like a spreadsheet export with another list separator; save it as "
                                        + "\"CSV UTF-8 (Comma delimited)\" or replace the separators with commas");
                return false;
            }
            List<String> names = cells.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
            ColumnProblem columns = checkColumns(names);
            if (columns != null) {
                problem = new FileProblem(file, number, columns.code(), columns.message());
                return false;
            }
            header = cells;
            return true;
        }

        /**
         * Readies the ETF layouts once the layout is known: the wide table's unit and asset from
         * its markers or the options (refused when neither states them, or they disagree). False
         * (and the file's problem) when the file cannot be read with them.
         */
        private boolean prepareLayout(long line) {
            if (etf != null
                    || (layout != InputLayout.ETF_FLOWS_DAILY
                            && layout != InputLayout.ETF_FLOWS_WIDE)) {
                return true;
            }
            String source =
                    options.defaultSource() != null
                            ? options.defaultSource()
                            : EtfFlowRows.DEFAULT_SOURCE;
            try {
                if (layout == InputLayout.ETF_FLOWS_DAILY) {
                    // --unit is for wide tables given in the same run; only the file's own
                    // marker can contradict its column
                    FlowUnit marked = TableMarkers.unit(markers, null);
                    if (marked != null && marked != FlowUnit.USD) {
                        throw new TableMarkers.Refusal(
                                "net_flow_usd is in whole US dollars, but the file is marked '#"
                                        + " unit: "
                                        + marked.label()
                                        + "'"
                                        + ": write the figures out in dollars, or paste the"
                                        + " tracker's table as it is (docs/input-formats.md)");
                    }
                    etf = new EtfFlowRows(source, l -> key(Breakdown.ASSET, l), null, null);
                    return true;
                }
                FlowUnit unit = TableMarkers.unit(markers, options.unit());
                if (unit == null) {
                    throw new TableMarkers.Refusal(TableMarkers.NO_UNIT);
                }
                String asset = TableMarkers.asset(markers, options.asset());
                String assetKey;
                try {
                    assetKey = key(Breakdown.ASSET, asset);
                } catch (LineError e) {
                    throw new TableMarkers.Refusal("the table's " + e.getMessage());
                }
                LabelCount stated = labels.get(Breakdown.ASSET + ":" + asset);
                if (stated != null) {
                    // stated once for the whole table: not a row
                    stated.rows--;
                    String marked = markers.get("asset");
                    stated.statedBy =
                            marked != null && !marked.isEmpty() ? "its '# asset:' line" : "--asset";
                }
                etf = new EtfFlowRows(source, l -> key(Breakdown.ASSET, l), unit, assetKey);
                return true;
            } catch (TableMarkers.Refusal e) {
                problem = new FileProblem(file, line, ReasonCodes.TABLE_MARKER, e.getMessage());
                return false;
            }
        }

        /**
         * Infers and checks the layout from column names; non-null when they do not make a layout.
         */
        private ColumnProblem checkColumns(List<String> names) {
            Set<String> set = new LinkedHashSet<>(names);
            if (set.size() != names.size()) {
                return new ColumnProblem(
                        ReasonCodes.UNKNOWN_COLUMN, "a column is named twice: " + names);
            }
            boolean etfTableStated =
                    markers.containsKey("unit")
                            || markers.containsKey("asset")
                            || options.unit() != null
                            || options.asset() != null;
            InputLayout inferred = InputLayout.infer(set, etfTableStated);
            if (inferred == null && InputLayout.datesAndTickersOnly(set)) {
                return new ColumnProblem(
                        ReasonCodes.UNKNOWN_FORMAT,
                        "header "
                                + names
                                + " has a date and ticker columns but no Total column and no"
                                + " snapshot_utc column: a flow tracker's table of one asset's"
                                + " ETFs is read without a Total column once it states its unit"
                                + " and asset ('# unit: usd-millions' and '# asset: BTC' above the"
                                + " header, or --unit and --asset); a table of daily prices needs"
                                + " a snapshot_utc column (see docs/input-formats.md)");
            }
            if (inferred == null) {
                return new ColumnProblem(
                        ReasonCodes.UNKNOWN_FORMAT,
                        "header matches no known input format: "
                                + names
                                + " (see docs/input-formats.md)");
            }
            if (options.type() != null && inferred.type() != options.type()) {
                return new ColumnProblem(
                        ReasonCodes.UNKNOWN_FORMAT,
                        "header is a "
                                + inferred.type().label()
                                + " layout ("
                                + inferred
                                + ") but --type "
                                + options.type().label()
                                + " was given");
            }
            List<String> missing =
                    inferred.required().stream().filter(c -> !set.contains(c)).toList();
            List<String> unknown =
                    names.stream()
                            .filter(
                                    c ->
                                            !inferred.required().contains(c)
                                                    && !inferred.optional().contains(c))
                            .filter(
                                    c ->
                                            inferred != InputLayout.PRICE_SNAPSHOTS_WIDE
                                                    || !SYMBOL.matcher(c.toUpperCase(Locale.ROOT))
                                                            .matches())
                            .filter(
                                    c ->
                                            inferred != InputLayout.ETF_FLOWS_WIDE
                                                    || !EtfFlowRows.issuerColumn(c))
                            .toList();
            if (!missing.isEmpty()) {
                return new ColumnProblem(
                        ReasonCodes.MISSING_COLUMN, missingColumns(inferred, missing, unknown));
            }
            if (!unknown.isEmpty()) {
                return new ColumnProblem(
                        ReasonCodes.UNKNOWN_COLUMN,
                        "unknown column '"
                                + unknown.get(0)
                                + "' for "
                                + inferred
                                + " (known: "
                                + known(inferred)
                                + ")");
            }
            if (inferred == InputLayout.PRICE_SNAPSHOTS_WIDE && set.size() < 3) {
                return new ColumnProblem(
                        ReasonCodes.MISSING_COLUMN,
                        "a wide snapshot file needs at least one price column");
            }
            if (layout == null) {
                layout = inferred;
            } else if (layout != inferred) {
                return new ColumnProblem(
                        ReasonCodes.UNKNOWN_FORMAT,
                        "fields are a " + inferred + " layout but the file started as " + layout);
            }
            return null;
        }

        private void parseRow(TextRows.Row source) {
            String line = source.raw();
            long number = source.line();
            Map<String, String> row;
            if (json) {
                row = jsonRow(line, number);
                if (row == null) {
                    return;
                }
                ColumnProblem columns = checkColumns(new ArrayList<>(row.keySet()));
                if (columns != null) {
                    bad.add(badLine(number, line, columns.code(), columns.message()));
                    return;
                }
                if (!prepareLayout(number)) {
                    return;
                }
            } else {
                List<String> cells = source.cells();
                if (cells == null) {
                    bad.add(badLine(number, line, ReasonCodes.COLUMN_COUNT, source.error()));
                    return;
                }
                if (cells.size() != header.size()) {
                    bad.add(
                            badLine(
                                    number,
                                    line,
                                    ReasonCodes.COLUMN_COUNT,
                                    "expected "
                                            + header.size()
                                            + " columns as in the header, found "
                                            + cells.size()));
                    return;
                }
                row = new LinkedHashMap<>();
                for (int i = 0; i < cells.size(); i++) {
                    row.put(header.get(i).toLowerCase(Locale.ROOT), cells.get(i));
                }
            }
            List<SpecificRecord> built;
            currentLine = number;
            try {
                built = build(row);
            } catch (LineError e) {
                bad.add(badLine(number, line, e.code, e.getMessage()));
                return;
            } catch (EtfFlowRows.BadCell e) {
                bad.add(badLine(number, line, e.code(), e.getMessage()));
                return;
            }
            List<Violation> violations = new ArrayList<>();
            for (SpecificRecord event : built) {
                violations.addAll(layout.type().validate(event));
            }
            if (!violations.isEmpty()) {
                bad.add(
                        badLine(
                                number,
                                line,
                                violations.get(0).code(),
                                violations.stream()
                                        .map(Violation::toString)
                                        .collect(Collectors.joining("; "))));
                return;
            }
            if (layout == InputLayout.PRICE_SNAPSHOTS_WIDE) {
                for (SpecificRecord event : built) {
                    PriceBar bar = (PriceBar) event;
                    String column =
                            bar.getInstrument()
                                    .substring(0, bar.getInstrument().length() - "-USD".length());
                    previousSnapshot.put(column, bar.getIntervalEnd());
                    previousPrice.put(column, bar.getClose());
                }
            }
            for (SpecificRecord event : built) {
                events.add(event);
                eventLines.add(number);
                eventRaw.add(line);
            }
        }

        private Map<String, String> jsonRow(String line, long number) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                bad.add(
                        badLine(
                                number,
                                line,
                                ReasonCodes.BAD_JSON,
                                "not valid JSON: " + e.getOriginalMessage()));
                return null;
            }
            if (node == null || !node.isObject()) {
                bad.add(badLine(number, line, ReasonCodes.BAD_JSON, "not a JSON object"));
                return null;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isContainerNode()) {
                    bad.add(
                            badLine(
                                    number,
                                    line,
                                    ReasonCodes.BAD_JSON,
                                    "field '" + e.getKey() + "' is not a scalar"));
                    return null;
                }
                row.put(e.getKey().toLowerCase(Locale.ROOT), v.isNull() ? "" : v.asText().trim());
            }
            return row;
        }

        private List<SpecificRecord> build(Map<String, String> row) {
            return switch (layout) {
                case FUND_FLOWS -> List.of(fundFlow(row));
                case ETF_FLOWS_DAILY -> List.copyOf(etf.dailyRow(row, currentLine));
                case ETF_FLOWS_WIDE -> List.copyOf(etf.wideRow(row, currentLine));
                case PRICE_BARS -> List.of(priceBar(row));
                case PRICE_SNAPSHOTS_WIDE -> snapshots(row);
                case VOLUME_BARS -> List.of(volumeBar(row));
                case METAL_QUOTES -> List.of(metalQuote(row));
                case METAL_POINTS -> List.of(metalPoint(row));
                case INSTITUTIONAL_EXPOSURES -> List.of(exposure(row));
            };
        }

        private FundFlow fundFlow(Map<String, String> row) {
            String reportId = required(row, "report_id");
            String reportDateText = row.getOrDefault("report_date", "");
            LocalDate reportDate = reportDateText.isEmpty() ? null : date(row, "report_date");
            LocalDate start = date(row, "period_start");
            LocalDate end = date(row, "period_end");
            Breakdown breakdown = breakdown(required(row, "breakdown"));
            String key = key(breakdown, required(row, "key"));
            double net = number(row, "net_flow_usd");
            Double aum = optionalNumber(row, "aum_usd");
            Integer reportRows = optionalCount(row, "report_rows");
            String source = row.getOrDefault("source", "");
            if (source.isEmpty()) {
                if (reportId.toLowerCase(Locale.ROOT).startsWith("coinshares")) {
                    source = "coinshares";
                } else if (options.defaultSource() != null) {
                    source = options.defaultSource();
                } else {
                    throw new LineError(
                            EventValidator.MISSING_FIELD,
                            "source is empty and report_id '"
                                    + reportId
                                    + "' does not start with coinshares");
                }
            }
            Instant periodStart = start.atStartOfDay(ZoneOffset.UTC).toInstant();
            // period_end is an inclusive date; the event's periodEnd is exclusive
            Instant periodEnd = end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            return new FundFlow(
                    EventIds.fundFlow(source, reportId, breakdown, key, periodStart, periodEnd),
                    source,
                    reportId,
                    reportDate,
                    periodStart,
                    periodEnd,
                    breakdown,
                    key,
                    net,
                    aum,
                    breakdown == Breakdown.ASSET ? key : null,
                    breakdown == Breakdown.REGION ? key : null,
                    null,
                    reportRows);
        }

        /**
         * The key a report's label names ({@link BreakdownKeys#resolve}); a label the keys do not
         * know makes the row bad, since the processor would dead-letter it.
         */
        private String key(Breakdown breakdown, String label) {
            BreakdownKeys.Resolution r = options.keys().resolve(breakdown, label);
            switch (r.status()) {
                case KEY:
                    return r.key();
                case ALIAS:
                    labels.computeIfAbsent(
                                    breakdown + ":" + label, l -> new LabelCount(breakdown, r))
                            .rows++;
                    return r.key();
                default:
                    boolean asset = breakdown == Breakdown.ASSET;
                    throw new LineError(
                            asset ? ReasonCodes.UNKNOWN_ASSET : ReasonCodes.UNKNOWN_REGION,
                            (asset ? "asset" : "region")
                                    + " '"
                                    + label
                                    + "' is not "
                                    + (asset
                                            ? "in assets.known"
                                            : "an ISO 3166-1 alpha-2 region code")
                                    + ", a bucket (assets.buckets) or a label the configuration"
                                    + " knows: the processor would dead-letter it; name its key"
                                    + " in "
                                    + BreakdownKeys.aliasKeyFor(breakdown)
                                    + " of the processor's configuration (and pass --config)");
            }
        }

        private PriceBar priceBar(Map<String, String> row) {
            String instrument = required(row, "instrument");
            Instant start = instant(row, "interval_start");
            Instant end = instant(row, "interval_end");
            double open = number(row, "open");
            double high = number(row, "high");
            double low = number(row, "low");
            double close = number(row, "close");
            String source = source(row, UNSPECIFIED_SOURCE);
            return new PriceBar(
                    EventIds.priceBar(source, instrument, start, end),
                    source,
                    instrument,
                    start,
                    end,
                    open,
                    high,
                    low,
                    close);
        }

        private List<SpecificRecord> snapshots(Map<String, String> row) {
            date(row, "date");
            Instant snapshot = instant(row, "snapshot_utc");
            String source = source(row, SNAPSHOT_SOURCE);
            List<SpecificRecord> bars = new ArrayList<>();
            for (Map.Entry<String, String> cell : row.entrySet()) {
                String column = cell.getKey().toUpperCase(Locale.ROOT);
                if (column.equals("DATE")
                        || column.equals("SNAPSHOT_UTC")
                        || cell.getValue().isEmpty()) {
                    continue;
                }
                double close = number(row, cell.getKey());
                Instant start =
                        previousSnapshot.getOrDefault(
                                column, snapshot.minus(java.time.Duration.ofDays(1)));
                double open = previousPrice.getOrDefault(column, close);
                String instrument = column + "-USD";
                bars.add(
                        new PriceBar(
                                EventIds.priceBar(source, instrument, start, snapshot),
                                source,
                                instrument,
                                start,
                                snapshot,
                                open,
                                Math.max(open, close),
                                Math.min(open, close),
                                close));
            }
            return bars;
        }

        private VolumeBar volumeBar(Map<String, String> row) {
            String instrument = required(row, "instrument");
            Instant start = instant(row, "interval_start");
            Instant end = instant(row, "interval_end");
            double base = number(row, "volume_base");
            Double usd = optionalNumber(row, "volume_usd");
            String source = source(row, UNSPECIFIED_SOURCE);
            return new VolumeBar(
                    EventIds.volumeBar(source, instrument, start, end),
                    source,
                    instrument,
                    start,
                    end,
                    base,
                    usd);
        }

        private MetalQuote metalQuote(Map<String, String> row) {
            Metal metal = metal(required(row, "metal"));
            Instant start = instant(row, "interval_start");
            Instant end = instant(row, "interval_end");
            double spot = number(row, "spot_usd_per_oz");
            Double high = optionalNumber(row, "high");
            Double low = optionalNumber(row, "low");
            Double volume = optionalNumber(row, "volume_oz");
            Double flow = optionalNumber(row, "product_flow_usd");
            String source = source(row, UNSPECIFIED_SOURCE);
            return new MetalQuote(
                    EventIds.metalQuote(source, metal, start, end),
                    source,
                    metal,
                    start,
                    end,
                    spot,
                    high,
                    low,
                    volume,
                    flow);
        }

        private MetalQuote metalPoint(Map<String, String> row) {
            LocalDate day = date(row, "date");
            Metal metal = metal(required(row, "metal"));
            double spot = number(row, "spot_usd_per_oz");
            String source = source(row, POINTS_SOURCE);
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            return new MetalQuote(
                    EventIds.metalQuote(source, metal, start, end),
                    source,
                    metal,
                    start,
                    end,
                    spot,
                    null,
                    null,
                    null,
                    null);
        }

        private SpecificRecord exposure(Map<String, String> row) {
            try {
                return ExposureRows.exposure(row, source(row, UNSPECIFIED_SOURCE));
            } catch (ExposureRows.BadCell e) {
                throw new LineError(e.code(), e.getMessage());
            }
        }

        private String source(Map<String, String> row, String layoutDefault) {
            String s = row.getOrDefault("source", "");
            if (!s.isEmpty()) {
                return s;
            }
            return options.defaultSource() != null ? options.defaultSource() : layoutDefault;
        }

        private BadLine badLine(long number, String raw, String code, String message) {
            return new BadLine(
                    file,
                    number,
                    code,
                    message,
                    raw,
                    layout == null ? options.type() : layout.type());
        }
    }

    private static String required(Map<String, String> row, String column) {
        String v = row.getOrDefault(column, "");
        if (v.isEmpty()) {
            throw new LineError(EventValidator.MISSING_FIELD, column + " is empty");
        }
        return v;
    }

    private static double number(Map<String, String> row, String column) {
        return parseNumber(column, required(row, column));
    }

    private static Double optionalNumber(Map<String, String> row, String column) {
        String v = row.getOrDefault(column, "");
        return v.isEmpty() ? null : parseNumber(column, v);
    }

    /** An optional whole number of at least 1 (a count), or null when the cell is empty. */
    private static Integer optionalCount(Map<String, String> row, String column) {
        String v = row.getOrDefault(column, "");
        if (v.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what a valid value is
        }
        throw new LineError(
                ReasonCodes.BAD_NUMBER,
                column + " is not a whole number of at least 1: '" + v + "'");
    }

    private static double parseNumber(String column, String text) {
        if (NUMBER.matcher(text).matches()) {
            double v = Double.parseDouble(text);
            // -0 is 0: a reprint writing "-0" for "0" is the same figure, not a revision
            return v == 0 ? 0.0 : v;
        }
        // accepted here so that the validator names them NOT_FINITE rather than BAD_NUMBER
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "infinity", "+infinity", "inf", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-infinity", "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                throw new LineError(
                        ReasonCodes.BAD_NUMBER, column + " is not a number: '" + text + "'");
        }
    }

    private static LocalDate date(Map<String, String> row, String column) {
        String v = required(row, column);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new LineError(
                    ReasonCodes.BAD_DATE,
                    column + " is not an ISO-8601 date (yyyy-MM-dd): '" + v + "'");
        }
    }

    private static Instant instant(Map<String, String> row, String column) {
        String v = required(row, column);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e3) {
                    throw new LineError(
                            ReasonCodes.BAD_DATE,
                            column + " is not an ISO-8601 instant: '" + v + "'");
                }
            }
        }
    }

    private static Breakdown breakdown(String text) {
        try {
            Breakdown b = Breakdown.valueOf(text.toUpperCase(Locale.ROOT));
            if (b != Breakdown.UNKNOWN) {
                return b;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new LineError(
                EventValidator.UNKNOWN_BREAKDOWN,
                "breakdown '" + text + "' is not one of TOTAL, ASSET, REGION, PROVIDER");
    }

    private static Metal metal(String text) {
        try {
            Metal m = Metal.valueOf(text.toUpperCase(Locale.ROOT));
            if (m != Metal.UNKNOWN) {
                return m;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new LineError(
                EventValidator.UNKNOWN_METAL,
                "metal '" + text + "' is not one of XAU, XAG, XPT, XPD");
    }

    /**
     * What a header lacks, naming beside it the columns it has that the layout does not know
     * (misspellings, usually).
     */
    private static String missingColumns(
            InputLayout layout, List<String> missing, List<String> unknown) {
        StringBuilder sb = new StringBuilder();
        sb.append(missing.size() == 1 ? "required column " : "required columns ")
                .append(quoted(missing))
                .append(missing.size() == 1 ? " is missing" : " are missing")
                .append(" for ")
                .append(layout);
        if (!unknown.isEmpty()) {
            sb.append(", and the header has ")
                    .append(quoted(unknown))
                    .append(
                            unknown.size() == 1
                                    ? ", which is not one of its columns"
                                    : ", which are not among its columns");
            if (missing.size() == 1 && unknown.size() == 1) {
                sb.append(" (a misspelling of '").append(missing.get(0)).append("'?)");
            }
        }
        return sb.append(". Required: ")
                .append(String.join(", ", layout.required()))
                .append(
                        layout.optional().isEmpty()
                                ? ""
                                : "; optional: " + String.join(", ", layout.optional()))
                .append(" (see docs/input-formats.md)")
                .toString();
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    /** {@code "semicolons (';')"} or {@code "tabs"} when the line holds one of them, else null. */
    private static String otherSeparator(String line) {
        if (line.indexOf(';') >= 0) {
            return "semicolons (';')";
        }
        return line.indexOf('\t') >= 0 ? "tabs" : null;
    }

    /** How often one publisher's label was read as its key. */
    private static final class LabelCount {
        final Breakdown breakdown;
        final BreakdownKeys.Resolution resolution;
        int rows;
        String statedBy;

        LabelCount(Breakdown breakdown, BreakdownKeys.Resolution resolution) {
            this.breakdown = breakdown;
            this.resolution = resolution;
        }

        IngestResult.ResolvedLabel resolved() {
            return new IngestResult.ResolvedLabel(
                    breakdown, resolution.label(), resolution.key(), rows, statedBy);
        }
    }

    /** How a row names itself in messages: {@code ASSET:BTC of coinshares/x for 2026-01-19..}. */
    private static String identity(SpecificRecord e) {
        if (e instanceof FundFlow f) {
            return "row "
                    + f.getBreakdown()
                    + ":"
                    + f.getKey()
                    + " of "
                    + f.getSource()
                    + (f.getReportId() == null ? "" : "/" + f.getReportId())
                    + " for "
                    + f.getPeriodStart()
                    + " to "
                    + f.getPeriodEnd();
        }
        InputEventType t = InputEventType.of(e);
        return t.label()
                + " event "
                + t.key(e)
                + " ending "
                + java.time.Instant.ofEpochMilli(t.eventTime(e) + 1);
    }

    /** Why a set of column names is not a layout. */
    private record ColumnProblem(String code, String message) {}

    private static List<String> known(InputLayout layout) {
        List<String> all = new ArrayList<>(layout.required());
        all.addAll(layout.optional());
        return all;
    }

    /** A line that cannot become an event; carries its reason code. */
    private static final class LineError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        LineError(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
