package dev.rotation.platform;

import dev.rotation.model.registry.RegisteredSchema;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.registry.SchemaRegistryException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/** A registry client that hands out one fixed id per schema, for byte-level tests without HTTP. */
final class InMemoryRegistryClient implements SchemaRegistryClient {
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<Schema, Integer> ids = new ConcurrentHashMap<>();

    InMemoryRegistryClient with(int id, Schema schema) {
        byId.put(id, schema);
        ids.put(schema, id);
        return this;
    }

    @Override
    public int register(String subject, Schema schema) {
        Integer id = ids.get(schema);
        if (id == null) {
            throw new SchemaRegistryException(404, 40403, subject, "not preloaded", null);
        }
        return id;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return new RegisteredSchema(subject, 1, register(subject, schema), schema);
    }

    @Override
    public Schema getById(int id) {
        Schema s = byId.get(id);
        if (s == null) {
            throw new SchemaRegistryException(
                    404, 40403, null, "Schema " + id + " not found", null);
        }
        return s;
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getCompatibility(String subject) {
        return "BACKWARD";
    }

    @Override
    public void setCompatibility(String subject, String level) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> subjects() {
        return List.of();
    }

    @Override
    public List<Integer> versions(String subject) {
        return List.of();
    }

    @Override
    public void close() {}
}
