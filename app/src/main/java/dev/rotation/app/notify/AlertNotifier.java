package dev.rotation.app.notify;

import dev.rotation.model.Alert;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.deadletter.DeadLetterHeaders;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroDeserializer;
import dev.rotation.model.serde.WireFormatException;
import dev.rotation.model.topics.TopicProvisioning;
import dev.rotation.model.topics.TopicSettings;
import dev.rotation.model.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the alerts topic to a webhook, at least once.
 *
 * <p>It reads {@code rd.alerts} with {@code isolation.level=read_committed} in its own consumer
 * group, one record at a time, and commits a record's offset only once the record is handled:
 * delivered (2xx), held back by the {@link AlertFilter}, or written to {@code
 * rd.alerts.undelivered} (the webhook rejected it, every attempt failed, or its bytes cannot be
 * decoded) with the reason in {@link DeadLetterHeaders} headers. A crash or a kill before the
 * commit makes the next run offer the same alert again, under the same {@code Idempotency-Key};
 * nothing is skipped. A group's first start commits its starting position at once, so a crash
 * before the first delivery does not move it.
 *
 * <p>An unreachable Schema Registry is not the record's fault: decoding is retried (0.5 s doubling
 * to 30 s) until it succeeds or the notifier stops. A write to the undelivered topic that fails
 * ends {@link #run()} with the exception, without a commit.
 *
 * <p>{@link #run()} blocks on the calling thread until {@link #stop()} is called from another. It
 * waits for the alerts topic when it does not exist yet (the processor creates it).
 */
public final class AlertNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long REGISTRY_BACKOFF_MAX_MS = 30_000;
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOPIC_CHECK = Duration.ofSeconds(2);

    /** Kafka's own default {@code max.poll.interval.ms}: the least this notifier uses. */
    private static final Duration MIN_POLL_INTERVAL = Duration.ofMinutes(5);

    private final NotifierSettings settings;
    private final ConnectionSettings connection;
    private final NotifyMetrics metrics;
    private final Topics topics;
    private final SchemaRegistryClient registry;
    private final ConfluentAvroDeserializer<Alert> decoder;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final WebhookClient webhook;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    public AlertNotifier(
            NotifierSettings settings, ConnectionSettings connection, NotifyMetrics metrics) {
        this.settings = settings;
        this.connection = connection;
        this.metrics = metrics;
        this.registry = connection.newRegistryClient();
        this.topics = Topics.create(registry, connection.serdeConfig(), settings.topicsPrefix());
        this.decoder = new ConfluentAvroDeserializer<>(registry, Alert.class);
        this.consumer =
                new KafkaConsumer<>(
                        consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.producer =
                new KafkaProducer<>(
                        producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
        this.admin = Admin.create(connection.kafkaClientConfig());
        this.webhook =
                new WebhookClient(
                        settings.target(),
                        new WebhookSigner(settings.secret()),
                        settings.backoff(),
                        settings.requestTimeout(),
                        metrics,
                        stopRequested,
                        RandomGenerator.getDefault());
    }

    /** The topic the alerts are read from. */
    public String alertsTopic() {
        return topics.alerts().name();
    }

    /** The topic undeliverable alerts are written to. */
    public String undeliveredTopic() {
        return topics.undeliveredAlerts().name();
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> cfg = connection.kafkaClientConfig();
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        cfg.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-consumer");
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cfg.put(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                settings.fromBeginning() ? "earliest" : "latest");
        // reading must not create the topic: the processor creates it with its catalogue spec
        cfg.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // one alert per poll: the time between polls is then one alert's worst case, and a
        // group member that outlives it is not evicted in the middle of a retry
        cfg.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        // a notifier restarted after a crash takes over once the dead member's session ends:
        // 10 s rather than Kafka's 45 s (heartbeats, every 3 s, come from a background thread)
        cfg.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        cfg.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        Duration worstCase =
                settings.backoff()
                        .worstCase(settings.requestTimeout().plusSeconds(1))
                        .plus(Duration.ofMinutes(1));
        cfg.put(
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                (int)
                        Math.min(
                                Integer.MAX_VALUE,
                                Math.max(MIN_POLL_INTERVAL.toMillis(), worstCase.toMillis())));
        return cfg;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> cfg = connection.kafkaClientConfig();
        cfg.put(ProducerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-undelivered");
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        cfg.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return cfg;
    }

    /**
     * Creates the undelivered-alerts topic if it is missing (as the catalogue specifies it) and
     * says whether the alerts topic exists yet ({@link #run()} waits for it).
     */
    public boolean prepare() {
        TopicProvisioning.createMissing(
                admin,
                List.of(topics.spec(topics.undeliveredAlerts(), TopicSettings.defaults())),
                KAFKA_TIMEOUT);
        return alertsTopicExists();
    }

    private boolean alertsTopicExists() {
        try {
            return admin.listTopics()
                    .names()
                    .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .contains(alertsTopic());
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Cannot list the topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException(
                    "listing the topics took longer than " + KAFKA_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing the topics", e);
        }
    }

    /** Delivers until {@link #stop()}; see the class comment. */
    public void run() {
        // subscribing to an absent topic would see it only at the next metadata refresh
        while (!alertsTopicExists()) {
            try {
                if (stopRequested.await(TOPIC_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        consumer.subscribe(List.of(alertsTopic()), new StartingPositions());
        while (stopRequested.getCount() > 0) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(POLL);
            } catch (WakeupException e) {
                break;
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (!handle(record)) {
                    LOG.info(
                            "Stopped before alert {}-{}@{} was handled; the next run offers it again",
                            record.topic(),
                            record.partition(),
                            record.offset());
                    return;
                }
                commit(record);
            }
        }
    }

    /**
     * Ends waits, lets an attempt in flight finish (bounded by the request timeout) without
     * starting another, and makes {@link #run()} return. Safe from any thread, more than once.
     */
    public void stop() {
        stopRequested.countDown();
        consumer.wakeup();
    }

    /**
     * Delivers, filters or dead-letters one record; false when the notifier stopped before any of
     * these happened.
     */
    private boolean handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            deadLetter(
                    record, "NULL_VALUE", "The alert record has no value", 0, OptionalInt.empty());
            return true;
        }
        Optional<Alert> decoded;
        try {
            decoded = decode(record);
        } catch (WireFormatException e) {
            deadLetter(
                    record,
                    e.reason().name(),
                    "The alert record cannot be decoded: " + e.getMessage(),
                    0,
                    OptionalInt.empty());
            return true;
        }
        if (decoded.isEmpty()) {
            return false;
        }
        Alert alert = decoded.get();
        Optional<String> rejection = settings.filter().rejection(alert);
        if (rejection.isPresent()) {
            metrics.filtered(rejection.get());
            LOG.debug("Alert {} not sent: filtered by {}", alert.getAlertId(), rejection.get());
            return true;
        }
        DeliveryOutcome outcome =
                webhook.deliver(alert.getAlertId(), AlertPayload.body(alert, settings.format()));
        if (outcome instanceof DeliveryOutcome.Undeliverable u) {
            deadLetter(record, u.reason(), u.message(), u.attempts(), u.httpStatus());
        }
        return !(outcome instanceof DeliveryOutcome.Abandoned);
    }

    /**
     * The alert, or empty when the notifier stopped while the registry was unreachable.
     *
     * @throws WireFormatException when the bytes themselves cannot be decoded
     */
    private Optional<Alert> decode(ConsumerRecord<byte[], byte[]> record) {
        long backoffMs = 500;
        while (true) {
            try {
                return Optional.of(decoder.deserialize(record.topic(), record.value()));
            } catch (WireFormatException e) {
                if (e.isPoison()) {
                    throw e;
                }
                LOG.warn(
                        "Schema Registry at {} unreachable while decoding {}-{}@{}; retrying in {} ms",
                        connection.registryUrl(),
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        backoffMs);
                try {
                    if (stopRequested.await(backoffMs, TimeUnit.MILLISECONDS)) {
                        return Optional.empty();
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
                backoffMs = Math.min(REGISTRY_BACKOFF_MAX_MS, backoffMs * 2);
            }
        }
    }

    /**
     * Writes the original key, value and headers to the undelivered topic with the reason headers,
     * and waits for the broker's acknowledgement.
     */
    private void deadLetter(
            ConsumerRecord<byte[], byte[]> record,
            String reason,
            String message,
            int attempts,
            OptionalInt httpStatus) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        put(headers, DeadLetterHeaders.REASON, reason);
        put(headers, DeadLetterHeaders.MESSAGE, message);
        put(headers, DeadLetterHeaders.STAGE, DeadLetterHeaders.STAGE_NOTIFY);
        put(headers, DeadLetterHeaders.SOURCE_TOPIC, record.topic());
        put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(record.partition()));
        put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(record.offset()));
        put(headers, DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(record.timestamp()));
        put(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(attempts));
        if (httpStatus.isPresent()) {
            put(headers, DeadLetterHeaders.HTTP_STATUS, Integer.toString(httpStatus.getAsInt()));
        }
        try {
            producer.send(
                            new ProducerRecord<>(
                                    undeliveredTopic(),
                                    null,
                                    null,
                                    record.key(),
                                    record.value(),
                                    headers))
                    .get(KAFKA_TIMEOUT.toMillis() * 4, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Cannot write the undeliverable alert at "
                            + record.topic()
                            + "-"
                            + record.partition()
                            + "@"
                            + record.offset()
                            + " to "
                            + undeliveredTopic()
                            + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException(
                    "writing to " + undeliveredTopic() + " took too long", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "Interrupted while writing to " + undeliveredTopic(), e);
        }
        metrics.deadLettered(reason);
        LOG.warn(
                "Alert record {}-{}@{} set aside on {}: {} ({})",
                record.topic(),
                record.partition(),
                record.offset(),
                undeliveredTopic(),
                reason,
                message);
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Commits the offset after {@code record}; a lost commit means a redelivery, not a loss. */
    private void commit(ConsumerRecord<byte[], byte[]> record) {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                Map.of(
                        new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
        try {
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException stopping) {
                // stop() woke the consumer; the record is handled, so commit it still
                consumer.commitSync(offsets);
            }
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.warn(
                    "Offset {} of {}-{} not committed ({}); the alert may be delivered again",
                    record.offset() + 1,
                    record.topic(),
                    record.partition(),
                    e.getMessage());
        }
    }

    /**
     * Makes a new group's starting position durable at once: without it a group that crashed before
     * its first commit would start again from the latest alert and skip those in between.
     */
    private final class StartingPositions implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                    consumer.committed(new HashSet<>(partitions), KAFKA_TIMEOUT);
            Set<TopicPartition> fresh = new HashSet<>();
            for (TopicPartition p : partitions) {
                if (committed.get(p) == null) {
                    fresh.add(p);
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> start = new java.util.HashMap<>();
            for (TopicPartition p : fresh) {
                start.put(p, new OffsetAndMetadata(consumer.position(p, KAFKA_TIMEOUT)));
            }
            consumer.commitSync(start, KAFKA_TIMEOUT);
            LOG.info("Group {} starts at {}", settings.groupId(), start);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // offsets are committed per record as it is handled: nothing is pending here
        }
    }

    @Override
    public void close() {
        stopRequested.countDown();
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } finally {
            try {
                producer.close(Duration.ofSeconds(5));
            } finally {
                admin.close(Duration.ofSeconds(5));
                decoder.close();
                registry.close();
            }
        }
    }

    @Override
    public String toString() {
        return "AlertNotifier[" + settings + "]";
    }
}
