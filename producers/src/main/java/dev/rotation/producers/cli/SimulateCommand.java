package dev.rotation.producers.cli;

import dev.rotation.model.cli.ConnectionOptions;
import dev.rotation.producers.simulator.MarketSimulator;
import dev.rotation.producers.simulator.Scenario;
import dev.rotation.producers.simulator.ScenarioLabel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code produce simulate}: publishes (or, with --dry-run, only generates) a simulated market. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description =
                "Publish a seeded, deterministic simulated market with planted scenarios and a ground-truth label file.")
public final class SimulateCommand implements Callable<Integer> {

    @ParentCommand ProduceCommand parent;

    @Spec CommandSpec spec;

    @Mixin ConnectionOptions connection;

    @Mixin TopicOptions topics;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--weeks",
            defaultValue = "30",
            description = "Weeks to simulate (default: ${DEFAULT-VALUE}).")
    int weeks;

    @Option(
            names = "--start",
            defaultValue = "2025-10-06",
            description = "Monday the first week starts (default: ${DEFAULT-VALUE}).")
    LocalDate start;

    @Option(
            names = "--bar-interval",
            defaultValue = "1d",
            converter = DurationConverter.class,
            description =
                    "Length of a price/volume/metal bar: 1s, 1m, 1h, 1d... (default: ${DEFAULT-VALUE}).")
    Duration barInterval;

    @Option(
            names = "--level",
            defaultValue = "93000",
            description = "BTC level for LEVEL_BREACH (default: ${DEFAULT-VALUE}).")
    double level;

    @Option(
            names = "--scenario",
            paramLabel = "NAME[@WEEK]",
            split = ",",
            description =
                    "Scenario to plant, optionally at a week index or a date in that week (NAME@7, NAME@2025-11-24). "
                            + "Default: all eight, at weeks 4, 7, 10, ... as far as --weeks allows. 'none' plants nothing.")
    List<String> scenarios;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description = "Write the ground-truth label CSV here.")
    Path labels;

    @Option(
            names = "--rate",
            paramLabel = "EVENTS_PER_S",
            defaultValue = "0",
            description =
                    "Pace publishing to this many events per second (default: as fast as possible).")
    double rate;

    @Option(
            names = "--duration",
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "Stop after this long (e.g. 30s, 5m) even if the run is not finished.")
    Duration duration;

    @Option(
            names = "--dry-run",
            description = "Generate without publishing and print the events/s achieved.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        MarketSimulator.Options options;
        try {
            options =
                    new MarketSimulator.Options(
                            seed, start, weeks, barInterval, placement(), level);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        MarketSimulator sim = new MarketSimulator(options);
        if (labels != null) {
            ScenarioLabel.write(sim.labels(), labels);
            out.println("Wrote " + sim.labels().size() + " labels to " + labels);
        }
        out.println(
                "Simulating "
                        + weeks
                        + " weeks from "
                        + start
                        + " with "
                        + barInterval
                        + " bars: "
                        + sim.eventCount()
                        + " events, scenarios "
                        + options.scenarios());
        if (dryRun) {
            return dryRun(sim, out);
        }
        return ProduceCommand.publish(
                spec,
                connection,
                topics,
                parent.env(),
                sim.iterator(),
                sim.eventCount(),
                rate,
                duration,
                List.of());
    }

    private int dryRun(MarketSimulator sim, PrintWriter out) {
        Progress progress =
                new Progress(
                        spec.commandLine().getErr(), System.console() != null, sim.eventCount());
        dev.rotation.producers.publish.Pacer pacer = new dev.rotation.producers.publish.Pacer(rate);
        long t0 = System.nanoTime();
        long deadline = duration == null ? Long.MAX_VALUE : t0 + duration.toNanos();
        long n = 0;
        long checksum = 0;
        Iterator<SpecificRecord> it = sim.iterator();
        while (it.hasNext() && System.nanoTime() < deadline) {
            pacer.acquire();
            // touch every event so the generation cannot be optimised away
            checksum += it.next().hashCode();
            n++;
            if ((n & 16383) == 0) {
                progress.update(n);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.finish();
        out.printf(
                Locale.ROOT,
                "Dry run: generated %d events in %.3f s = %.0f events/s (nothing published; checksum %d)%n",
                n,
                seconds,
                n / Math.max(seconds, 1e-9),
                checksum);
        return ProduceCommand.EXIT_OK;
    }

    private Map<Integer, Scenario> placement() {
        if (scenarios == null || scenarios.isEmpty()) {
            return MarketSimulator.defaultPlacement(Arrays.asList(Scenario.values()), weeks);
        }
        if (scenarios.size() == 1 && scenarios.get(0).equalsIgnoreCase("none")) {
            return Map.of();
        }
        List<Scenario> unplaced = new ArrayList<>();
        Map<Integer, Scenario> placed = new TreeMap<>();
        for (String spec : scenarios) {
            int at = spec.indexOf('@');
            if (at < 0) {
                unplaced.add(Scenario.parse(spec));
                continue;
            }
            Scenario s = Scenario.parse(spec.substring(0, at));
            String where = spec.substring(at + 1);
            int week =
                    where.contains("-")
                            ? new MarketSimulator.Options(
                                            seed, start, weeks, barInterval, Map.of(), level)
                                    .weekOf(LocalDate.parse(where))
                            : Integer.parseInt(where);
            placed.put(week, s);
        }
        if (!unplaced.isEmpty()) {
            if (weeks < MarketSimulator.weeksNeeded(unplaced.size())) {
                throw new IllegalArgumentException(
                        unplaced.size()
                                + " scenarios need --weeks "
                                + MarketSimulator.weeksNeeded(unplaced.size())
                                + " or more (or place them with NAME@WEEK)");
            }
            placed.putAll(MarketSimulator.defaultPlacement(unplaced, weeks));
        }
        return placed;
    }
}
