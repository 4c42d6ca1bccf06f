package dev.rotation.benchmarks;

import dev.rotation.model.Causality;
import dev.rotation.model.Caveat;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Evidence;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Magnitude;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.Scale;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.model.VolumeBar;
import dev.rotation.producers.simulator.MarketSimulator;
import dev.rotation.producers.simulator.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * One realistic record of each serialised type: the inputs come from the seeded simulator (so their
 * strings and numbers look like production traffic); the signal is shaped like the seed week's
 * ROTATION_TO_HIGH_BETA revision (three evidence rows, three caveats, a magnitude).
 */
public final class SampleRecords {
    /** The record types the serde benchmark covers, by simple name. */
    public static final List<String> TYPES =
            List.of("FundFlow", "PriceBar", "VolumeBar", "MetalQuote", "Signal");

    private SampleRecords() {}

    public static SpecificRecord of(String type) {
        if (type.equals("Signal")) {
            return signal();
        }
        MarketSimulator sim =
                new MarketSimulator(
                        MarketSimulator.Options.of(42, 5)
                                .withBarInterval(Duration.ofHours(1))
                                .withScenarios(
                                        MarketSimulator.defaultPlacement(
                                                List.of(Scenario.ROTATION_TO_HIGH_BETA), 5)));
        for (SpecificRecord r : sim) {
            if (r.getClass().getSimpleName().equals(type)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "No " + type + " in the simulator's output; expected one of " + TYPES);
    }

    static Signal signal() {
        Instant start = Instant.parse("2026-01-19T00:00:00Z");
        return Signal.newBuilder()
                .setSignalId("ROTATION_TO_HIGH_BETA|2026-01-19|mainstream->high-beta")
                .setType(SignalType.ROTATION_TO_HIGH_BETA)
                .setWindowStart(start)
                .setWindowEnd(start.plus(Duration.ofDays(7)))
                .setStatus(SignalStatus.PROVISIONAL)
                .setRevision(3)
                .setSubjects(List.of("BTC", "ETH", "SOL"))
                .setMagnitude(new Magnitude(0.0099, Scale.MICRO, 17.1e6, 1.72e9))
                .setConfidence(0.52)
                .setConfidenceLevel(ConfidenceLevel.MEDIUM)
                .setCausality(Causality.CORRELATION_NOT_CAUSATION)
                .setEvidence(
                        List.of(
                                new Evidence(
                                        "net_flow_usd",
                                        "BTC",
                                        -1.09e9,
                                        -1.2e8,
                                        -2.9,
                                        -5e7,
                                        "coinshares"),
                                new Evidence(
                                        "net_flow_usd",
                                        "ETH",
                                        -6.3e8,
                                        -4.0e7,
                                        -2.4,
                                        -5e7,
                                        "coinshares"),
                                new Evidence(
                                        "net_flow_usd",
                                        "SOL",
                                        1.71e7,
                                        2.0e6,
                                        1.8,
                                        1e6,
                                        "coinshares")))
                .setCaveats(
                        List.of(
                                new Caveat(
                                        "SINGLE_SOURCE",
                                        "All flows come from one provider; a directional signal, not a precise conclusion."),
                                new Caveat(
                                        "NEW_MONEY_VS_ROTATION_UNKNOWN",
                                        "The data cannot tell rotated money from new money."),
                                new Caveat(
                                        "PROVISIONAL",
                                        "The window is still open; later data may revise this signal.")))
                .setCorrelation(null)
                .setSources(List.of("coinshares"))
                .setExplanation(
                        "Mainstream crypto products saw net outflows of $1.72B while SOL saw inflows of $17.1M "
                                + "(about 1% of the leaving leg): a micro-structural adjustment that coincided with the outflow, "
                                + "not evidence that one caused the other.")
                .setEmittedAt(start.plus(Duration.ofDays(5)))
                .setLastEventTime(start.plus(Duration.ofDays(5)).minusMillis(1))
                .build();
    }

    /** Sanity check used by the smoke test: every type has a sample. */
    static List<SpecificRecord> all() {
        return TYPES.stream().map(SampleRecords::of).toList();
    }

    static Class<?>[] classes() {
        return new Class<?>[] {
            FundFlow.class, PriceBar.class, VolumeBar.class, MetalQuote.class, Signal.class
        };
    }
}
