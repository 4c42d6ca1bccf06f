package dev.rotation.processor.analytics;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PriceAccumulator.Bucket}s as one binary value: per bucket its index, time (longs) and
 * close (double), big-endian, 24 bytes. Binary in Smile (the state format), base64 in text JSON.
 */
final class BucketsCodec {
    static final int BYTES_PER_BUCKET = 24;

    private BucketsCodec() {}

    /**
     * Reused per thread: the accumulator is written on every bar, a fresh array each time was
     * garbage.
     */
    private static final ThreadLocal<ByteBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 * BYTES_PER_BUCKET));

    /**
     * The encoding in a per-thread buffer, valid until the thread's next call: position 0, limit =
     * length.
     */
    static ByteBuffer encode(List<PriceAccumulator.Bucket> buckets) {
        int size = buckets.size() * BYTES_PER_BUCKET;
        ByteBuffer buf = SCRATCH.get();
        if (buf.capacity() < size) {
            buf = ByteBuffer.allocate(Math.max(size, 2 * buf.capacity()));
            SCRATCH.set(buf);
        }
        buf.clear();
        for (PriceAccumulator.Bucket b : buckets) {
            buf.putLong(b.index).putLong(b.time).putDouble(b.close);
        }
        return buf.flip();
    }

    static List<PriceAccumulator.Bucket> decode(byte[] bytes) throws IOException {
        if (bytes.length % BYTES_PER_BUCKET != 0) {
            throw new IOException(
                    "price buckets: "
                            + bytes.length
                            + " bytes is not a multiple of "
                            + BYTES_PER_BUCKET);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        List<PriceAccumulator.Bucket> out = new ArrayList<>(bytes.length / BYTES_PER_BUCKET);
        while (buf.hasRemaining()) {
            out.add(new PriceAccumulator.Bucket(buf.getLong(), buf.getLong(), buf.getDouble()));
        }
        return out;
    }

    static final class Writer extends JsonSerializer<List<PriceAccumulator.Bucket>> {
        @Override
        public void serialize(
                List<PriceAccumulator.Bucket> value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            ByteBuffer encoded = encode(value);
            gen.writeBinary(encoded.array(), 0, encoded.limit());
        }
    }

    static final class Reader extends JsonDeserializer<List<PriceAccumulator.Bucket>> {
        @Override
        public List<PriceAccumulator.Bucket> deserialize(JsonParser p, DeserializationContext ctxt)
                throws IOException {
            return decode(p.getBinaryValue());
        }
    }
}
