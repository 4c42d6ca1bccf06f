package dev.rotation.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rotation.app.evaluation.Evaluation;
import dev.rotation.app.evaluation.EvaluationReport;
import dev.rotation.app.evaluation.ReportCharts;
import dev.rotation.app.evaluation.ReportMarkdown;
import dev.rotation.app.evaluation.TypeScore;
import dev.rotation.model.cli.CommandErrors;
import dev.rotation.model.cli.UserError;
import dev.rotation.processor.config.keys.ConfigurationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rotation-detector evaluate}: detection quality, measured offline (docs/evaluation.md).
 * Planted scenarios and near misses from the simulator go through the production topology on a
 * TopologyTestDriver; the FINAL signals are matched to the labels (precision and recall per type
 * with Wilson intervals), their confidence is checked for calibration, a threshold sweep shows how
 * the figures move, and the bundled real history gets a scorecard of what followed each FINAL
 * signal. Writes {@code evaluation.md}, {@code evaluation.json} and three PNG charts to {@code
 * --out}.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Measure detection quality offline: precision and recall per type on planted scenarios"
                    + " and near misses, calibration of confidence, a threshold sweep, and what"
                    + " followed each FINAL signal on the bundled real history (docs/evaluation.md)."
        })
public final class EvaluateCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--seeds",
            defaultValue = "20",
            description = "Simulated runs, one seed each (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--weeks",
            defaultValue = "52",
            description = "Weeks per run (default ${DEFAULT-VALUE}; at least 8).")
    int weeks;

    @Option(
            names = "--threshold",
            paramLabel = "KEY=VALUE",
            description =
                    "Override a detector threshold (any processor configuration key, e.g."
                            + " rule.concentration.share=0.75); repeatable.")
    Map<String, String> thresholds = new LinkedHashMap<>();

    @Option(
            names = "--sweep-seeds",
            defaultValue = "4",
            description =
                    "Runs the threshold sweep replays (default ${DEFAULT-VALUE}; 0 for no sweep).")
    int sweepSeeds;

    @Option(
            names = "--parallel",
            defaultValue = "1",
            description = "Runs replayed at once (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(
            names = "--out",
            defaultValue = "evaluation",
            description =
                    "Folder for evaluation.md, evaluation.json and the charts (default ${DEFAULT-VALUE}).")
    Path out;

    /** Fewer weeks leave no room after the baseline for a scenario and its quiet week. */
    public static final int MIN_WEEKS = 8;

    @Override
    public Integer call() throws IOException {
        if (seeds < 1) {
            throw usage("--seeds must be at least 1: " + seeds);
        }
        if (weeks < MIN_WEEKS) {
            throw usage(
                    "--weeks must be at least "
                            + MIN_WEEKS
                            + " (4 baseline weeks first): "
                            + weeks);
        }
        if (sweepSeeds < 0 || parallel < 1) {
            throw usage("--sweep-seeds must be 0 or more and --parallel at least 1");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        EvaluationReport report;
        try {
            report =
                    Evaluation.run(
                            new Evaluation.Settings(
                                    seeds, weeks, thresholds, sweepSeeds, parallel, commandText()),
                            line -> {
                                stdout.println(line);
                                stdout.flush();
                            });
        } catch (ConfigurationException e) {
            throw usage(e.getMessage());
        }
        Files.createDirectories(out);
        Files.writeString(
                out.resolve("evaluation.md"),
                ReportMarkdown.render(report),
                StandardCharsets.UTF_8);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("evaluation.json").toFile(), report);
        ReportCharts.write(report, out);
        for (TypeScore t : report.types()) {
            stdout.printf(
                    "%-24s precision %s %s  recall %s %s%n",
                    t.type(),
                    ReportMarkdown.share(t.precision()),
                    ReportMarkdown.interval(t.precision()),
                    ReportMarkdown.share(t.recall()),
                    ReportMarkdown.interval(t.recall()));
        }
        stdout.println(
                "Wrote evaluation.md, evaluation.json, "
                        + ReportCharts.RELIABILITY
                        + ", "
                        + ReportCharts.PRECISION_RECALL
                        + " and "
                        + ReportCharts.FORWARD_RETURNS
                        + " to "
                        + out);
        return 0;
    }

    private String commandText() {
        StringBuilder s = new StringBuilder("./rotation-detector evaluate --seeds ");
        s.append(seeds).append(" --weeks ").append(weeks);
        thresholds.forEach((k, v) -> s.append(" --threshold ").append(k).append('=').append(v));
        s.append(" --sweep-seeds ").append(sweepSeeds);
        return s.toString();
    }

    private static UserError usage(String line) {
        return new UserError(line, CommandErrors.EXIT_USAGE);
    }
}
