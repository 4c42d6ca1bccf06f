package dev.rotation.app;

import dev.rotation.app.notify.NotifyCommand;
import dev.rotation.model.cli.CommandErrors;
import dev.rotation.model.cli.ProcessLocale;
import dev.rotation.platform.PlatformCommand;
import dev.rotation.processor.service.ProcessCommand;
import dev.rotation.producers.cli.ProduceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rotation-detector} command line. */
@Command(
        name = "rotation-detector",
        mixinStandardHelpOptions = true,
        version = "rotation-detector 0.1.0",
        description = {
            "Event-driven cross-asset rotation detector.",
            "Fund flows, prices, volumes and precious metals in; rotation and risk-appetite signals"
                    + " out (correlation, never causation)."
        },
        subcommands = {
            DemoCommand.class,
            PlatformCommand.class,
            ProduceCommand.class,
            ProcessCommand.class,
            AlertsCommand.class,
            NotifyCommand.class,
            EvaluateCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class RotationDetector implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * The command line, ready to execute: every failure is one line on stderr ({@link
     * CommandErrors}).
     */
    public static CommandLine commandLine() {
        return CommandErrors.install(new CommandLine(new RotationDetector()))
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    public static void main(String[] args) {
        ProcessLocale.pin();
        System.exit(commandLine().execute(args));
    }
}
