package dev.rotation.model.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that cannot be decoded from the Confluent wire format, with a machine-readable reason
 * that the dead-letter path writes into its headers.
 */
public class WireFormatException extends SerializationException {
    private static final long serialVersionUID = 1L;

    /** Why decoding failed. */
    public enum Reason {
        /** Null or shorter than the 5-byte header. */
        TOO_SHORT,
        /** First byte is not the magic byte 0. */
        UNKNOWN_MAGIC_BYTE,
        /** The registry does not know the schema id. */
        UNKNOWN_SCHEMA_ID,
        /** The writer schema does not resolve to the expected reader type. */
        SCHEMA_MISMATCH,
        /** The body is not valid Avro binary for the writer schema. */
        MALFORMED_BODY,
        /** The registry could not be reached; retry, do not dead-letter. */
        REGISTRY_UNAVAILABLE
    }

    private final Reason reason;

    public WireFormatException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** True when the bytes themselves are at fault (dead-letter); false when retrying may help. */
    public boolean isPoison() {
        return reason != Reason.REGISTRY_UNAVAILABLE;
    }
}
