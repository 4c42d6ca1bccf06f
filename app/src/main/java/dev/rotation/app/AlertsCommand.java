package dev.rotation.app;

import dev.rotation.model.Alert;
import dev.rotation.model.cli.CommandErrors;
import dev.rotation.model.cli.ConnectionCheck;
import dev.rotation.model.cli.ConnectionOptions;
import dev.rotation.model.cli.UserError;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroDeserializer;
import dev.rotation.model.topics.TopicNames;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rotation-detector alerts}: tails the alerts topic of any cluster as a readable table.
 *
 * <p>Exit codes: 0 shown; 1 the topic does not exist (without {@code --follow}); 2 usage; 4 the
 * cluster or the registry cannot be reached (checked first). Failures are one line on stderr.
 */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        description = "Show the alerts topic as a table (committed alerts only).")
public final class AlertsCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;

    @Option(
            names = "--topic",
            description = "Alerts topic (default ${DEFAULT-VALUE})",
            defaultValue = TopicNames.ALERTS)
    String topic;

    @Option(
            names = "--from-beginning",
            description = "Start at the oldest alert rather than new ones")
    boolean fromBeginning;

    @Option(
            names = "--follow",
            description =
                    "Keep waiting for new alerts until Ctrl-C (otherwise stop when caught up)")
    boolean follow;

    @Option(
            names = "--width",
            description = "Width of the explanation column (default ${DEFAULT-VALUE})",
            defaultValue = "110")
    int width;

    @Override
    public Integer call() {
        ConnectionSettings settings = connection.settings(System.getenv());
        ConnectionCheck.requireReachable(settings);
        Map<String, Object> cfg = settings.kafkaClientConfig();
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, "rotation-detector-alerts-" + UUID.randomUUID());
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // reading must not create the topic: an absent topic is reported below
        cfg.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        AlertTable table = new AlertTable(System.out, width);
        AtomicBoolean running = new AtomicBoolean(true);
        try (SchemaRegistryClient registry = settings.newRegistryClient();
                KafkaConsumer<String, Alert> consumer =
                        new KafkaConsumer<>(
                                cfg,
                                new StringDeserializer(),
                                new ConfluentAvroDeserializer<>(registry, Alert.class))) {
            if (consumer.partitionsFor(topic).isEmpty()) {
                if (!follow) {
                    throw new UserError(
                            "The topic "
                                    + topic
                                    + " does not exist on "
                                    + settings.bootstrapServers()
                                    + ": the processor creates it when it starts (./rotation-detector process), or pass --topic NAME.",
                            CommandErrors.EXIT_FAILED);
                }
                System.err.printf(
                        "Waiting for the topic %s to be created on %s (the processor creates it).%n",
                        topic, settings.bootstrapServers());
            }
            Thread main = Thread.currentThread();
            Thread hook =
                    new Thread(
                            () -> {
                                running.set(false);
                                consumer.wakeup();
                                try {
                                    main.join(5000);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            });
            Runtime.getRuntime().addShutdownHook(hook);
            consumer.subscribe(java.util.List.of(topic));
            table.header();
            int idlePolls = 0;
            int shown = 0;
            while (running.get()) {
                ConsumerRecords<String, Alert> records;
                try {
                    records = consumer.poll(Duration.ofMillis(500));
                } catch (WakeupException e) {
                    break;
                }
                for (ConsumerRecord<String, Alert> r : records) {
                    table.row(r.value());
                    shown++;
                }
                idlePolls = records.isEmpty() ? idlePolls + 1 : 0;
                if (!follow && idlePolls >= 6 && !consumer.assignment().isEmpty()) {
                    break;
                }
            }
            System.out.printf(
                    "%d alert(s) shown from %s on %s%n", shown, topic, settings.bootstrapServers());
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down
            }
        }
        return 0;
    }
}
