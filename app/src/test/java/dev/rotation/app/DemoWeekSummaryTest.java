package dev.rotation.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Causality;
import dev.rotation.model.Caveat;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Evidence;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's week summary writes flows as a desk does. */
class DemoWeekSummaryTest {

    @Test
    void flowsAreSignedDollarsInMillionsOrBillionsMostNegativeFirst() {
        assertThat(
                        DemoCommand.join(
                                Map.of(
                                        "BTC", -1.09e9,
                                        "ETH", -630e6,
                                        "XRP", -18.2e6,
                                        "SHORT_BTC", 5e5,
                                        "LINK", 3.8e6,
                                        "SOL", 17.1e6)))
                .isEqualTo(
                        "BTC -$1.09B, ETH -$630M, XRP -$18.2M, SHORT_BTC +$0.5M, LINK +$3.8M, SOL +$17.1M");
    }

    private static Signal rotation(List<String> caveats, List<String> sources, Evidence... extra) {
        Instant start = Instant.parse("2026-01-19T00:00:00Z");
        List<Evidence> evidence = new java.util.ArrayList<>();
        evidence.add(
                new Evidence(
                        "net_flow_usd",
                        "group:mainstream",
                        -1.72e9,
                        null,
                        null,
                        null,
                        "coinshares"));
        evidence.addAll(List.of(extra));
        return Signal.newBuilder()
                .setSignalId("ROTATION_TO_HIGH_BETA|2026-01-19|group:high-beta,group:mainstream")
                .setType(SignalType.ROTATION_TO_HIGH_BETA)
                .setWindowStart(start)
                .setWindowEnd(Instant.parse("2026-01-26T00:00:00Z"))
                .setStatus(SignalStatus.FINAL)
                .setRevision(3)
                .setSubjects(List.of("group:high-beta", "group:mainstream"))
                .setConfidence(0.85)
                .setConfidenceLevel(ConfidenceLevel.HIGH)
                .setCausality(Causality.CORRELATION_NOT_CAUSATION)
                .setEvidence(evidence)
                .setCaveats(caveats.stream().map(c -> new Caveat(c, c)).toList())
                .setSources(sources)
                .setExplanation("Net outflows of $1.72B ...")
                .setEmittedAt(start)
                .setLastEventTime(start)
                .build();
    }

    @Test
    void eachSignalSaysWhichSourcesAgreeOnItsFlowLeg() {
        Evidence compared =
                new Evidence(
                        "relative_difference",
                        "group:mainstream us-spot-etf/coinshares",
                        0.031,
                        null,
                        null,
                        0.3,
                        "coinshares,us-spot-etf");
        assertThat(
                        DemoCommand.sourcesReading(
                                rotation(
                                        List.of(
                                                "SOURCES_CONFIRM_ACROSS_SCOPES",
                                                "ILLUSTRATIVE_DATA"),
                                        List.of("coinshares", "us-spot-etf"),
                                        compared)))
                .isEqualTo(
                        "coinshares and us-spot-etf agree on group:mainstream (sources: coinshares,"
                                + " us-spot-etf; with illustrative data)");
        assertThat(
                        DemoCommand.sourcesReading(
                                rotation(
                                        List.of("SOURCES_DISAGREE"),
                                        List.of("coinshares", "us-spot-etf"),
                                        compared)))
                .isEqualTo(
                        "coinshares and us-spot-etf disagree on group:mainstream (sources: coinshares,"
                                + " us-spot-etf)");
        assertThat(
                        DemoCommand.sourcesReading(
                                rotation(List.of("SINGLE_SOURCE"), List.of("coinshares"))))
                .isEqualTo("one source per leg (sources: coinshares)");
        Evidence receiving =
                new Evidence(
                        "relative_difference",
                        "group:high-beta us-spot-etf/coinshares",
                        0.82,
                        null,
                        null,
                        0.3,
                        "coinshares,us-spot-etf");
        assertThat(
                        DemoCommand.sourcesReading(
                                rotation(
                                        List.of("SINGLE_SOURCE", "SOURCES_DIFFER"),
                                        List.of("coinshares", "us-spot-etf"),
                                        compared,
                                        receiving)))
                .isEqualTo(
                        "coinshares and us-spot-etf differ in size on one of group:mainstream and"
                                + " group:high-beta (sources: coinshares, us-spot-etf)");
    }
}
