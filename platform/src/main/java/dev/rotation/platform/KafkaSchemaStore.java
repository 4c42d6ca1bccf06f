package dev.rotation.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state (subjects, versions, global ids, compatibility levels), kept in memory and
 * persisted in a compacted Kafka topic with Confluent-like JSON keys and values. Every change is
 * written to the topic, and acknowledged by the broker, before it is applied and answered; on
 * open the topic is read to its end to rebuild the state. One writer at a time (this process).
 */
final class KafkaSchemaStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
    static final String DEFAULT_TOPIC = "_schemas";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    /** One version of a subject. {@code schema} is the canonical JSON ({@link Schema#toString()}). */
    record Version(String subject, int version, int id, String schema, Schema parsed) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final String topic;
    private final KafkaProducer<String, String> producer;

    private final Map<String, NavigableMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int maxId;

    private KafkaSchemaStore(String topic, KafkaProducer<String, String> producer) {
        this.topic = topic;
        this.producer = producer;
    }

    /** Creates the topic when absent, reads it to the end and returns a store ready to write. */
    static KafkaSchemaStore open(String bootstrapServers, String topic) {
        ensureTopic(bootstrapServers, topic);
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000,
                ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer"), new StringSerializer(), new StringSerializer());
        KafkaSchemaStore store = new KafkaSchemaStore(topic, producer);
        try {
            store.replay(bootstrapServers);
        } catch (RuntimeException e) {
            producer.close(Duration.ofSeconds(5));
            throw e;
        }
        return store;
    }

    private static void ensureTopic(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            NewTopic t = new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"));
            try {
                admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
                LOG.info("Created schema topic '{}'", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create schema topic '" + topic + "': " + e.getCause(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out creating schema topic '" + topic + "'", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating schema topic '" + topic + "'", e);
            }
        }
    }

    private void replay(String bootstrapServers) {
        TopicPartition tp = new TopicPartition(topic, 0);
        int records = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (consumer.position(tp, Duration.ofSeconds(30)) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out reading schema topic '" + topic + "' to offset " + end);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r.key(), r.value());
                    records++;
                }
            }
        }
        LOG.info("Schema store rebuilt from '{}': {} records, {} subjects, {} schemas", topic, records, subjects.size(),
                schemasById.size());
    }

    /** Applies one record of the topic (also used after our own writes, so both paths agree). */
    private void apply(String key, String value) {
        if (key == null) {
            return;
        }
        JsonNode k;
        JsonNode v;
        try {
            k = json.readTree(key);
            v = value == null ? null : json.readTree(value);
        } catch (IOException e) {
            LOG.warn("Skipping unreadable record in schema topic '{}': {}", topic, e.getMessage());
            return;
        }
        String keytype = k.path("keytype").asText();
        String subject = k.path("subject").isNull() || k.path("subject").isMissingNode() ? null : k.path("subject").asText();
        switch (keytype) {
            case "SCHEMA" -> applySchema(subject, k.path("version").asInt(), v);
            case "CONFIG" -> {
                CompatibilityLevel level = v == null ? null
                        : CompatibilityLevel.parse(v.path("compatibilityLevel").asText(null)).orElse(null);
                if (subject == null) {
                    globalLevel = level == null ? CompatibilityLevel.BACKWARD : level;
                } else if (level == null) {
                    subjectLevels.remove(subject);
                } else {
                    subjectLevels.put(subject, level);
                }
            }
            default -> LOG.debug("Ignoring {} record in schema topic", keytype);
        }
    }

    private void applySchema(String subject, int version, JsonNode v) {
        if (subject == null) {
            return;
        }
        if (v == null || v.path("deleted").asBoolean(false)) {
            NavigableMap<Integer, Version> versions = subjects.get(subject);
            if (versions != null) {
                versions.remove(version);
                if (versions.isEmpty()) {
                    subjects.remove(subject);
                }
            }
            return;
        }
        int id = v.path("id").asInt();
        Schema parsed;
        try {
            parsed = new Schema.Parser().parse(v.path("schema").asText());
        } catch (RuntimeException e) {
            LOG.warn("Skipping unparsable schema id {} for subject '{}' in schema topic", id, subject);
            return;
        }
        String canonical = parsed.toString();
        subjects.computeIfAbsent(subject, s -> new TreeMap<>()).put(version, new Version(subject, version, id, canonical, parsed));
        schemasById.putIfAbsent(id, parsed);
        idsByCanonical.putIfAbsent(canonical, id);
        maxId = Math.max(maxId, id);
    }

    synchronized List<String> subjects() {
        return new ArrayList<>(subjects.keySet());
    }

    synchronized List<Integer> versions(String subject) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) {
            throw RegistryError.subjectNotFound(subject);
        }
        return new ArrayList<>(versions.keySet());
    }

    /** The given version, or the latest when {@code version} is -1. */
    synchronized Version version(String subject, int version) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) {
            throw RegistryError.subjectNotFound(subject);
        }
        Version v = version == -1 ? versions.lastEntry().getValue() : versions.get(version);
        if (v == null) {
            throw RegistryError.versionNotFound(version);
        }
        return v;
    }

    synchronized Optional<Schema> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** The version of the subject holding this schema; 40401 or 40403 when there is none. */
    synchronized Version lookup(String subject, Schema schema) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) {
            throw RegistryError.subjectNotFound(subject);
        }
        String canonical = schema.toString();
        return versions.values().stream().filter(v -> v.schema().equals(canonical)).findFirst()
                .orElseThrow(RegistryError::schemaNotFound);
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    /** The subject's own level, or the global one when the subject has none. */
    synchronized CompatibilityLevel level(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    /**
     * Problems of the schema against the subject: against {@code version} only, or, when it is -1,
     * against the latest (or every version, for a transitive level). Unknown subject and latest:
     * compatible, as there is nothing to break.
     */
    synchronized List<String> compatibilityProblems(String subject, int version, Schema schema) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        CompatibilityLevel level = level(subject);
        if (version == -1) {
            if (versions == null) {
                return List.of();
            }
            return level.check(schema, versions.values().stream().map(Version::parsed).toList());
        }
        Version against = version(subject, version);
        return level.check(schema, List.of(against.parsed()));
    }

    /**
     * Registers the schema under the subject and returns its global id. A schema already under the
     * subject returns its id without a new version; a schema known under another subject keeps
     * its id; an incompatible schema is refused (409).
     */
    synchronized int register(String subject, Schema schema) {
        String canonical = schema.toString();
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        if (versions != null) {
            for (Version v : versions.values()) {
                if (v.schema().equals(canonical)) {
                    return v.id();
                }
            }
            List<String> problems = level(subject).check(schema, versions.values().stream().map(Version::parsed).toList());
            if (!problems.isEmpty()) {
                throw RegistryError.incompatible(subject, problems);
            }
        }
        int id = idsByCanonical.getOrDefault(canonical, maxId + 1);
        int version = versions == null ? 1 : versions.lastKey() + 1;
        ObjectNode key = json.createObjectNode().put("keytype", "SCHEMA").put("subject", subject).put("version", version)
                .put("magic", 1);
        ObjectNode value = json.createObjectNode().put("subject", subject).put("version", version).put("id", id)
                .put("schema", canonical).put("deleted", false);
        write(key, value, "registering a schema");
        LOG.info("Registered schema id {} as version {} of subject '{}'", id, version, subject);
        return id;
    }

    /** Sets the level of the subject, or the global level when subject is null. */
    synchronized void setLevel(String subject, CompatibilityLevel level) {
        ObjectNode key = json.createObjectNode().put("keytype", "CONFIG");
        if (subject == null) {
            key.putNull("subject");
        } else {
            key.put("subject", subject);
        }
        key.put("magic", 0);
        write(key, json.createObjectNode().put("compatibilityLevel", level.name()), "updating the configuration");
    }

    private void write(ObjectNode key, ObjectNode value, String what) {
        String k = key.toString();
        String v = value.toString();
        try {
            producer.send(new ProducerRecord<>(topic, 0, k, v)).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeError(what, e);
        } catch (ExecutionException e) {
            throw RegistryError.storeError(what, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw RegistryError.storeError(what, e);
        }
        apply(k, v);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
