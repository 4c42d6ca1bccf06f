package dev.rotation.processor.service;

import dev.rotation.model.cli.CommandErrors;
import dev.rotation.model.cli.ConnectionCheck;
import dev.rotation.model.cli.ConnectionOptions;
import dev.rotation.model.cli.ProcessLocale;
import dev.rotation.model.cli.UserError;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.processor.config.ProcessorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rotation-detector process}: runs the detector against a configured cluster until Ctrl-C.
 *
 * <p>Exit codes: 0 stopped by a signal; 2 a configuration error or the HTTP port in use; 4 the
 * cluster or the registry cannot be reached (checked before the detector starts). Failures are one
 * line on stderr ({@link CommandErrors}); {@code --debug} adds the stack trace.
 */
@Command(
        name = "process",
        mixinStandardHelpOptions = true,
        description =
                "Run the stream processor against a Kafka cluster and Schema Registry until interrupted.")
public final class ProcessCommand implements Callable<Integer> {

    @Mixin ConnectionOptions connection;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Processor configuration file (see processor-defaults.properties and analytics-defaults.properties)")
    Path config;

    @Option(
            names = {"-D", "--set"},
            description = "Override one setting, e.g. -D window.grace=P3D")
    Map<String, String> overrides = Map.of();

    @Option(
            names = "--http-port",
            description = "Port of /metrics, /health and /signals (default 8070)")
    Integer httpPort;

    /** Where {@code RD_*} settings come from; tests replace it. */
    Map<String, String> environment = System.getenv();

    /** Standalone entry point (the app's {@code rotation-detector process} is the usual one). */
    public static void main(String[] args) {
        ProcessLocale.pin();
        System.exit(
                CommandErrors.install(new picocli.CommandLine(new ProcessCommand())).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Properties p = new Properties();
        p.putAll(overrides);
        if (httpPort != null) {
            p.setProperty("http.port", httpPort.toString());
        }
        ProcessorConfig cfg;
        try {
            cfg = ProcessorConfig.load(config, environment, p);
        } catch (IllegalArgumentException e) {
            // a mistake in the user's settings: one line, no stack trace
            throw new UserError(e.getMessage(), CommandErrors.EXIT_USAGE, e);
        }
        ConnectionSettings settings = connection.settings(environment);
        ConnectionCheck.requireReachable(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        DetectorService service = new DetectorService(cfg, settings);
        Thread hook =
                new Thread(
                        () -> {
                            service.close(Duration.ofSeconds(30));
                            stopped.countDown();
                        },
                        "rd-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            service.start();
        } catch (RuntimeException e) {
            service.close(Duration.ofSeconds(10));
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyStopping) {
                // the hook is running: it closes the service again, which is harmless
            }
            if (causedBy(e, java.net.BindException.class)) {
                throw new UserError(
                        e.getMessage() + " (http.port). Pass --http-port N (0 = any free port).",
                        CommandErrors.EXIT_USAGE,
                        e);
            }
            throw e;
        }
        System.out.printf(
                "rotation-detector processing: application %s, cluster %s, registry %s%n",
                cfg.applicationId(), settings.bootstrapServers(), settings.registryUrl());
        System.out.printf(
                "metrics %s/metrics  health %s/health  signals %s/signals  (Ctrl-C to stop)%n",
                service.httpBase(), service.httpBase(), service.httpBase());
        stopped.await();
        return 0;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
