package dev.rotation.model.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Metal;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.Signal;
import dev.rotation.model.VolumeBar;
import dev.rotation.model.registry.InMemorySchemaRegistryClient;
import dev.rotation.model.serde.AvroSerdeConfig;
import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.Topics;
import dev.rotation.model.validation.EventValidator.Violation;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputEventTypeTest {
    /** The seed week: Monday 19 Jan 2026 to Saturday 24 Jan 00:00Z (exclusive). */
    private static final Instant MON = Instant.parse("2026-01-19T00:00:00Z");

    private static final Instant SAT = Instant.parse("2026-01-24T00:00:00Z");
    private static final Instant LAST_INSTANT_OF_FRIDAY = Instant.parse("2026-01-23T23:59:59.999Z");

    private static FundFlow flow() {
        return FundFlow.newBuilder()
                .setEventId("flow-1")
                .setSource("coinshares")
                .setReportId("coinshares-2026-01-26")
                .setPeriodStart(MON)
                .setPeriodEnd(SAT)
                .setBreakdown(Breakdown.ASSET)
                .setKey("BTC")
                .setNetFlowUsd(-1.09e9)
                .build();
    }

    private static PriceBar bar() {
        return PriceBar.newBuilder()
                .setEventId("bar-1")
                .setSource("s")
                .setInstrument("BTC-USD")
                .setIntervalStart(MON)
                .setIntervalEnd(SAT)
                .setOpen(95_000)
                .setHigh(96_000)
                .setLow(88_000)
                .setClose(89_000)
                .build();
    }

    private static VolumeBar volume() {
        return VolumeBar.newBuilder()
                .setEventId("vol-1")
                .setSource("s")
                .setInstrument("ETH-USD")
                .setIntervalStart(MON)
                .setIntervalEnd(SAT)
                .setVolumeBase(1_000)
                .setVolumeUsd(9e7)
                .build();
    }

    private static MetalQuote metal() {
        return MetalQuote.newBuilder()
                .setEventId("xag-1")
                .setSource("news")
                .setMetal(Metal.XAG)
                .setIntervalStart(MON)
                .setIntervalEnd(SAT)
                .setSpotUsdPerOz(100.94)
                .build();
    }

    private static Topics topics(String prefix) {
        String scope = "input-event-type-test";
        return Topics.create(
                InMemorySchemaRegistryClient.scope(scope),
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        AvroSerdeConfig.MOCK_URL_PREFIX + scope),
                prefix);
    }

    @Test
    void aFundFlowIsKeyedByBreakdownAndKeyAndHappensAtTheLastInstantOfItsPeriod() {
        FundFlow f = flow();
        assertThat(InputEventType.of(f)).isEqualTo(InputEventType.FLOWS);
        assertThat(InputEventType.FLOWS.key(f)).isEqualTo("ASSET:BTC");
        assertThat(
                        InputEventType.FLOWS.key(
                                FundFlow.newBuilder(f)
                                        .setBreakdown(Breakdown.TOTAL)
                                        .setKey("ALL")
                                        .build()))
                .isEqualTo("TOTAL:ALL");
        assertThat(InputEventType.FLOWS.eventId(f)).isEqualTo("flow-1");
        // the week's report is published on Monday 26 Jan; its flows belong to the week of 19 Jan
        assertThat(InputEventType.FLOWS.eventTime(f))
                .isEqualTo(LAST_INSTANT_OF_FRIDAY.toEpochMilli());
        assertThat(InputEventType.FLOWS.label()).isEqualTo("flows");
        assertThat(InputEventType.FLOWS.recordClass()).isEqualTo(FundFlow.class);
    }

    @Test
    void barsAndQuotesAreKeyedByInstrumentOrMetalAndHappenAtTheLastInstantOfTheirInterval() {
        assertThat(InputEventType.PRICES.key(bar())).isEqualTo("BTC-USD");
        assertThat(InputEventType.VOLUMES.key(volume())).isEqualTo("ETH-USD");
        assertThat(InputEventType.METALS.key(metal())).isEqualTo("XAG");
        assertThat(InputEventType.PRICES.eventId(bar())).isEqualTo("bar-1");
        assertThat(InputEventType.VOLUMES.eventId(volume())).isEqualTo("vol-1");
        assertThat(InputEventType.METALS.eventId(metal())).isEqualTo("xag-1");
        for (var event : new org.apache.avro.specific.SpecificRecord[] {bar(), volume(), metal()}) {
            assertThat(InputEventType.of(event).eventTime(event)).isEqualTo(SAT.toEpochMilli() - 1);
        }
        assertThat(Arrays.stream(InputEventType.values()).map(InputEventType::label))
                .containsExactly("flows", "prices", "volumes", "metals", "exposures");
    }

    @Test
    void eachTypeValidatesWithItsOwnChecks() {
        assertThat(InputEventType.FLOWS.validate(flow())).isEmpty();
        assertThat(
                        InputEventType.FLOWS.validate(
                                FundFlow.newBuilder(flow()).setNetFlowUsd(Double.NaN).build()))
                .extracting(Violation::code)
                .containsExactly("NOT_FINITE");
        assertThat(InputEventType.PRICES.validate(PriceBar.newBuilder(bar()).setHigh(1).build()))
                .extracting(Violation::code)
                .containsExactly("HIGH_BELOW_LOW");
        assertThat(
                        InputEventType.VOLUMES.validate(
                                VolumeBar.newBuilder(volume()).setVolumeBase(-1).build()))
                .extracting(Violation::code)
                .containsExactly("NEGATIVE_VOLUME");
        assertThat(
                        InputEventType.METALS.validate(
                                MetalQuote.newBuilder(metal()).setMetal(Metal.UNKNOWN).build()))
                .extracting(Violation::code)
                .containsExactly("UNKNOWN_METAL");
    }

    @Test
    void anEventOfAnotherTypeIsRefusedByName() {
        assertThatThrownBy(() -> InputEventType.PRICES.key(flow()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a PriceBar (prices)")
                .hasMessageContaining("FundFlow");
        assertThatThrownBy(() -> InputEventType.of(new Signal()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not an input event: dev.rotation.model.Signal");
        assertThatThrownBy(() -> InputEventType.of(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not an input event: null");
        assertThat(InputEventType.METALS.isInstance(metal())).isTrue();
        assertThat(InputEventType.METALS.isInstance(bar())).isFalse();
    }

    @Test
    void eachTypeHasItsOwnTopicInTheCatalogue() {
        Topics topics = topics("t1.");
        assertThat(InputEventType.FLOWS.topic(topics).name()).isEqualTo("t1.rd.fund-flows");
        assertThat(InputEventType.PRICES.topic(topics).name()).isEqualTo("t1.rd.prices");
        assertThat(InputEventType.VOLUMES.topic(topics).name()).isEqualTo("t1.rd.volumes");
        assertThat(InputEventType.METALS.topic(topics).name()).isEqualTo("t1.rd.metals");
        assertThat(InputEventType.byTopicName(topics))
                .containsOnlyKeys(topics.inputs().stream().map(Topic::name).toList())
                .containsEntry("t1.rd.metals", InputEventType.METALS);
    }

    @Test
    void labelsParseAsTheCommandLineWritesThem() {
        assertThat(InputEventType.parse("flows")).isEqualTo(InputEventType.FLOWS);
        assertThat(InputEventType.parse(" Price ")).isEqualTo(InputEventType.PRICES);
        assertThat(InputEventType.parse("VOLUMES")).isEqualTo(InputEventType.VOLUMES);
        assertThat(InputEventType.parse("metal")).isEqualTo(InputEventType.METALS);
        assertThatThrownBy(() -> InputEventType.parse("trades"))
                .hasMessage(
                        "Unknown event type 'trades'; expected flows, prices, volumes, metals or exposures");
    }
}
