package dev.rotation.processor.lifecycle;

import dev.rotation.model.Alert;
import dev.rotation.model.Caveat;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Scale;
import dev.rotation.model.Severity;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Alerts for quant desks: one per signal and status (so the desk sees a signal appear, settle and,
 * if it happens, be withdrawn, without every provisional revision), ranked by severity and
 * confidence, in one readable line with the signal id.
 */
public final class AlertFactory {
    private AlertFactory() {}

    public static String alertId(Signal s) {
        return s.getSignalId() + "|" + s.getStatus();
    }

    public static Alert from(Signal s, long now) {
        Severity severity = severity(s);
        List<String> codes = new ArrayList<>();
        for (Caveat c : s.getCaveats()) {
            codes.add(c.getCode());
        }
        Scale scale = s.getMagnitude() == null ? null : s.getMagnitude().getScale();
        int rank =
                severity.ordinal() * 1000
                        + (int) Math.round(s.getConfidence() * 100)
                        + (s.getStatus() == SignalStatus.FINAL ? 10 : 0);
        return Alert.newBuilder()
                .setAlertId(alertId(s))
                .setSignalId(s.getSignalId())
                .setRevision(s.getRevision())
                .setSeverity(severity)
                .setRank(rank)
                .setType(s.getType())
                .setStatus(s.getStatus())
                .setWindowStart(s.getWindowStart())
                .setWindowEnd(s.getWindowEnd())
                .setConfidence(s.getConfidence())
                .setConfidenceLevel(s.getConfidenceLevel())
                .setCausality(s.getCausality())
                .setScale(scale)
                .setCaveatCodes(codes)
                .setLine(line(s, severity, scale))
                .setEmittedAt(Instant.ofEpochMilli(now))
                .setSubjects(new ArrayList<>(s.getSubjects()))
                .setSources(new ArrayList<>(s.getSources()))
                .setExplanation(s.getExplanation())
                .build();
    }

    static Severity severity(Signal s) {
        if (s.getStatus() == SignalStatus.RETRACTED) {
            return Severity.NOTICE;
        }
        boolean high = s.getConfidenceLevel() == ConfidenceLevel.HIGH;
        boolean mediumPlus = s.getConfidenceLevel() != ConfidenceLevel.LOW;
        return switch (s.getType()) {
            case CASCADE_RISK, LEVERAGE_STRESS -> high ? Severity.CRITICAL : Severity.WARNING;
            case RISK_OFF_SHIFT, DERISKING, CONCENTRATED_OUTFLOW ->
                    mediumPlus ? Severity.WARNING : Severity.NOTICE;
            case RISK_ON_SHIFT, LEVEL_BREACH -> Severity.NOTICE;
            case ROTATION_TO_HIGH_BETA, ROTATION_TO_MAINSTREAM -> {
                Scale scale = s.getMagnitude() == null ? Scale.MICRO : s.getMagnitude().getScale();
                yield switch (scale) {
                    case MAJOR -> Severity.WARNING;
                    case MATERIAL -> Severity.NOTICE;
                    case MICRO -> Severity.INFO;
                };
            }
            default -> Severity.INFO;
        };
    }

    private static String line(Signal s, Severity severity, Scale scale) {
        String week =
                s.getWindowStart().atOffset(ZoneOffset.UTC).toLocalDate()
                        + ".."
                        + s.getWindowEnd().minusMillis(1).atOffset(ZoneOffset.UTC).toLocalDate();
        return String.format(
                Locale.ROOT,
                "%s %s %s %s%s conf %.2f %s [%s] %s (signal %s r%d)",
                severity,
                s.getStatus(),
                week,
                s.getType(),
                scale == null ? "" : " " + scale,
                s.getConfidence(),
                s.getConfidenceLevel(),
                s.getCausality(),
                s.getExplanation(),
                s.getSignalId(),
                s.getRevision());
    }
}
