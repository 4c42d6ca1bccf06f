package dev.rotation.platform;

import dev.rotation.model.Alert;
import dev.rotation.model.Breakdown;
import dev.rotation.model.Causality;
import dev.rotation.model.Caveat;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Correlation;
import dev.rotation.model.Evidence;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Magnitude;
import dev.rotation.model.Metal;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.Scale;
import dev.rotation.model.Severity;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.model.VolumeBar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Realistic instances of every Avro type, in the spirit of the week of 2026-01-26. */
final class ModelSamples {
    /** Monday of the reporting week, 00:00 UTC. */
    static final Instant WEEK = Instant.parse("2026-01-19T00:00:00Z");

    private ModelSamples() {}

    static Instant t(Duration sinceWeekStart) {
        return WEEK.plus(sinceWeekStart);
    }

    static FundFlow fundFlow() {
        return FundFlow.newBuilder()
                .setEventId("coinshares:2026-01-26:ASSET:BTC")
                .setSource("coinshares")
                .setReportId("dfw-2026-04")
                .setReportDate(LocalDate.of(2026, 1, 26))
                .setPeriodStart(WEEK)
                .setPeriodEnd(t(Duration.ofDays(7)))
                .setBreakdown(Breakdown.ASSET)
                .setKey("BTC")
                .setNetFlowUsd(-1.09e9)
                .setAumUsd(1.61e11)
                .build();
    }

    static PriceBar priceBar() {
        return PriceBar.newBuilder()
                .setEventId("exchange:kraken:BTC-USD:2026-01-23T14:00")
                .setSource("exchange:kraken")
                .setInstrument("BTC-USD")
                .setIntervalStart(t(Duration.ofDays(4).plusHours(14)))
                .setIntervalEnd(t(Duration.ofDays(4).plusHours(15)))
                .setOpen(89_412.5)
                .setHigh(89_950.0)
                .setLow(87_610.25)
                .setClose(88_004.75)
                .build();
    }

    static VolumeBar volumeBar() {
        return VolumeBar.newBuilder()
                .setEventId("exchange:kraken:ETH-USD:2026-01-23T14:00")
                .setSource("exchange:kraken")
                .setInstrument("ETH-USD")
                .setIntervalStart(t(Duration.ofDays(4).plusHours(14)))
                .setIntervalEnd(t(Duration.ofDays(4).plusHours(15)))
                .setVolumeBase(18_450.3)
                .setVolumeUsd(5.41e7)
                .build();
    }

    static MetalQuote metalQuote() {
        return MetalQuote.newBuilder()
                .setEventId("lbma:XAG:2026-01-23")
                .setSource("lbma")
                .setMetal(Metal.XAG)
                .setIntervalStart(t(Duration.ofDays(4)))
                .setIntervalEnd(t(Duration.ofDays(5)))
                .setSpotUsdPerOz(96.12)
                .setHighUsdPerOz(98.40)
                .setLowUsdPerOz(92.05)
                .setVolumeOz(null)
                .setProductFlowUsd(4.7e8)
                .build();
    }

    static Signal signal() {
        return Signal.newBuilder()
                .setSignalId("ROTATION_TO_HIGH_BETA:2026-01-19:BTC>SOL")
                .setType(SignalType.ROTATION_TO_HIGH_BETA)
                .setWindowStart(WEEK)
                .setWindowEnd(t(Duration.ofDays(7)))
                .setStatus(SignalStatus.FINAL)
                .setRevision(3)
                .setSubjects(List.of("BTC", "SOL", "XRP"))
                .setMagnitude(
                        Magnitude.newBuilder()
                                .setRatio(0.062)
                                .setScale(Scale.MATERIAL)
                                .setReceivingUsd(6.75e7)
                                .setLeavingUsd(1.09e9)
                                .build())
                .setConfidence(0.58)
                .setConfidenceLevel(ConfidenceLevel.MEDIUM)
                .setCausality(Causality.CORRELATION_NOT_CAUSATION)
                .setEvidence(
                        List.of(
                                new Evidence(
                                        "net_flow_usd",
                                        "BTC",
                                        -1.09e9,
                                        -2.1e8,
                                        -3.4,
                                        -5.0e8,
                                        "coinshares"),
                                new Evidence(
                                        "net_flow_usd",
                                        "group:high_beta",
                                        6.75e7,
                                        null,
                                        null,
                                        null,
                                        null)))
                .setCaveats(
                        List.of(
                                new Caveat(
                                        "SINGLE_SOURCE",
                                        "All flow figures come from one weekly report."),
                                new Caveat(
                                        "NEW_MONEY_VS_ROTATION_UNKNOWN",
                                        "Inflows may be new money, not rotated money.")))
                .setCorrelation(
                        Correlation.newBuilder()
                                .setBetween("crypto_net_flow~XAG_return")
                                .setCoefficient(-0.41)
                                .setSampleSize(12)
                                .setLower95(-0.79)
                                .setUpper95(0.21)
                                .build())
                .setSources(List.of("coinshares"))
                .setExplanation(
                        "Outflows from BTC coincided with inflows into SOL and XRP products.")
                .setEmittedAt(Instant.parse("2026-01-26T09:00:00Z"))
                .setLastEventTime(t(Duration.ofDays(7).minusMillis(1)))
                .build();
    }

    static Alert alert() {
        return Alert.newBuilder()
                .setAlertId("ROTATION_TO_HIGH_BETA:2026-01-19:BTC>SOL:FINAL")
                .setSignalId("ROTATION_TO_HIGH_BETA:2026-01-19:BTC>SOL")
                .setRevision(3)
                .setSeverity(Severity.WARNING)
                .setRank(70)
                .setType(SignalType.ROTATION_TO_HIGH_BETA)
                .setStatus(SignalStatus.FINAL)
                .setWindowStart(WEEK)
                .setWindowEnd(t(Duration.ofDays(7)))
                .setConfidence(0.58)
                .setConfidenceLevel(ConfidenceLevel.MEDIUM)
                .setCausality(Causality.CORRELATION_NOT_CAUSATION)
                .setScale(Scale.MATERIAL)
                .setCaveatCodes(List.of("SINGLE_SOURCE", "NEW_MONEY_VS_ROTATION_UNKNOWN"))
                .setLine(
                        "WARNING rotation to high beta (MATERIAL, 6.2%), confidence MEDIUM - correlation, not causation")
                .setEmittedAt(Instant.parse("2026-01-26T09:00:00Z"))
                .build();
    }
}
