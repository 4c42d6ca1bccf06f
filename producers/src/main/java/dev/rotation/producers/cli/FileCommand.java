package dev.rotation.producers.cli;

import dev.rotation.model.cli.ConnectionOptions;
import dev.rotation.model.cli.UserError;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.labels.BreakdownKeys;
import dev.rotation.producers.events.ReportRows;
import dev.rotation.producers.ingest.BadLine;
import dev.rotation.producers.ingest.EventFileReader;
import dev.rotation.producers.ingest.FileProblem;
import dev.rotation.producers.ingest.FlowUnit;
import dev.rotation.producers.ingest.IngestResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code produce file PATH...}: publishes CSV or JSON Lines files (see docs/input-formats.md). */
@Command(
        name = "file",
        mixinStandardHelpOptions = true,
        description =
                "Publish events read from CSV or JSON Lines files; the type is told from the header.")
public final class FileCommand implements Callable<Integer> {

    public enum OnError {
        FAIL,
        DEAD_LETTER
    }

    @ParentCommand ProduceCommand parent;

    @Spec CommandSpec spec;

    @Mixin ConnectionOptions connection;

    @Mixin TopicOptions topics;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Input files (.csv or .jsonl).")
    List<Path> files;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            converter = EventTypeConverter.class,
            description =
                    "flows, prices, volumes, metals or exposures (default: told from each file's header).")
    InputEventType type;

    @Option(
            names = "--source",
            paramLabel = "NAME",
            description =
                    "Source for rows without one (default: see docs/input-formats.md; us-spot-etf for the"
                            + " US spot ETF layouts).")
    String source;

    @Option(
            names = "--unit",
            paramLabel = "usd-millions|usd",
            converter = FlowUnitConverter.class,
            description =
                    "Unit of a wide ETF flow table's figures, when the file has no '# unit:' line (trackers"
                            + " print US$ millions). A wide table with neither is refused.")
    FlowUnit unit;

    @Option(
            names = "--asset",
            paramLabel = "ASSET",
            description =
                    "Asset of a wide ETF flow table (BTC, ETH, ...), when the file has no '# asset:' line.")
    String asset;

    @Option(
            names = "--dry-run",
            description =
                    "Read and check the files exactly as a real run would and print what it would publish (per"
                            + " type, and the fund flows' sums per source and breakdown); publish nothing and"
                            + " contact no broker. Exits as a real run would on bad input (3), else 0.")
    boolean dryRun;

    @Option(
            names = "--allow-small-figures",
            description =
                    "Publish a US spot ETF file whose every figure is below $100,000 as given. Without it such a"
                            + " file is refused (LIKELY_MILLIONS): its figures are most likely US$ millions in a"
                            + " file that says dollars.")
    boolean allowSmallFigures;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "The processor's configuration file: its assets.known, assets.buckets, asset.aliases.* and "
                            + "region.aliases.* name the keys of ASSET and REGION rows and the publishers' labels of each "
                            + "(RD_* variables too). Default: the shipped keys and labels.")
    Path config;

    @Option(
            names = "--on-error",
            paramLabel = "fail|dead-letter",
            defaultValue = "fail",
            converter = OnErrorConverter.class,
            description =
                    "fail (default): publish nothing from a file with a bad line, print each file:line: reason, "
                            + "exit 3. dead-letter: publish the good rows and send each bad line to the dead-letter topic. "
                            + "A file that cannot be used as a whole (missing, not UTF-8, not comma-separated, a bad header) "
                            + "always stops the run with exit 3.")
    OnError onError;

    /**
     * Reads every file before publishing anything. A file that cannot be used as a whole (see
     * {@link FileProblem}) stops the run with exit 3 whatever {@code --on-error} says; bad lines
     * (labels the configuration does not know among them, and rows that give another figure than a
     * row of the same identity in this or another file of the run) stop it only with {@code
     * --on-error=fail}. What a file's reader skipped or doubts without refusing a line (a pasted
     * Total row, a day whose Total disagrees with its issuers) is printed after its summary line
     * and never stops the run. The events of all files are published in event-time order; rows of
     * one source whose periods overlap are named with the one the processor will leave out, and the
     * run ends with the events published per type and the event times they span.
     */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        EventFileReader reader =
                new EventFileReader(
                        new EventFileReader.Options(
                                type, source, breakdownKeys(), unit, asset, allowSmallFigures));
        List<SpecificRecord> events = new ArrayList<>();
        List<BadLine> bad = new ArrayList<>();
        boolean anyBadFile = false;
        boolean anyUnusableFile = false;
        List<IngestResult> results = reader.read(files);
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            IngestResult r = results.get(i);
            if (!r.usable()) {
                err.println(r.problem().describe() + ". Nothing was published.");
                anyUnusableFile = true;
                continue;
            }
            for (BadLine b : r.badLines()) {
                err.println(b.describe());
            }
            err.println(
                    file
                            + ": "
                            + r.events().size()
                            + " events"
                            + (r.type() == null ? "" : " (" + r.type().label() + ")")
                            + ", "
                            + r.badLines().size()
                            + " bad lines"
                            + (r.conflictsAcrossFiles() == 0
                                    ? ""
                                    : " ("
                                            + r.conflictsAcrossFiles()
                                            + " conflicting with another file)")
                            + (r.notes().isEmpty() ? "" : ", " + r.notes().size() + " notes"));
            for (String note : r.notes()) {
                err.println(file + ": " + note);
            }
            if (!r.resolvedLabels().isEmpty()) {
                err.println(
                        file
                                + ": publishers' labels read as keys: "
                                + r.resolvedLabels().stream()
                                        .map(IngestResult.ResolvedLabel::describe)
                                        .collect(Collectors.joining(", ")));
            }
            if (!r.clean() && onError == OnError.FAIL) {
                anyBadFile = true;
                continue;
            }
            events.addAll(r.events());
            bad.addAll(r.badLines());
        }
        if (anyUnusableFile) {
            return ProduceCommand.EXIT_BAD_INPUT;
        }
        if (anyBadFile) {
            err.println(
                    "Nothing published: bad lines found (use --on-error=dead-letter to publish the good rows "
                            + "and dead-letter the bad ones).");
            return ProduceCommand.EXIT_BAD_INPUT;
        }
        // a report whose rows are spread over several files is counted over all of them
        List<SpecificRecord> ordered = PublishPlan.inEventTimeOrder(ReportRows.stamp(events));
        PublishPlan.overlappingPeriods(ordered).forEach(err::println);
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            out.println(
                    "Dry run: nothing was published and no broker was contacted; a real run would"
                            + " send "
                            + ordered.size()
                            + " events and dead-letter "
                            + bad.size()
                            + (bad.size() == 1 ? " bad line" : " bad lines"));
            printPlan(out, events, ordered, "Would publish");
            return ProduceCommand.EXIT_OK;
        }
        int exit =
                ProduceCommand.publish(
                        spec,
                        connection,
                        topics,
                        parent.env(),
                        ordered.iterator(),
                        ordered.size(),
                        0,
                        null,
                        bad);
        printPlan(out, events, ordered, "Published");
        return exit;
    }

    /** What was (or would be) published: per type, then the fund flows' sums. */
    private static void printPlan(
            PrintWriter out,
            List<SpecificRecord> inFileOrder,
            List<SpecificRecord> ordered,
            String verb) {
        out.println(PublishPlan.byType(ordered, verb));
        List<String> sums = PublishPlan.flowSums(inFileOrder);
        if (!sums.isEmpty()) {
            out.println(
                    "Fund flows by source and breakdown (net US dollars; breakdowns and sources are"
                            + " never added together):");
            sums.forEach(out::println);
        }
        out.flush();
    }

    /** The keys and labels of the processor's configuration ({@code --config}, RD_* variables). */
    private BreakdownKeys breakdownKeys() {
        try {
            return BreakdownKeys.load(config, parent.env());
        } catch (UncheckedIOException e) {
            throw new UserError(
                    "Cannot read the configuration file "
                            + config
                            + ": "
                            + e.getCause().getMessage(),
                    ProduceCommand.EXIT_USAGE);
        } catch (BreakdownKeys.InvalidKey e) {
            throw new UserError(
                    "Invalid configuration '"
                            + e.key()
                            + "="
                            + e.value()
                            + "'"
                            + (config == null ? "" : " (from " + config + ")")
                            + ": "
                            + e.reason(),
                    ProduceCommand.EXIT_USAGE);
        }
    }

    static final class EventTypeConverter
            implements picocli.CommandLine.ITypeConverter<InputEventType> {
        @Override
        public InputEventType convert(String value) {
            try {
                return InputEventType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class FlowUnitConverter implements picocli.CommandLine.ITypeConverter<FlowUnit> {
        @Override
        public FlowUnit convert(String value) {
            FlowUnit u = FlowUnit.parse(value);
            if (u == null) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "': expected usd-millions or usd");
            }
            return u;
        }
    }

    static final class OnErrorConverter implements picocli.CommandLine.ITypeConverter<OnError> {
        @Override
        public OnError convert(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "fail" -> OnError.FAIL;
                case "dead-letter", "dead_letter", "deadletter" -> OnError.DEAD_LETTER;
                default ->
                        throw new picocli.CommandLine.TypeConversionException(
                                "'" + value + "': expected fail or dead-letter");
            };
        }
    }
}
