package dev.rotation.app;

import dev.rotation.model.Alert;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroDeserializer;
import dev.rotation.model.topics.TopicNames;
import java.nio.file.Path;
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
import picocli.CommandLine.Option;

/** {@code rotation-detector alerts}: tails the alerts topic of any cluster as a readable table. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Show the alerts topic as a table (committed alerts only).")
public final class AlertsCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS)")
    String bootstrapServers;
    @Option(names = "--schema-registry-url", description = "Schema Registry URL (env SCHEMA_REGISTRY_URL)")
    String registryUrl;
    @Option(names = "--client-config", description = "Kafka client properties file (security settings)")
    Path clientConfig;
    @Option(names = "--topic", description = "Alerts topic (default ${DEFAULT-VALUE})", defaultValue = TopicNames.ALERTS)
    String topic;
    @Option(names = "--from-beginning", description = "Start at the oldest alert rather than new ones")
    boolean fromBeginning;
    @Option(names = "--follow", description = "Keep waiting for new alerts until Ctrl-C (otherwise stop when caught up)")
    boolean follow;
    @Option(names = "--width", description = "Width of the explanation column (default ${DEFAULT-VALUE})", defaultValue = "110")
    int width;

    @Override
    public Integer call() {
        ConnectionSettings connection = ConnectionSettings.resolve(bootstrapServers, registryUrl, clientConfig, System.getenv());
        Map<String, Object> cfg = connection.kafkaClientConfig();
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, "rotation-detector-alerts-" + UUID.randomUUID());
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        AlertTable table = new AlertTable(System.out, width);
        AtomicBoolean running = new AtomicBoolean(true);
        try (SchemaRegistryClient registry = connection.newRegistryClient();
             KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(cfg, new StringDeserializer(),
                     new ConfluentAvroDeserializer<>(registry, Alert.class))) {
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
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
            System.out.printf("%d alert(s) shown from %s on %s%n", shown, topic, connection.bootstrapServers());
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down
            }
        }
        return 0;
    }
}
