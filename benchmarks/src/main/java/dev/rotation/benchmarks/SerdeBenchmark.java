package dev.rotation.benchmarks;

import dev.rotation.model.registry.InMemorySchemaRegistryClient;
import dev.rotation.model.serde.AvroSerdeConfig;
import dev.rotation.model.serde.ConfluentAvroSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Confluent-wire Avro serde of the product against the cost floor: plain Avro binary of the
 * same record with a {@link SpecificDatumWriter}/{@link SpecificDatumReader}. The registry is the
 * in-memory one ({@code mock://}), so no HTTP is on the measured path; after the first call both
 * sides only look up cached ids, writers and readers, which is what a running client does.
 *
 * <p>The raw side is given the same chores the serializer has (a reusable buffer, a fresh {@code
 * byte[]} result; a reusable decoder, a fresh record) so the ratio is the price of the wire format
 * and the registry lookups alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class SerdeBenchmark {

    @Param({"FundFlow", "PriceBar", "VolumeBar", "MetalQuote", "Signal"})
    public String type;

    private static final String TOPIC = "bench.serde";

    private SpecificRecord record;
    private ConfluentAvroSerde<SpecificRecord> wire;
    private byte[] wireBytes;

    private SpecificDatumWriter<SpecificRecord> rawWriter;
    private SpecificDatumReader<SpecificRecord> rawReader;
    private final ByteArrayOutputStream rawOut = new ByteArrayOutputStream(256);
    private BinaryEncoder rawEncoder;
    private BinaryDecoder rawDecoder;
    private byte[] rawBytes;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() throws IOException {
        record = SampleRecords.of(type);
        String scope = "serde-bench-" + type;
        Class<SpecificRecord> cls = (Class<SpecificRecord>) record.getClass();
        wire =
                ConfluentAvroSerde.of(
                        InMemorySchemaRegistryClient.scope(scope),
                        cls,
                        Map.of(
                                AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                                AvroSerdeConfig.MOCK_URL_PREFIX + scope),
                        false);
        wireBytes = wire.serializer().serialize(TOPIC, record);

        Schema schema = record.getSchema();
        rawWriter = new SpecificDatumWriter<>(schema);
        rawReader = new SpecificDatumReader<>(schema, schema);
        rawBytes = rawSerialize();
        if (rawBytes.length + 5 != wireBytes.length) {
            throw new IllegalStateException(
                    "wire format should be raw Avro plus a 5-byte header: "
                            + rawBytes.length
                            + " vs "
                            + wireBytes.length);
        }
        if (!record.equals(wire.deserializer().deserialize(TOPIC, wireBytes))
                || !record.equals(rawDeserialize())) {
            throw new IllegalStateException("round trip changed the " + type);
        }
    }

    @Benchmark
    public byte[] wireSerialize() {
        return wire.serializer().serialize(TOPIC, record);
    }

    @Benchmark
    public byte[] rawSerialize() throws IOException {
        rawOut.reset();
        rawEncoder = EncoderFactory.get().directBinaryEncoder(rawOut, rawEncoder);
        rawWriter.write(record, rawEncoder);
        rawEncoder.flush();
        return rawOut.toByteArray();
    }

    @Benchmark
    public Object wireDeserialize() {
        return wire.deserializer().deserialize(TOPIC, wireBytes);
    }

    @Benchmark
    public Object rawDeserialize() throws IOException {
        rawDecoder = DecoderFactory.get().binaryDecoder(rawBytes, rawDecoder);
        return rawReader.read(null, rawDecoder);
    }

    /** Encoded size in bytes of the sample (wire, including the 5-byte header). */
    public static int wireSize(String type) throws IOException {
        SerdeBenchmark b = new SerdeBenchmark();
        b.type = type;
        b.setUp();
        return b.wireBytes.length;
    }
}
