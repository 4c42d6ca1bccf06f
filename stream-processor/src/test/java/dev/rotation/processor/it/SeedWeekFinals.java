package dev.rotation.processor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroDeserializer;
import dev.rotation.processor.service.DetectorService;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the signal topics as a downstream service does (read_committed, from the beginning) until
 * the seed week's four FINAL signal types of the bundled sample have arrived.
 */
final class SeedWeekFinals {
    static final long SEED_WEEK =
            LocalDate.of(2026, 1, 19).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();

    static final List<SignalType> TYPES =
            List.of(
                    SignalType.ROTATION_TO_HIGH_BETA,
                    SignalType.CONCENTRATED_OUTFLOW,
                    SignalType.RISK_OFF_SHIFT,
                    SignalType.LEVEL_BREACH);

    private SeedWeekFinals() {}

    /**
     * The seed week's FINAL signals read within two minutes; each record's key is checked to be its
     * signal id.
     */
    static List<Signal> await(
            ConnectionSettings connection, DetectorService detector, String groupId) {
        List<Signal> finals = new ArrayList<>();
        Map<String, Object> cfg = connection.kafkaClientConfig();
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (SchemaRegistryClient registry = connection.newRegistryClient();
                KafkaConsumer<String, Signal> consumer =
                        new KafkaConsumer<>(
                                cfg,
                                new StringDeserializer(),
                                new ConfluentAvroDeserializer<>(registry, Signal.class))) {
            consumer.subscribe(detector.topics().signals().stream().map(t -> t.name()).toList());
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(300))
                                        .forEach(
                                                r -> {
                                                    Signal s = r.value();
                                                    if (s.getStatus() == SignalStatus.FINAL
                                                            && s.getWindowStart().toEpochMilli()
                                                                    == SEED_WEEK) {
                                                        finals.add(s);
                                                        assertThat(r.key())
                                                                .isEqualTo(s.getSignalId());
                                                    }
                                                });
                                return finals.stream()
                                        .map(Signal::getType)
                                        .toList()
                                        .containsAll(TYPES);
                            });
        }
        return finals;
    }
}
