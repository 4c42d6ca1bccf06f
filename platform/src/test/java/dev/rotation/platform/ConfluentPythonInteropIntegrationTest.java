package dev.rotation.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.model.PriceBar;
import dev.rotation.model.Signal;
import dev.rotation.model.registry.RestSchemaRegistryClient;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroSerde;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bytes we write are read by Confluent's own Python client (its {@code confluent_kafka.avro}
 * MessageSerializer, which fetches the writer schema from our registry by id). Skipped where {@code
 * python3-confluent-kafka} is not installed.
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedPlatform.class)
class ConfluentPythonInteropIntegrationTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String DECODE =
            """
            import json, sys
            from confluent_kafka.avro.cached_schema_registry_client import CachedSchemaRegistryClient
            from confluent_kafka.avro.serializer.message_serializer import MessageSerializer
            serializer = MessageSerializer(CachedSchemaRegistryClient({'url': sys.argv[1]}))
            for hex_payload in sys.argv[2:]:
                print(json.dumps(serializer.decode_message(bytes.fromhex(hex_payload)), default=str))
            """;

    @BeforeAll
    static void requireConfluentPython() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON);
        Process p =
                new ProcessBuilder(PYTHON, "-c", "import confluent_kafka.avro")
                        .redirectErrorStream(true)
                        .start();
        p.getInputStream().readAllBytes();
        assumeTrue(
                p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
                "confluent_kafka.avro is not importable");
    }

    @Test
    void confluentsPythonDeserializerReadsOurBytes() throws Exception {
        String registryUrl = SharedPlatform.platform().registryUrl();
        String topic = SharedPlatform.unique("interop");
        byte[] bar;
        byte[] signal;
        try (SchemaRegistryClient client = RestSchemaRegistryClient.builder(registryUrl).build();
                ConfluentAvroSerde<PriceBar> bars =
                        ConfluentAvroSerde.of(client, PriceBar.class, Map.of(), false);
                ConfluentAvroSerde<Signal> signals =
                        ConfluentAvroSerde.of(client, Signal.class, Map.of(), false)) {
            bar = bars.serializer().serialize(topic + "-bars", ModelSamples.priceBar());
            signal = signals.serializer().serialize(topic + "-signals", ModelSamples.signal());
        }

        List<JsonNode> decoded = decodeWithPython(registryUrl, bar, signal);

        JsonNode b = decoded.get(0);
        assertThat(b.path("instrument").asText()).isEqualTo("BTC-USD");
        assertThat(b.path("close").asDouble()).isEqualTo(ModelSamples.priceBar().getClose());
        assertThat(b.path("intervalStart").asText()).startsWith("2026-01-23 14:00:00");
        JsonNode s = decoded.get(1);
        assertThat(s.path("type").asText()).isEqualTo("ROTATION_TO_HIGH_BETA");
        assertThat(s.path("causality").asText()).isEqualTo("CORRELATION_NOT_CAUSATION");
        assertThat(s.path("subjects").toString()).isEqualTo("[\"BTC\",\"SOL\",\"XRP\"]");
        assertThat(s.path("magnitude").path("scale").asText()).isEqualTo("MATERIAL");
        assertThat(s.path("evidence").get(1).path("baseline").isNull()).isTrue();
        assertThat(s.path("caveats").get(0).path("code").asText()).isEqualTo("SINGLE_SOURCE");
    }

    private static List<JsonNode> decodeWithPython(String registryUrl, byte[]... payloads)
            throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON, "-c", DECODE, registryUrl));
        for (byte[] p : payloads) {
            cmd.add(HexFormat.of().formatHex(p));
        }
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : output.strip().split("\n")) {
            out.add(json.readTree(line));
        }
        assertThat(out).as(output).hasSize(payloads.length);
        return out;
    }
}
