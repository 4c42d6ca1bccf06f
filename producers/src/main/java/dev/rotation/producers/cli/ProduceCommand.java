package dev.rotation.producers.cli;

import dev.rotation.model.cli.CommandErrors;
import dev.rotation.model.cli.ConnectionCheck;
import dev.rotation.model.cli.ConnectionOptions;
import dev.rotation.model.cli.ProcessLocale;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.FailedSend;
import dev.rotation.producers.publish.Pacer;
import dev.rotation.producers.publish.PublishSummary;
import dev.rotation.producers.publish.TopicSetup;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code produce}: publishes input events to Kafka from files, from the simulator, or from the
 * bundled sample. Registered as a subcommand of the application's main command.
 *
 * <p>Exit codes: 0 everything delivered; 1 some records were not delivered (each is listed); 2
 * usage error; 3 bad input (a file that cannot be used, or bad lines with {@code --on-error=fail};
 * nothing was published); 4 the cluster or the registry cannot be reached (checked before
 * publishing starts). Every failure is one line on stderr ({@link CommandErrors}); {@code --debug}
 * adds the stack trace.
 */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description =
                "Publish fund-flow, price, volume and metal events to Kafka (Avro, Confluent wire format).",
        subcommands = {FileCommand.class, SimulateCommand.class, SampleCommand.class})
public final class ProduceCommand implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_NOT_DELIVERED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_BAD_INPUT = 3;
    public static final int EXIT_UNAVAILABLE = CommandErrors.EXIT_UNAVAILABLE;

    private final Map<String, String> env;

    @Spec CommandSpec spec;

    public ProduceCommand() {
        this(System.getenv());
    }

    /** With an explicit environment (tests). */
    public ProduceCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    Map<String, String> env() {
        return env;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: file, simulate or sample");
    }

    /** A CommandLine ready to execute, for a standalone entry point or tests. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cl = CommandErrors.install(new CommandLine(new ProduceCommand(env)));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        ProcessLocale.pin();
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /**
     * Checks that the cluster and the registry answer, then publishes the events (and dead letters)
     * through one publisher, paced and bounded, with a progress bar and a summary; returns the exit
     * code.
     *
     * @throws dev.rotation.model.cli.UserError when the cluster or the registry cannot be reached
     */
    static int publish(
            CommandSpec spec,
            ConnectionOptions connection,
            TopicOptions topics,
            Map<String, String> env,
            Iterator<? extends SpecificRecord> events,
            long expectedTotal,
            double rate,
            Duration duration,
            List<dev.rotation.producers.ingest.BadLine> deadLetters) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConnectionSettings settings = connection.settings(env);
        ConnectionCheck.requireReachable(settings);
        err.println(
                "Publishing to "
                        + settings.bootstrapServers()
                        + " (registry "
                        + settings.registryUrl()
                        + ")");
        try (var registry = settings.newRegistryClient();
                EventPublisher publisher =
                        new EventPublisher(settings, registry, topics.topicPrefix, Map.of())) {
            if (topics.createTopics) {
                List<String> created =
                        TopicSetup.ensureTopics(settings, publisher.topics(), topics.partitions);
                if (!created.isEmpty()) {
                    err.println("Created topics " + created);
                }
            }
            for (var bad : deadLetters) {
                publisher.deadLetter(bad);
            }
            Progress progress = new Progress(err, System.console() != null, expectedTotal);
            Pacer pacer = new Pacer(rate);
            long deadline =
                    duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            long n = 0;
            while (events.hasNext()) {
                if (System.nanoTime() > deadline) {
                    err.println("Stopped after --duration " + duration);
                    break;
                }
                pacer.acquire();
                publisher.publish(events.next());
                n++;
                if ((n & 1023) == 0) {
                    progress.update(n);
                }
            }
            PublishSummary summary = publisher.summary();
            progress.finish();
            for (FailedSend f : summary.failures()) {
                err.println("NOT DELIVERED " + f);
            }
            out.println("Summary: " + summary.describe());
            out.flush();
            return summary.allDelivered() ? EXIT_OK : EXIT_NOT_DELIVERED;
        }
    }
}
