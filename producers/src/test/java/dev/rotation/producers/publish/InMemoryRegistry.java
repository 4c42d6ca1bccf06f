package dev.rotation.producers.publish;

import dev.rotation.model.registry.RegisteredSchema;
import dev.rotation.model.registry.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** A registry in memory for tests that need no registry server. */
public final class InMemoryRegistry implements SchemaRegistryClient {
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<Schema, Integer> ids = new HashMap<>();
    private final Map<String, List<Integer>> subjects = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id =
                ids.computeIfAbsent(
                        schema,
                        s -> {
                            int next = byId.size() + 1;
                            byId.put(next, s);
                            return next;
                        });
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        throw new UnsupportedOperationException("lookup");
    }

    @Override
    public synchronized Schema getById(int id) {
        return byId.get(id);
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        throw new UnsupportedOperationException("getLatest");
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        return true;
    }

    @Override
    public String getCompatibility(String subject) {
        return "BACKWARD";
    }

    @Override
    public void setCompatibility(String subject, String level) {}

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        return List.copyOf(subjects.getOrDefault(subject, List.of()));
    }

    @Override
    public void close() {}
}
