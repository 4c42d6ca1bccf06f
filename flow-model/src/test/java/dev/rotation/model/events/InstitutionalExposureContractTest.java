package dev.rotation.model.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.ExposureKind;
import dev.rotation.model.HolderType;
import dev.rotation.model.InstitutionalExposure;
import dev.rotation.model.registry.InMemorySchemaRegistryClient;
import dev.rotation.model.topics.Topics;
import dev.rotation.model.validation.EventValidator;
import dev.rotation.model.validation.EventValidator.Violation;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

/** The institutional-exposure input: its contract, its checks, and how its schema may evolve. */
class InstitutionalExposureContractTest {

    private static final Instant AS_OF = Instant.parse("2026-01-24T00:00:00Z");

    static InstitutionalExposure.Builder sovereignEth() {
        return InstitutionalExposure.newBuilder()
                .setEventId("id-1")
                .setSource("illustrative")
                .setHolder("Sovereign fund")
                .setHolderType(HolderType.SOVEREIGN_FUND)
                .setInstrument("ETH-USD")
                .setExposure(ExposureKind.DIRECT)
                .setUnderlying("ETH")
                .setUnits(100_000.0)
                .setCostBasisUsd(3_300.0)
                .setLeverage(2.0)
                .setAsOf(AS_OF);
    }

    @Test
    void keyIsHolderAndInstrumentAndEventTimeIsTheLastInstantBeforeAsOf() {
        InstitutionalExposure e = sovereignEth().build();
        assertThat(InputEventType.of(e)).isEqualTo(InputEventType.EXPOSURES);
        assertThat(InputEventType.EXPOSURES.key(e)).isEqualTo("Sovereign fund|ETH-USD");
        assertThat(InputEventType.EXPOSURES.eventId(e)).isEqualTo("id-1");
        assertThat(InputEventType.EXPOSURES.eventTime(e))
                .isEqualTo(Instant.parse("2026-01-23T23:59:59.999Z").toEpochMilli());
        assertThat(InputEventType.EXPOSURES.validate(e)).isEmpty();
        assertThat(InputEventType.parse("exposure")).isEqualTo(InputEventType.EXPOSURES);
    }

    @Test
    void catalogueCarriesTheTopicAsAnInput() {
        Topics topics = Topics.create(InMemorySchemaRegistryClient.scope("exposure"), Map.of());
        assertThat(InputEventType.EXPOSURES.topic(topics).name())
                .isEqualTo("rd.institutional-exposures");
        assertThat(topics.inputs()).contains(topics.exposures());
        assertThat(topics.producerTopics()).contains(topics.exposures());
    }

    @Test
    void anIndirectPositionGivenInUsdAloneIsValid() {
        InstitutionalExposure bank =
                sovereignEth()
                        .setHolder("Japanese trust bank")
                        .setHolderType(HolderType.BANK)
                        .setInstrument("MSTR")
                        .setExposure(ExposureKind.INDIRECT)
                        .setUnderlying("BTC")
                        .setUnits(null)
                        .setPositionUsd(96.6e6)
                        .setCostBasisUsd(null)
                        .setLeverage(null)
                        .build();
        assertThat(EventValidator.validate(bank)).isEmpty();
    }

    @Test
    void everyBadFieldIsNamed() {
        InstitutionalExposure bad =
                sovereignEth()
                        .setHolder(" ")
                        .setHolderType(HolderType.UNKNOWN)
                        .setExposure(ExposureKind.UNKNOWN)
                        .setUnits(null)
                        .setPositionUsd(null)
                        .setCostBasisUsd(-1.0)
                        .setLeverage(0.5)
                        .build();
        assertThat(EventValidator.validate(bad))
                .extracting(Violation::code)
                .containsExactly(
                        EventValidator.MISSING_FIELD,
                        EventValidator.UNKNOWN_EXPOSURE_KIND,
                        EventValidator.UNKNOWN_EXPOSURE_KIND,
                        EventValidator.MISSING_POSITION_SIZE,
                        EventValidator.NON_POSITIVE_POSITION,
                        EventValidator.BAD_LEVERAGE);
        assertThat(EventValidator.validate(sovereignEth().setUnits(Double.NaN).build()))
                .extracting(Violation::code)
                .containsExactly(EventValidator.NOT_FINITE);
    }

    @Test
    void schemaIsReadableBothWaysWithAVersionThatHasOneFieldMore() {
        Schema current = InstitutionalExposure.getClassSchema();
        String json = current.toString();
        Schema next =
                new Schema.Parser()
                        .parse(
                                json.substring(0, json.lastIndexOf(']'))
                                        + ",{\"name\":\"marginCallLevel\",\"type\":[\"null\",\"double\"],\"default\":null}]}");
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(next, current).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, next).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }
}
