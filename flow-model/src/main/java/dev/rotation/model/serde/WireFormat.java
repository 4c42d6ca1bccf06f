package dev.rotation.model.serde;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro
 * binary encoding of the datum (no container, no schema).
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {}

    /** The schema id in a framed payload, after checking the header. */
    public static int schemaId(byte[] payload) {
        if (payload == null || payload.length < HEADER_SIZE) {
            throw new WireFormatException(
                    WireFormatException.Reason.TOO_SHORT,
                    "payload of "
                            + (payload == null ? "null" : payload.length + " bytes")
                            + " is shorter than the "
                            + HEADER_SIZE
                            + "-byte header",
                    null);
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new WireFormatException(
                    WireFormatException.Reason.UNKNOWN_MAGIC_BYTE,
                    String.format("magic byte is 0x%02x, expected 0x00", payload[0] & 0xff),
                    null);
        }
        return (payload[1] & 0xff) << 24
                | (payload[2] & 0xff) << 16
                | (payload[3] & 0xff) << 8
                | (payload[4] & 0xff);
    }

    /** Writes the 5-byte header into the start of {@code target}. */
    public static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }
}
