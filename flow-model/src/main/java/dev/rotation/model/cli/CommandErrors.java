package dev.rotation.model.cli;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryException;
import java.io.PrintWriter;
import org.apache.kafka.common.errors.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * How every command reports a failure: one line on stderr saying what is wrong and what to do, and
 * an exit code. A {@link UserError} carries its own line; a cluster or registry that stops
 * answering after the {@link ConnectionCheck} is named with the address the command used. Any other
 * exception is a bug: its type and message on one line, with a pointer to {@code --debug}. {@code
 * --debug} prints the stack trace after the line; the trace is also logged at DEBUG.
 *
 * <p>Exit codes shared by the commands: 1 failed, 2 usage or configuration error, 4 cluster or
 * registry unavailable. A command may add its own (produce: 3 bad input).
 */
public final class CommandErrors implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CommandErrors.class);

    /** An unexpected failure. */
    public static final int EXIT_FAILED = 1;

    /** A usage or configuration error (picocli's own code for a bad option). */
    public static final int EXIT_USAGE = 2;

    /** The Kafka cluster or the Schema Registry cannot be reached or refuses this client. */
    public static final int EXIT_UNAVAILABLE = 4;

    static final String DEBUG_OPTION = "--debug";

    /**
     * Installs the handlers on a command line (and returns it, for chaining): failures while
     * running, and mistakes on the command line itself ({@link #handleParameterException}).
     */
    public static CommandLine install(CommandLine commandLine) {
        return commandLine
                .setExecutionExceptionHandler(new CommandErrors())
                .setParameterExceptionHandler(CommandErrors::handleParameterException);
    }

    /**
     * A mistake on the command line (unknown option, missing or malformed value): one line with
     * picocli's message, its suggestions when it has some, and where to find the options, instead
     * of the whole usage text. Exit code {@link #EXIT_USAGE}.
     */
    static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        StringBuilder line = new StringBuilder(ex.getMessage().strip());
        if (line.charAt(line.length() - 1) != '.') {
            line.append('.');
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            java.util.List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                line.append(" Did you mean ")
                        .append(
                                String.join(
                                        " or ",
                                        suggestions.subList(0, Math.min(3, suggestions.size()))))
                        .append('?');
            }
        }
        line.append(" Run '")
                .append(cl.getCommandSpec().qualifiedName())
                .append(" --help' for the options.");
        cl.getErr().println(line);
        cl.getErr().flush();
        return EXIT_USAGE;
    }

    @Override
    public int handleExecutionException(
            Exception ex, CommandLine commandLine, ParseResult fullParseResult) {
        PrintWriter err = commandLine.getErr();
        Failure failure = describe(ex, commandLine);
        boolean debug = debugRequested(fullParseResult);
        boolean canDebug = commandLine.getCommandSpec().findOption(DEBUG_OPTION) != null;
        err.println(
                failure.expected() || debug || !canDebug
                        ? failure.line()
                        : failure.line() + " (" + DEBUG_OPTION + " prints the stack trace)");
        if (debug || (!failure.expected() && !canDebug)) {
            ex.printStackTrace(err);
        }
        err.flush();
        LOG.debug("{} failed", commandLine.getCommandSpec().qualifiedName(), ex);
        return failure.exitCode();
    }

    /**
     * The line and exit code for a failure of {@code commandLine}'s command.
     *
     * @param expected true when the failure is the user's to fix (no stack trace needed)
     */
    public record Failure(String line, int exitCode, boolean expected) {}

    /** What to tell the user about {@code ex}; see the class comment for the rules. */
    public static Failure describe(Throwable ex, CommandLine commandLine) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UserError u) {
                return new Failure(u.getMessage(), u.exitCode(), true);
            }
        }
        ConnectionSettings settings = connectionOf(commandLine);
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException r
                    && r.httpStatus() == SchemaRegistryException.UNREACHABLE) {
                UserError u =
                        ConnectionCheck.registryUnreachable(
                                settings == null ? "the configured URL" : settings.registryUrl(),
                                ConnectionCheck.rootMessage(r),
                                r);
                return new Failure(u.getMessage(), u.exitCode(), true);
            }
            if (t instanceof AuthenticationException a) {
                return new Failure(
                        "Kafka"
                                + (settings == null ? "" : " at " + settings.bootstrapServers())
                                + " refused this client: "
                                + a.getMessage()
                                + ". Check security.protocol and the sasl.* / ssl.* settings (--client-config or $KAFKA_SASL_*).",
                        EXIT_UNAVAILABLE,
                        true);
            }
            if (t instanceof org.apache.kafka.common.errors.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                UserError u =
                        ConnectionCheck.kafkaUnreachable(
                                settings == null
                                        ? "the configured address"
                                        : settings.bootstrapServers(),
                                "it stopped answering (" + ConnectionCheck.rootMessage(t) + ")",
                                t);
                return new Failure(u.getMessage(), u.exitCode(), true);
            }
        }
        String message =
                ex.getMessage() == null
                        ? ""
                        : ": " + ex.getMessage().lines().findFirst().orElse("");
        return new Failure(
                commandLine.getCommandSpec().qualifiedName()
                        + " failed: "
                        + ex.getClass().getName()
                        + message,
                EXIT_FAILED,
                false);
    }

    /**
     * The connection settings the failed command resolved through its {@link ConnectionOptions}, or
     * null.
     */
    private static ConnectionSettings connectionOf(CommandLine commandLine) {
        for (CommandSpec mixin : commandLine.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof ConnectionOptions options) {
                return options.resolved();
            }
        }
        return null;
    }

    private static boolean debugRequested(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(DEBUG_OPTION)) {
                return true;
            }
        }
        return false;
    }
}
