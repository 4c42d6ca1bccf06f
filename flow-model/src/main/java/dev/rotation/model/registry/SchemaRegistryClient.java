package dev.rotation.model.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API the product uses. Implementations cache what
 * never changes (id to schema, schema to id) and throw {@link SchemaRegistryException} naming the
 * subject and the registry's error code.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers (or finds) the schema under the subject and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of a schema already registered under the subject; 40403 if it is not. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** The schema with this global id; 40403 if unknown. */
    Schema getById(int id);

    /** The latest version registered under the subject; 40401 if the subject is unknown. */
    RegisteredSchema getLatest(String subject);

    /** Whether the schema is compatible with the latest version under the subject. */
    boolean testCompatibility(String subject, Schema schema);

    /**
     * Compatibility level in force for the subject (its own, else the global one), or the global
     * one when subject is null.
     */
    String getCompatibility(String subject);

    /** Sets the compatibility level of the subject, or the global one when subject is null. */
    void setCompatibility(String subject, String level);

    List<String> subjects();

    List<Integer> versions(String subject);

    @Override
    void close();
}
