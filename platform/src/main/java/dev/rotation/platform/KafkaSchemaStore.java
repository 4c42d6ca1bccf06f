package dev.rotation.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
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
 * The registry's state (subjects and their versions, live or soft-deleted, global ids,
 * compatibility levels), kept in memory and persisted in a compacted Kafka topic with the same JSON
 * keys and values as Confluent's registry: {@code SCHEMA} records (a soft-deleted version is
 * rewritten with {@code "deleted":true}, a permanently deleted one is a tombstone), {@code
 * DELETE_SUBJECT} records (every version up to {@code version} is soft-deleted) and {@code CONFIG}
 * records (a tombstone removes the level). Every change is written to the topic, and acknowledged
 * by the broker, before it is applied and answered; on open the topic is read to its end to rebuild
 * the state. One writer at a time (this process).
 */
final class KafkaSchemaStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
    static final String DEFAULT_TOPIC = "_schemas";

    /** The latest live version, in calls that take a version number. */
    static final int LATEST = -1;

    private static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One version of a subject. {@code schema} is the registered text (Avro's canonical JSON, or
     * the normal form when registered with {@code normalize=true}); {@code deleted} marks a
     * soft-deleted version, which keeps its id resolvable.
     */
    record Version(
            String subject, int version, int id, String schema, Schema parsed, boolean deleted) {}

    /**
     * Which versions (or subjects) a listing shows, after Confluent's {@code deleted} and {@code
     * deletedOnly}.
     */
    enum Filter {
        LIVE,
        INCLUDE_DELETED,
        DELETED_ONLY;

        static Filter of(boolean deleted, boolean deletedOnly) {
            return deletedOnly ? DELETED_ONLY : deleted ? INCLUDE_DELETED : LIVE;
        }

        boolean admits(boolean isDeleted) {
            return switch (this) {
                case LIVE -> !isDeleted;
                case INCLUDE_DELETED -> true;
                case DELETED_ONLY -> isDeleted;
            };
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final String topic;
    private final KafkaProducer<String, String> producer;

    private final Map<String, NavigableMap<Integer, Version>> subjects = new TreeMap<>();

    /** Registered text to id, for every schema seen, so a schema registered again keeps its id. */
    private final Map<String, Integer> idsBySchema = new HashMap<>();

    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = DEFAULT_LEVEL;
    private int maxId;

    private KafkaSchemaStore(String topic, KafkaProducer<String, String> producer) {
        this.topic = topic;
        this.producer = producer;
    }

    /** Creates the topic when absent, reads it to the end and returns a store ready to write. */
    static KafkaSchemaStore open(String bootstrapServers, String topic) {
        ensureTopic(bootstrapServers, topic);
        KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.LINGER_MS_CONFIG,
                                0,
                                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                                15_000,
                                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                10_000,
                                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                                25_000,
                                ProducerConfig.CLIENT_ID_CONFIG,
                                "schema-registry-writer"),
                        new StringSerializer(),
                        new StringSerializer());
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
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            NewTopic t =
                    new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"));
            try {
                admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
                LOG.info("Created schema topic '{}'", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "Cannot create schema topic '" + topic + "': " + e.getCause(),
                            e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException(
                        "Timed out creating schema topic '" + topic + "'", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "Interrupted while creating schema topic '" + topic + "'", e);
            }
        }
    }

    private void replay(String bootstrapServers) {
        TopicPartition tp = new TopicPartition(topic, 0);
        int records = 0;
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false,
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed",
                                ConsumerConfig.CLIENT_ID_CONFIG,
                                "schema-registry-reader"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (consumer.position(tp, Duration.ofSeconds(30)) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Timed out reading schema topic '" + topic + "' to offset " + end);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r.key(), r.value());
                    records++;
                }
            }
        }
        LOG.info(
                "Schema store rebuilt from '{}': {} records, {} subjects, highest schema id {}",
                topic,
                records,
                subjects.size(),
                maxId);
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
        String subject =
                k.path("subject").isNull() || k.path("subject").isMissingNode()
                        ? null
                        : k.path("subject").asText();
        switch (keytype) {
            case "SCHEMA" -> applySchema(subject, k.path("version").asInt(), v);
            case "DELETE_SUBJECT" -> applySubjectDeletion(subject, v);
            case "CONFIG" -> {
                CompatibilityLevel level =
                        v == null
                                ? null
                                : CompatibilityLevel.parse(
                                                v.path("compatibilityLevel").asText(null))
                                        .orElse(null);
                if (subject == null) {
                    globalLevel = level == null ? DEFAULT_LEVEL : level;
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
        if (v == null) {
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
        String text = v.path("schema").asText();
        Schema parsed;
        try {
            parsed = new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Skipping unparsable schema id {} for subject '{}' in schema topic",
                    id,
                    subject);
            return;
        }
        boolean deleted = v.path("deleted").asBoolean(false);
        subjects.computeIfAbsent(subject, s -> new TreeMap<>())
                .put(version, new Version(subject, version, id, text, parsed, deleted));
        idsBySchema.putIfAbsent(text, id);
        maxId = Math.max(maxId, id);
    }

    /** Confluent's subject soft delete: every version up to the watermark becomes deleted. */
    private void applySubjectDeletion(String subject, JsonNode v) {
        NavigableMap<Integer, Version> versions =
                subject == null || v == null ? null : subjects.get(subject);
        if (versions == null) {
            return;
        }
        int watermark = v.path("version").asInt();
        versions.headMap(watermark, true).replaceAll((n, old) -> deleted(old));
    }

    private static Version deleted(Version v) {
        return new Version(v.subject(), v.version(), v.id(), v.schema(), v.parsed(), true);
    }

    // ---------------------------------------------------------------- reads

    /**
     * Subject names, sorted, that start with {@code prefix} (null or empty: all). A subject is
     * deleted when all its versions are; {@code LIVE} shows subjects with a live version.
     */
    synchronized List<String> subjects(String prefix, Filter filter) {
        List<String> out = new ArrayList<>();
        subjects.forEach(
                (name, versions) -> {
                    boolean allDeleted = versions.values().stream().allMatch(Version::deleted);
                    if ((prefix == null || name.startsWith(prefix)) && filter.admits(allDeleted)) {
                        out.add(name);
                    }
                });
        return out;
    }

    /**
     * Whether the subject has a live version, or any version at all when {@code includeDeleted}.
     */
    synchronized boolean hasSubject(String subject, boolean includeDeleted) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        return versions != null
                && versions.values().stream().anyMatch(v -> includeDeleted || !v.deleted());
    }

    /**
     * Version numbers of the subject the filter admits; 40401 when it admits none of the subject.
     */
    synchronized List<Integer> versions(String subject, Filter filter) {
        if (!hasSubject(subject, filter != Filter.LIVE)) {
            throw RegistryError.subjectNotFound(subject);
        }
        return subjects.get(subject).values().stream()
                .filter(v -> filter.admits(v.deleted()))
                .map(Version::version)
                .toList();
    }

    /** The version ({@link #LATEST}: the latest live one), soft-deleted ones only when asked. */
    synchronized Optional<Version> find(String subject, int version, boolean includeDeleted) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) {
            return Optional.empty();
        }
        if (version == LATEST) {
            return versions.descendingMap().values().stream().filter(v -> !v.deleted()).findFirst();
        }
        return Optional.ofNullable(versions.get(version))
                .filter(v -> includeDeleted || !v.deleted());
    }

    /** {@link #find}, or 40401 when the subject has no such versions at all, else 40402. */
    synchronized Version version(String subject, int version, boolean includeDeleted) {
        return find(subject, version, includeDeleted)
                .orElseThrow(
                        () ->
                                hasSubject(subject, includeDeleted)
                                        ? RegistryError.versionNotFound(version)
                                        : RegistryError.subjectNotFound(subject));
    }

    /** The version of the subject registered with exactly this text (live first). */
    synchronized Optional<Version> lookup(
            String subject, String schemaText, boolean includeDeleted) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) {
            return Optional.empty();
        }
        return versions.values().stream()
                .filter(v -> v.schema().equals(schemaText) && (includeDeleted || !v.deleted()))
                .min(Comparator.comparing(Version::deleted));
    }

    /**
     * A version carrying this id, live or soft-deleted; empty once every such version is
     * permanently deleted.
     */
    synchronized Optional<Version> byId(int id) {
        return allVersions(v -> v.id() == id).stream().min(Comparator.comparing(Version::deleted));
    }

    /** Every subject version carrying the id, sorted by subject and version. */
    synchronized List<Version> versionsWithId(int id, boolean includeDeleted) {
        return allVersions(v -> v.id() == id && (includeDeleted || !v.deleted()));
    }

    /**
     * Every version (optionally only each subject's latest) of the subjects starting with the
     * prefix.
     */
    synchronized List<Version> schemas(String prefix, boolean includeDeleted, boolean latestOnly) {
        List<Version> out = new ArrayList<>();
        subjects.forEach(
                (name, versions) -> {
                    if (prefix != null && !name.startsWith(prefix)) {
                        return;
                    }
                    List<Version> shown =
                            versions.values().stream()
                                    .filter(v -> includeDeleted || !v.deleted())
                                    .toList();
                    if (latestOnly && !shown.isEmpty()) {
                        out.add(shown.get(shown.size() - 1));
                    } else if (!latestOnly) {
                        out.addAll(shown);
                    }
                });
        return out;
    }

    synchronized int maxId() {
        return maxId;
    }

    private List<Version> allVersions(Predicate<Version> which) {
        List<Version> out = new ArrayList<>();
        subjects.values()
                .forEach(versions -> versions.values().stream().filter(which).forEach(out::add));
        return out;
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    /** The subject's own level, if it has one. */
    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** The level in force for the subject: its own, else the global one. */
    synchronized CompatibilityLevel level(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    /**
     * Problems of the candidate against the subject's live versions, as registering it would check.
     */
    synchronized List<String> problemsAgainstLiveVersions(String subject, Schema candidate) {
        return level(subject)
                .check(candidate, live(subject).stream().map(Version::parsed).toList());
    }

    private List<Version> live(String subject) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        return versions == null
                ? List.of()
                : versions.values().stream().filter(v -> !v.deleted()).toList();
    }

    // ---------------------------------------------------------------- writes

    /**
     * Registers the schema text under the subject and returns its global id. A text already live
     * under the subject returns its id without a new version; a text seen before (in any subject,
     * also soft-deleted) keeps its id; a schema incompatible with the live versions is refused
     * (409). Version numbers keep counting past soft-deleted versions; soft-deleted versions of the
     * subject with the same id are then permanently deleted, as Confluent does.
     */
    synchronized int register(String subject, Schema parsed, String text) {
        Optional<Version> existing = lookup(subject, text, false);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        List<String> problems = problemsAgainstLiveVersions(subject, parsed);
        if (!problems.isEmpty()) {
            throw RegistryError.incompatible(subject, problems);
        }
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        int id = idsBySchema.getOrDefault(text, maxId + 1);
        int version = versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
        ObjectNode value =
                json.createObjectNode()
                        .put("subject", subject)
                        .put("version", version)
                        .put("id", id)
                        .put("schema", text)
                        .put("deleted", false);
        write(schemaKey(subject, version), value, "registering a schema");
        for (Version old : List.copyOf(subjects.get(subject).headMap(version, false).values())) {
            if (old.deleted() && old.id() == id) {
                write(
                        schemaKey(subject, old.version()),
                        null,
                        "removing a replaced soft-deleted version");
            }
        }
        LOG.info("Registered schema id {} as version {} of subject '{}'", id, version, subject);
        return id;
    }

    /**
     * Deletes the subject: softly (its live versions become deleted, listed and looked up only on
     * request, their ids still resolve) or permanently (every version is removed, which must have
     * been soft-deleted first, and so is the subject's level). Returns the versions deleted. 40401
     * unknown subject, 40404 soft delete of a soft-deleted subject, 40405 permanent delete of a
     * subject with live versions.
     */
    synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        if (!hasSubject(subject, true)) {
            throw RegistryError.subjectNotFound(subject);
        }
        List<Version> live = live(subject);
        if (!permanent) {
            if (live.isEmpty()) {
                throw RegistryError.subjectSoftDeleted(subject);
            }
            int watermark = live.get(live.size() - 1).version();
            ObjectNode key =
                    json.createObjectNode()
                            .put("keytype", "DELETE_SUBJECT")
                            .put("subject", subject)
                            .put("magic", 0);
            write(
                    key,
                    json.createObjectNode().put("subject", subject).put("version", watermark),
                    "deleting a subject");
            LOG.info(
                    "Soft-deleted subject '{}' (versions {})",
                    subject,
                    live.stream().map(Version::version).toList());
            return live.stream().map(Version::version).toList();
        }
        if (!live.isEmpty()) {
            throw RegistryError.subjectNotSoftDeleted(subject);
        }
        List<Integer> all = List.copyOf(subjects.get(subject).keySet());
        for (int version : all) {
            write(schemaKey(subject, version), null, "permanently deleting a subject");
        }
        removeSubjectLevel(subject);
        LOG.info("Permanently deleted subject '{}' (versions {})", subject, all);
        return all;
    }

    /**
     * Deletes one version ({@link #LATEST}: the latest live one), softly or permanently (which must
     * follow a soft delete), and returns its number. 40401 unknown subject, 40402 unknown version,
     * 40406 soft delete of a soft-deleted version ({@code given} is the version as the caller wrote
     * it), 40407 permanent delete of a live version. The last version permanently deleted takes the
     * subject's level with it.
     */
    synchronized int deleteVersion(String subject, int version, String given, boolean permanent) {
        Optional<Version> found = find(subject, version, true);
        if (found.isPresent() && found.get().deleted() && !permanent) {
            throw RegistryError.versionSoftDeleted(subject, given);
        }
        Version v =
                found.orElseThrow(
                        () ->
                                hasSubject(subject, true)
                                        ? RegistryError.versionNotFound(version)
                                        : RegistryError.subjectNotFound(subject));
        if (!permanent) {
            ObjectNode value =
                    json.createObjectNode()
                            .put("subject", subject)
                            .put("version", v.version())
                            .put("id", v.id())
                            .put("schema", v.schema())
                            .put("deleted", true);
            write(schemaKey(subject, v.version()), value, "deleting a schema version");
            LOG.info(
                    "Soft-deleted version {} of subject '{}' (schema id {} still resolves)",
                    v.version(),
                    subject,
                    v.id());
            return v.version();
        }
        if (!v.deleted()) {
            throw RegistryError.versionNotSoftDeleted(subject, v.version());
        }
        write(schemaKey(subject, v.version()), null, "permanently deleting a schema version");
        if (!hasSubject(subject, true)) {
            removeSubjectLevel(subject);
        }
        LOG.info("Permanently deleted version {} of subject '{}'", v.version(), subject);
        return v.version();
    }

    /** Sets the level of the subject, or the global level when subject is null. */
    synchronized void setLevel(String subject, CompatibilityLevel level) {
        write(
                configKey(subject),
                json.createObjectNode().put("compatibilityLevel", level.name()),
                "updating the configuration");
    }

    /**
     * Removes the subject's own level and returns it (40401 when it has none); with a null subject
     * the global level returns to the default, BACKWARD, and the level it had is returned.
     */
    synchronized CompatibilityLevel deleteLevel(String subject) {
        CompatibilityLevel old = subject == null ? globalLevel : subjectLevels.get(subject);
        if (old == null) {
            throw RegistryError.subjectNotFound(subject);
        }
        write(configKey(subject), null, "deleting the configuration");
        return old;
    }

    private void removeSubjectLevel(String subject) {
        if (subjectLevels.containsKey(subject)) {
            write(configKey(subject), null, "deleting the configuration of a deleted subject");
        }
    }

    private ObjectNode schemaKey(String subject, int version) {
        return json.createObjectNode()
                .put("keytype", "SCHEMA")
                .put("subject", subject)
                .put("version", version)
                .put("magic", 1);
    }

    private ObjectNode configKey(String subject) {
        ObjectNode key = json.createObjectNode().put("keytype", "CONFIG");
        if (subject == null) {
            key.putNull("subject");
        } else {
            key.put("subject", subject);
        }
        return key.put("magic", 0);
    }

    /**
     * Writes the record (a tombstone when value is null), waits for the broker's ack, then applies
     * it.
     */
    private void write(ObjectNode key, ObjectNode value, String what) {
        String k = key.toString();
        String v = value == null ? null : value.toString();
        try {
            producer.send(new ProducerRecord<>(topic, 0, k, v))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
