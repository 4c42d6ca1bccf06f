package dev.rotation.app.notify;

import dev.rotation.model.Alert;
import dev.rotation.model.Causality;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Severity;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Alerts as the processor writes them, numbered so each has its own id. */
final class TestAlerts {
    static final Instant WEEK = Instant.parse("2026-01-19T00:00:00Z");

    private TestAlerts() {}

    static Alert alert(int n, Severity severity, SignalType type) {
        String signalId = type + "|2026-01-19|asset:A" + n;
        return Alert.newBuilder()
                .setAlertId(signalId + "|FINAL")
                .setSignalId(signalId)
                .setRevision(1)
                .setSeverity(severity)
                .setRank(100 * severity.ordinal() + n)
                .setType(type)
                .setStatus(SignalStatus.FINAL)
                .setWindowStart(WEEK)
                .setWindowEnd(WEEK.plus(Duration.ofDays(7)))
                .setConfidence(0.6)
                .setConfidenceLevel(ConfidenceLevel.MEDIUM)
                .setCausality(Causality.CORRELATION_NOT_CAUSATION)
                .setScale(null)
                .setCaveatCodes(List.of("SINGLE_SOURCE"))
                .setLine("Alert number " + n + ": BTC and ETH together held 99.0% of the outflow.")
                .setEmittedAt(Instant.parse("2026-01-26T09:00:00.123Z"))
                .build();
    }

    static Alert alert(int n) {
        return alert(n, Severity.WARNING, SignalType.CONCENTRATED_OUTFLOW);
    }
}
