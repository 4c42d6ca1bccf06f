package dev.rotation.processor.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Alert;
import dev.rotation.model.Causality;
import dev.rotation.model.Caveat;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Evidence;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An alert carries what a desk needs to read it without the signal: subjects, sources, sentence.
 */
class AlertContextTest {

    @Test
    void theAlertCarriesTheSignalsSubjectsSourcesAndWholeExplanation() {
        String explanation =
                "Net outflows of $1.73B from crypto investment products coincided with a 12.2% rise in XAG"
                        + " over the same window, a risk-appetite clue rather than evidence that money moved"
                        + " from one market to the other.";
        Signal signal =
                Signal.newBuilder()
                        .setSignalId("RISK_OFF_SHIFT|2026-01-19|crypto:total,metal:XAG")
                        .setType(SignalType.RISK_OFF_SHIFT)
                        .setWindowStart(Instant.parse("2026-01-19T00:00:00Z"))
                        .setWindowEnd(Instant.parse("2026-01-26T00:00:00Z"))
                        .setStatus(SignalStatus.FINAL)
                        .setRevision(4)
                        .setSubjects(List.of("crypto:total", "metal:XAG"))
                        .setConfidence(0.55)
                        .setConfidenceLevel(ConfidenceLevel.MEDIUM)
                        .setCausality(Causality.CORRELATION_NOT_CAUSATION)
                        .setEvidence(
                                List.of(
                                        new Evidence(
                                                "net_flow_usd",
                                                "crypto:total",
                                                -1.73e9,
                                                null,
                                                null,
                                                null,
                                                "coinshares"),
                                        new Evidence(
                                                "window_return",
                                                "XAG",
                                                0.122,
                                                null,
                                                null,
                                                null,
                                                "illustrative,news")))
                        .setCaveats(List.of(new Caveat("SINGLE_SOURCE", "One provider.")))
                        .setSources(List.of("coinshares", "illustrative", "news"))
                        .setExplanation(explanation)
                        .setEmittedAt(Instant.parse("2026-02-02T10:00:00Z"))
                        .build();

        Alert alert =
                AlertFactory.from(
                        signal,
                        AlertFactory.alertId(signal, 1),
                        Instant.parse("2026-02-02T10:00:01Z").toEpochMilli());

        assertThat(alert.getSubjects()).containsExactly("crypto:total", "metal:XAG");
        assertThat(alert.getSources()).containsExactly("coinshares", "illustrative", "news");
        assertThat(alert.getExplanation()).isEqualTo(explanation);
        assertThat(alert.getLine()).contains(explanation);
    }
}
