package dev.rotation.model.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry held in memory, for topology tests on {@code TopologyTestDriver} and serde
 * micro-benchmarks, where no HTTP server runs (the role of Confluent's {@code mock://} URLs). Same
 * id semantics as the real server: ids are global, one schema one id, versions per subject,
 * BACKWARD compatibility by default. Selected by {@code schema.registry.url=mock://NAME}.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
    private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new LinkedHashMap<>();

    private final Map<String, Integer> idsByCanonical = new LinkedHashMap<>();
    private final Map<Integer, Schema> schemasById = new LinkedHashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new TreeMap<>();
    private final Map<String, String> compatibility = new TreeMap<>();
    private String globalCompatibility = "BACKWARD";

    /** The shared instance of a {@code mock://scope} URL. */
    public static synchronized InMemorySchemaRegistryClient scope(String name) {
        return SCOPES.computeIfAbsent(name, n -> new InMemorySchemaRegistryClient());
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        String canonical = schema.toString();
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        Integer id = idsByCanonical.get(canonical);
        if (id != null && versions.contains(id)) {
            return id;
        }
        if (!versions.isEmpty() && !compatible(subject, schema)) {
            throw new SchemaRegistryException(
                    409,
                    409,
                    subject,
                    "Schema being registered is incompatible with an earlier schema",
                    null);
        }
        if (id == null) {
            id = schemasById.size() + 1;
            idsByCanonical.put(canonical, id);
            schemasById.put(id, schema);
        }
        versions.add(id);
        return id;
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(
                    404, 40401, subject, "Subject '" + subject + "' not found.", null);
        }
        Integer id = idsByCanonical.get(schema.toString());
        if (id == null || !versions.contains(id)) {
            throw new SchemaRegistryException(404, 40403, subject, "Schema not found", null);
        }
        return new RegisteredSchema(subject, versions.indexOf(id) + 1, id, schemasById.get(id));
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema s = schemasById.get(id);
        if (s == null) {
            throw new SchemaRegistryException(
                    404, 40403, null, "Schema " + id + " not found", null);
        }
        return s;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaRegistryException(
                    404, 40401, subject, "Subject '" + subject + "' not found.", null);
        }
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, versions.size(), id, schemasById.get(id));
    }

    @Override
    public synchronized boolean testCompatibility(String subject, Schema schema) {
        return !versionsBySubject.containsKey(subject) || compatible(subject, schema);
    }

    private boolean compatible(String subject, Schema schema) {
        String level = getCompatibility(subject);
        if ("NONE".equals(level)) {
            return true;
        }
        Schema latest = getLatest(subject).schema();
        boolean backward =
                SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
                        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
        boolean forward =
                SchemaCompatibility.checkReaderWriterCompatibility(latest, schema).getType()
                        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
        if (level.startsWith("FULL")) {
            return backward && forward;
        }
        return level.startsWith("FORWARD") ? forward : backward;
    }

    @Override
    public synchronized String getCompatibility(String subject) {
        return subject == null
                ? globalCompatibility
                : compatibility.getOrDefault(subject, globalCompatibility);
    }

    @Override
    public synchronized void setCompatibility(String subject, String level) {
        if (subject == null) {
            globalCompatibility = level;
        } else {
            compatibility.put(subject, level);
        }
    }

    @Override
    public synchronized List<String> subjects() {
        return new ArrayList<>(versionsBySubject.keySet());
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(
                    404, 40401, subject, "Subject '" + subject + "' not found.", null);
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= versions.size(); i++) {
            out.add(i);
        }
        return out;
    }

    @Override
    public void close() {
        // nothing held
    }
}
