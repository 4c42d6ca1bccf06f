package dev.rotation.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Metal;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import dev.rotation.model.validation.EventValidator.Violation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private static final Instant MON = Instant.parse("2026-01-19T00:00:00Z");
    private static final Instant SAT = Instant.parse("2026-01-24T00:00:00Z");

    private static FundFlow.Builder flow() {
        return FundFlow.newBuilder()
                .setEventId("id")
                .setSource("coinshares")
                .setReportId("r")
                .setPeriodStart(MON)
                .setPeriodEnd(SAT)
                .setBreakdown(Breakdown.ASSET)
                .setKey("BTC")
                .setNetFlowUsd(-1.09e9);
    }

    private static PriceBar.Builder bar() {
        return PriceBar.newBuilder()
                .setEventId("id")
                .setSource("s")
                .setInstrument("BTC-USD")
                .setIntervalStart(MON)
                .setIntervalEnd(SAT)
                .setOpen(95_000)
                .setHigh(96_000)
                .setLow(88_000)
                .setClose(89_000);
    }

    private static VolumeBar.Builder volume() {
        return VolumeBar.newBuilder()
                .setEventId("id")
                .setSource("s")
                .setInstrument("BTC-USD")
                .setIntervalStart(MON)
                .setIntervalEnd(SAT)
                .setVolumeBase(1_000)
                .setVolumeUsd(9e7);
    }

    private static MetalQuote.Builder metal() {
        return MetalQuote.newBuilder()
                .setEventId("id")
                .setSource("news")
                .setMetal(Metal.XAG)
                .setIntervalStart(MON)
                .setIntervalEnd(SAT)
                .setSpotUsdPerOz(100.94);
    }

    private static List<String> codes(List<Violation> violations) {
        return violations.stream().map(Violation::code).toList();
    }

    @Test
    void validEventsHaveNoViolation() {
        assertThat(EventValidator.validate(flow().build())).isEmpty();
        assertThat(EventValidator.validate(bar().build())).isEmpty();
        assertThat(EventValidator.validate(volume().build())).isEmpty();
        assertThat(
                        EventValidator.validate(
                                metal().setHighUsdPerOz(101.0)
                                        .setLowUsdPerOz(99.0)
                                        .setVolumeOz(5.0)
                                        .setProductFlowUsd(-3.0)
                                        .build()))
                .isEmpty();
    }

    @Test
    void fundFlowChecks() {
        assertThat(codes(EventValidator.validate(flow().setNetFlowUsd(Double.NaN).build())))
                .containsExactly("NOT_FINITE");
        assertThat(
                        codes(
                                EventValidator.validate(
                                        flow().setAumUsd(Double.POSITIVE_INFINITY).build())))
                .containsExactly("NOT_FINITE");
        assertThat(codes(EventValidator.validate(flow().setPeriodEnd(MON).build())))
                .containsExactly("END_BEFORE_START");
        assertThat(codes(EventValidator.validate(flow().setBreakdown(Breakdown.UNKNOWN).build())))
                .containsExactly("UNKNOWN_BREAKDOWN");
        assertThat(codes(EventValidator.validate(flow().setKey(" ").setSource("").build())))
                .containsExactly("MISSING_FIELD", "MISSING_FIELD");
    }

    @Test
    void aReportRowCountIsAtLeastOneAndNeedsItsReport() {
        assertThat(EventValidator.validate(flow().setReportRows(14).build())).isEmpty();
        assertThat(codes(EventValidator.validate(flow().setReportRows(0).build())))
                .containsExactly("BAD_REPORT_ROWS");
        assertThat(EventValidator.validate(flow().setReportId(null).setReportRows(14).build()))
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.code()).isEqualTo("BAD_REPORT_ROWS");
                            assertThat(v.message()).contains("reportId is blank");
                        });
    }

    @Test
    void priceBarChecks() {
        assertThat(codes(EventValidator.validate(bar().setClose(Double.NaN).build())))
                .containsExactly("NOT_FINITE");
        assertThat(codes(EventValidator.validate(bar().setOpen(0).build())))
                .containsExactly("NON_POSITIVE_PRICE");
        assertThat(codes(EventValidator.validate(bar().setHigh(80_000).build())))
                .containsExactly("HIGH_BELOW_LOW");
        assertThat(
                        codes(
                                EventValidator.validate(
                                        bar().setIntervalEnd(MON.minusSeconds(1)).build())))
                .containsExactly("END_BEFORE_START");
        assertThat(codes(EventValidator.validate(bar().setInstrument("").build())))
                .containsExactly("MISSING_FIELD");
    }

    @Test
    void volumeBarChecks() {
        assertThat(codes(EventValidator.validate(volume().setVolumeBase(-1).build())))
                .containsExactly("NEGATIVE_VOLUME");
        assertThat(
                        codes(
                                EventValidator.validate(
                                        volume().setVolumeUsd(Double.NEGATIVE_INFINITY).build())))
                .containsExactly("NOT_FINITE");
        assertThat(codes(EventValidator.validate(volume().setEventId("").build())))
                .containsExactly("MISSING_FIELD");
    }

    @Test
    void metalQuoteChecks() {
        assertThat(codes(EventValidator.validate(metal().setMetal(Metal.UNKNOWN).build())))
                .containsExactly("UNKNOWN_METAL");
        assertThat(codes(EventValidator.validate(metal().setSpotUsdPerOz(-2).build())))
                .containsExactly("NON_POSITIVE_PRICE");
        assertThat(
                        codes(
                                EventValidator.validate(
                                        metal().setHighUsdPerOz(90.0)
                                                .setLowUsdPerOz(95.0)
                                                .build())))
                .containsExactly("HIGH_BELOW_LOW");
        assertThat(codes(EventValidator.validate(metal().setVolumeOz(-5.0).build())))
                .containsExactly("NEGATIVE_VOLUME");
        assertThat(codes(EventValidator.validate(metal().setProductFlowUsd(Double.NaN).build())))
                .containsExactly("NOT_FINITE");
    }

    @Test
    void reportsEveryViolationWithAReadableMessage() {
        List<Violation> violations =
                EventValidator.validate(
                        bar().setOpen(Double.NaN).setHigh(1).setLow(2).setIntervalEnd(MON).build());
        assertThat(codes(violations))
                .containsExactlyInAnyOrder("NOT_FINITE", "HIGH_BELOW_LOW", "END_BEFORE_START");
        assertThat(violations).anySatisfy(v -> assertThat(v.message()).contains("open is NaN"));
    }
}
