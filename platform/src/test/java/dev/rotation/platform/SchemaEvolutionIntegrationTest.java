package dev.rotation.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotation.model.FundFlow;
import dev.rotation.model.PriceBar;
import dev.rotation.model.Signal;
import dev.rotation.model.registry.RestSchemaRegistryClient;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.registry.SchemaRegistryException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the product's schemas may evolve under the default BACKWARD level. */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedPlatform.class)
class SchemaEvolutionIntegrationTest {

    private static SchemaRegistryClient client;

    @BeforeAll
    static void connect() {
        client = RestSchemaRegistryClient.builder(SharedPlatform.platform().registryUrl()).build();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    /** PriceBar plus one field. */
    private static Schema priceBarWith(Schema.Field extra) {
        Schema base = PriceBar.getClassSchema();
        List<Schema.Field> fields = new java.util.ArrayList<>();
        base.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(extra);
        return Schema.createRecord(
                base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    @Test
    void addingAnOptionalFieldWithDefaultIsBackwardCompatible() {
        String subject = SharedPlatform.unique("evolve-ok") + "-value";
        int v1 = client.register(subject, PriceBar.getClassSchema());
        Schema withVwap =
                priceBarWith(
                        new Schema.Field(
                                "vwap",
                                SchemaBuilder.unionOf().nullType().and().doubleType().endUnion(),
                                "Volume-weighted price when known.",
                                JsonProperties.NULL_VALUE));

        assertThat(client.testCompatibility(subject, withVwap)).isTrue();
        int v2 = client.register(subject, withVwap);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(client.getLatest(subject).schema()).isEqualTo(withVwap);
    }

    /**
     * FundFlow gained {@code reportRows} (optional, default null): a subject holding the schema
     * without it accepts the current one, and a row written without it reads with a null count.
     */
    @Test
    void fundFlowsReportRowCountIsABackwardCompatibleAddition() throws Exception {
        Schema current = FundFlow.getClassSchema();
        List<Schema.Field> fields = new java.util.ArrayList<>();
        current.getFields().stream()
                .filter(f -> !f.name().equals("reportRows"))
                .forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        Schema previous =
                Schema.createRecord(
                        current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        String subject = SharedPlatform.unique("fund-flows") + "-value";
        client.register(subject, previous);

        assertThat(client.testCompatibility(subject, current)).isTrue();
        client.register(subject, current);

        org.apache.avro.generic.GenericRecord old =
                new org.apache.avro.generic.GenericData.Record(previous);
        old.put("eventId", "e");
        old.put("source", "coinshares");
        old.put("reportId", "r");
        old.put("periodStart", 0L);
        old.put("periodEnd", 1L);
        old.put(
                "breakdown",
                new org.apache.avro.generic.GenericData.EnumSymbol(
                        previous.getField("breakdown").schema(), "ASSET"));
        old.put("key", "BTC");
        old.put("netFlowUsd", -1.0);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.apache.avro.io.BinaryEncoder out =
                org.apache.avro.io.EncoderFactory.get().binaryEncoder(bytes, null);
        new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(
                        previous)
                .write(old, out);
        out.flush();
        org.apache.avro.generic.GenericRecord read =
                new org.apache.avro.generic.GenericDatumReader<
                                org.apache.avro.generic.GenericRecord>(previous, current)
                        .read(
                                null,
                                org.apache.avro.io.DecoderFactory.get()
                                        .binaryDecoder(bytes.toByteArray(), null));
        assertThat(read.get("reportRows")).isNull();
        assertThat(read.get("netFlowUsd")).isEqualTo(-1.0);
    }

    /**
     * FundFlow gained {@code asset}, {@code region} and {@code issuer} (optional, default null) for
     * sources that publish per-region or per-issuer rows. The schema as published before them (a
     * test resource) is accepted as a predecessor under BACKWARD, and a row written with it reads
     * with null scope fields and its figures intact.
     */
    @Test
    void fundFlowsScopeFieldsAreABackwardCompatibleAddition() throws Exception {
        Schema previous;
        try (java.io.InputStream in =
                SchemaEvolutionIntegrationTest.class.getResourceAsStream(
                        "/schemas/FundFlow-without-scope-fields.avsc")) {
            previous = new Schema.Parser().parse(in);
        }
        Schema current = FundFlow.getClassSchema();
        assertThat(previous.getField("asset")).isNull();
        String subject = SharedPlatform.unique("fund-flows-scope") + "-value";
        client.register(subject, previous);
        assertThat(client.testCompatibility(subject, current)).isTrue();
        client.register(subject, current);
        assertThat(client.versions(subject)).containsExactly(1, 2);

        org.apache.avro.generic.GenericRecord old =
                new org.apache.avro.generic.GenericData.Record(previous);
        old.put("eventId", "e");
        old.put("source", "coinshares");
        old.put("reportId", "coinshares-2026-01-26");
        old.put("periodStart", 1768780800000L);
        old.put("periodEnd", 1769212800000L);
        old.put(
                "breakdown",
                new org.apache.avro.generic.GenericData.EnumSymbol(
                        previous.getField("breakdown").schema(), "REGION"));
        old.put("key", "US");
        old.put("netFlowUsd", -1.8e9);
        old.put("reportRows", 14);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.apache.avro.io.BinaryEncoder out =
                org.apache.avro.io.EncoderFactory.get().binaryEncoder(bytes, null);
        new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(
                        previous)
                .write(old, out);
        out.flush();
        org.apache.avro.generic.GenericRecord read =
                new org.apache.avro.generic.GenericDatumReader<
                                org.apache.avro.generic.GenericRecord>(previous, current)
                        .read(
                                null,
                                org.apache.avro.io.DecoderFactory.get()
                                        .binaryDecoder(bytes.toByteArray(), null));
        assertThat(read.get("asset")).isNull();
        assertThat(read.get("region")).isNull();
        assertThat(read.get("issuer")).isNull();
        assertThat(read.get("key")).hasToString("US");
        assertThat(read.get("netFlowUsd")).isEqualTo(-1.8e9);
        assertThat(read.get("reportRows")).isEqualTo(14);
    }

    /**
     * Signal gained {@code confidenceComponents} (optional, default null). The schema as published
     * before it (a test resource) is accepted as a predecessor under BACKWARD, and a signal written
     * with it reads with null components and its score intact.
     */
    @Test
    void signalsConfidenceComponentsAreABackwardCompatibleAddition() throws Exception {
        Schema previous;
        try (java.io.InputStream in =
                SchemaEvolutionIntegrationTest.class.getResourceAsStream(
                        "/schemas/Signal-without-confidence-components.avsc")) {
            previous = new Schema.Parser().parse(in);
        }
        Schema current = Signal.getClassSchema();
        assertThat(previous.getField("confidenceComponents")).isNull();
        String subject = SharedPlatform.unique("signals-components") + "-value";
        client.register(subject, previous);
        assertThat(client.testCompatibility(subject, current)).isTrue();
        client.register(subject, current);
        assertThat(client.versions(subject)).containsExactly(1, 2);

        org.apache.avro.generic.GenericRecord old =
                new org.apache.avro.generic.GenericData.Record(previous);
        old.put("signalId", "ROTATION_TO_HIGH_BETA|2026-01-19|group:high-beta,group:mainstream");
        old.put("type", symbol(previous, "type", "ROTATION_TO_HIGH_BETA"));
        old.put("windowStart", 1768780800000L);
        old.put("windowEnd", 1769385600000L);
        old.put("status", symbol(previous, "status", "FINAL"));
        old.put("revision", 3);
        old.put("subjects", List.of("group:high-beta", "group:mainstream"));
        old.put("magnitude", null);
        old.put("confidence", 0.55);
        old.put("confidenceLevel", symbol(previous, "confidenceLevel", "MEDIUM"));
        old.put("causality", symbol(previous, "causality", "CORRELATION_NOT_CAUSATION"));
        old.put("evidence", List.of());
        old.put("caveats", List.of());
        old.put("correlation", null);
        old.put("sources", List.of("coinshares"));
        old.put("explanation", "Net outflows coincided with net inflows.");
        old.put("emittedAt", 1769990400000L);
        old.put("lastEventTime", 1769212799999L);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.apache.avro.io.BinaryEncoder out =
                org.apache.avro.io.EncoderFactory.get().binaryEncoder(bytes, null);
        new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(
                        previous)
                .write(old, out);
        out.flush();
        org.apache.avro.generic.GenericRecord read =
                new org.apache.avro.generic.GenericDatumReader<
                                org.apache.avro.generic.GenericRecord>(previous, current)
                        .read(
                                null,
                                org.apache.avro.io.DecoderFactory.get()
                                        .binaryDecoder(bytes.toByteArray(), null));
        assertThat(read.get("confidenceComponents")).isNull();
        assertThat(read.get("confidence")).isEqualTo(0.55);
        assertThat(read.get("revision")).isEqualTo(3);
    }

    private static org.apache.avro.generic.GenericData.EnumSymbol symbol(
            Schema record, String field, String symbol) {
        return new org.apache.avro.generic.GenericData.EnumSymbol(
                record.getField(field).schema(), symbol);
    }

    @Test
    void addingARequiredFieldWithoutDefaultIsRefused() {
        String subject = SharedPlatform.unique("evolve-refused") + "-value";
        client.register(subject, PriceBar.getClassSchema());
        Schema withCurrency =
                priceBarWith(
                        new Schema.Field(
                                "quoteCurrency",
                                Schema.create(Schema.Type.STRING),
                                "Quote currency.",
                                (Object) null));

        assertThat(client.testCompatibility(subject, withCurrency)).isFalse();
        assertThatThrownBy(() -> client.register(subject, withCurrency))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> {
                            assertThat(e.isIncompatible()).isTrue();
                            assertThat(e.errorCode()).isEqualTo(409);
                        });
        assertThat(client.versions(subject)).containsExactly(1);
    }
}
