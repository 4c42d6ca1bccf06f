package dev.rotation.app;

import dev.rotation.model.Alert;
import dev.rotation.model.Causality;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Scale;
import dev.rotation.model.Severity;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Alert records for the alert-view tests, shaped as the processor's AlertFactory writes them. */
final class Alerts {
    static final LocalDate SEED_WEEK = LocalDate.of(2026, 1, 19);

    static final String RISK_OFF_XAG =
            "Net outflows of $1.73B from crypto investment products coincided with a 12.2% rise in XAG"
                    + " over the same window, a risk-appetite clue rather than evidence that money moved"
                    + " from one market to the other.";

    private Alerts() {}

    static Instant monday(LocalDate week) {
        return week.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * An alert of {@code type} in the week starting {@code week}, about {@code subjects}, resting
     * on {@code sources}, with severity and rank as the processor derives them at confidence 0.60.
     */
    static Alert.Builder alert(
            SignalType type,
            SignalStatus status,
            Severity severity,
            LocalDate week,
            List<String> subjects,
            List<String> sources,
            String explanation) {
        String signalId = type + "|" + week + "|" + String.join(",", subjects);
        int rank = severity.ordinal() * 1000 + 60 + (status == SignalStatus.FINAL ? 10 : 0);
        Causality causality =
                type == SignalType.LEVEL_BREACH || type == SignalType.CONCENTRATED_OUTFLOW
                        ? Causality.OBSERVATION
                        : Causality.CORRELATION_NOT_CAUSATION;
        return Alert.newBuilder()
                .setAlertId(signalId + "|" + status)
                .setSignalId(signalId)
                .setRevision(3)
                .setSeverity(severity)
                .setRank(rank)
                .setType(type)
                .setStatus(status)
                .setWindowStart(monday(week))
                .setWindowEnd(monday(week.plusWeeks(1)))
                .setConfidence(0.6)
                .setConfidenceLevel(ConfidenceLevel.MEDIUM)
                .setCausality(causality)
                .setScale(type.name().startsWith("ROTATION") ? Scale.MICRO : null)
                .setCaveatCodes(List.of("SINGLE_SOURCE", "INSUFFICIENT_HISTORY"))
                .setLine(
                        severity
                                + " "
                                + status
                                + " "
                                + week
                                + " "
                                + type
                                + " conf 0.60 MEDIUM ["
                                + causality
                                + "] "
                                + explanation
                                + " (signal "
                                + signalId
                                + " r3)")
                .setEmittedAt(Instant.parse("2026-02-02T10:15:30.250Z"))
                .setSubjects(subjects)
                .setSources(sources)
                .setExplanation(explanation);
    }

    static Alert riskOff(SignalStatus status) {
        return riskOffBuilder(status).build();
    }

    static Alert.Builder riskOffBuilder(SignalStatus status) {
        return alert(
                SignalType.RISK_OFF_SHIFT,
                status,
                status == SignalStatus.RETRACTED ? Severity.NOTICE : Severity.WARNING,
                SEED_WEEK,
                List.of("crypto:total", "metal:XAG"),
                List.of("coinshares", "illustrative", "news"),
                RISK_OFF_XAG);
    }

    static Alert cascade(String instrument, LocalDate week) {
        return cascadeBuilder(instrument, week).build();
    }

    /** A builder rather than a copy: Avro's copy constructor loads classes it does not trust. */
    static Alert.Builder cascadeBuilder(String instrument, LocalDate week) {
        return alert(
                SignalType.CASCADE_RISK,
                SignalStatus.FINAL,
                Severity.WARNING,
                week,
                List.of("instrument:" + instrument),
                List.of("coinshares", "market-data"),
                "A run of 3 consecutive windows of net crypto fund outflows ($1.73B in this one)"
                        + " coincided with a 7.2% fall in "
                        + instrument
                        + " and realised volatility at 1.80x its trailing average.");
    }

    static Alert rotation(LocalDate week) {
        return rotationBuilder(week).build();
    }

    static Alert.Builder rotationBuilder(LocalDate week) {
        return alert(
                SignalType.ROTATION_TO_HIGH_BETA,
                SignalStatus.FINAL,
                Severity.INFO,
                week,
                List.of("group:high-beta", "group:mainstream"),
                List.of("coinshares"),
                "Net outflows of $1.72B from the mainstream group (BTC, ETH) coincided with net"
                        + " inflows of $17.1M into the high-beta group.");
    }

    static Alert levelBreach(SignalStatus status, LocalDate week) {
        return alert(
                        SignalType.LEVEL_BREACH,
                        status,
                        Severity.NOTICE,
                        week,
                        List.of("instrument:BTC-USD", "level:93000"),
                        List.of("market-data"),
                        "BTC-USD closed the window at 88,290, below the configured level of 93,000.")
                .build();
    }
}
