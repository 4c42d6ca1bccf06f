package dev.rotation.model.registry;

import org.apache.avro.Schema;

/** A schema as the registry knows it under a subject: its global id and per-subject version. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {}
