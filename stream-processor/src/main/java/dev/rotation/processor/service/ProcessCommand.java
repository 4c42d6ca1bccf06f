package dev.rotation.processor.service;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.config.keys.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rotation-detector process}: runs the detector against a configured cluster until Ctrl-C. */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = "Run the stream processor against a Kafka cluster and Schema Registry until interrupted.")
public final class ProcessCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS; default 127.0.0.1:9092)")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "Schema Registry URL (env SCHEMA_REGISTRY_URL; default http://127.0.0.1:8081)")
    String registryUrl;

    @Option(names = "--client-config", description = "Kafka client properties file (security.protocol, sasl.*, ssl.*, basic.auth.*)")
    Path clientConfig;

    @Option(names = "--config", description = "Processor configuration file (see processor-defaults.properties and analytics-defaults.properties)")
    Path config;

    @Option(names = {"-D", "--set"}, description = "Override one setting, e.g. -D window.grace=P3D")
    Map<String, String> overrides = Map.of();

    @Option(names = "--http-port", description = "Port of /metrics, /health and /signals (default 8070)")
    Integer httpPort;

    @Spec
    CommandSpec spec;

    /** Where {@code RD_*} settings come from; tests replace it. */
    Map<String, String> environment = System.getenv();

    /** Standalone entry point (the app's {@code rotation-detector process} is the usual one). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new ProcessCommand()).execute(args));
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
        } catch (ConfigurationException e) {
            // a mistake in the user's settings: one line, no stack trace
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        ConnectionSettings connection = ConnectionSettings.resolve(bootstrapServers, registryUrl, clientConfig, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        DetectorService service = new DetectorService(cfg, connection);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close(Duration.ofSeconds(30));
            stopped.countDown();
        }, "rd-shutdown"));
        service.start();
        System.out.printf("rotation-detector processing: application %s, cluster %s, registry %s%n",
                cfg.applicationId(), connection.bootstrapServers(), connection.registryUrl());
        System.out.printf("metrics %s/metrics  health %s/health  signals %s/signals  (Ctrl-C to stop)%n",
                service.httpBase(), service.httpBase(), service.httpBase());
        stopped.await();
        return 0;
    }
}
