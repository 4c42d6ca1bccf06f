package dev.rotation.platform;

import dev.rotation.model.cli.CommandErrors;
import dev.rotation.model.cli.ProcessLocale;
import dev.rotation.model.cli.UserError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code platform}: runs the local Kafka broker and Schema Registry until Ctrl-C. */
@Command(
        name = "platform",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a single-node Kafka broker (KRaft) and a Confluent-compatible Schema Registry in this JVM "
                    + "until Ctrl-C. Data survives restarts in the data directory."
        })
public class PlatformCommand implements Callable<Integer> {

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            description = "Kafka client port (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(
            names = "--registry-port",
            defaultValue = "8081",
            description = "Schema Registry port (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int registryPort;

    @Option(
            names = "--data-dir",
            defaultValue = "./data/platform",
            description = "Directory for the broker's data. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to bind and advertise. Default: ${DEFAULT-VALUE}.")
    String host;

    @Spec CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile LocalPlatform platform;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        LocalPlatform started;
        try {
            started =
                    LocalPlatform.start(
                            new PlatformConfig(host, kafkaPort, registryPort, dataDir, null));
        } catch (IllegalStateException e) {
            // a port in use or a data directory held by another broker: the user's to fix
            throw new UserError(
                    "Could not start the platform: "
                            + e.getMessage()
                            + ". Pass --kafka-port N --registry-port N (0 = any free port) or"
                            + " another --data-dir.",
                    CommandErrors.EXIT_USAGE,
                    e);
        }
        platform = started;
        // the JVM exits when the hooks return, so the hook waits for the clean close
        Thread hook = new Thread(this::stopAndAwaitClose, "platform-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Kafka bootstrap servers: " + started.bootstrapServers());
        out.println("Schema Registry URL:     " + started.registryUrl());
        out.println("Data directory:          " + dataDir.toAbsolutePath().normalize());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        try {
            stopped.await();
        } finally {
            try {
                started.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down: the hook is what stopped us
                }
                out.println("Platform stopped.");
                out.flush();
            } finally {
                // last: once the hook sees this, the JVM may exit
                closed.countDown();
            }
        }
        return 0;
    }

    /**
     * Standalone entry point; the application also mounts this command as {@code rotation-detector
     * platform}.
     */
    public static void main(String[] args) {
        ProcessLocale.pin();
        System.exit(CommandErrors.install(new CommandLine(new PlatformCommand())).execute(args));
    }

    /** The running platform, or null before it has started. */
    public LocalPlatform platform() {
        return platform;
    }

    private void stopAndAwaitClose() {
        stop();
        try {
            closed.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks a running command to close the platform and return. */
    public void stop() {
        stopped.countDown();
    }
}
