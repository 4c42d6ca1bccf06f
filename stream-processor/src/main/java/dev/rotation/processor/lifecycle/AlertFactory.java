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
 * Alerts for quant desks, ranked by severity and confidence, in one readable line with the signal
 * id. Which revisions raise an alert is the lifecycle's decision ({@link SignalLifecycle}): a
 * signal's first appearance, a change of its scale or confidence level, FINAL and RETRACTED.
 *
 * <p>An alert's id is the signal id and the state the alert reports, {@code
 * <signalId>|<status>|<scale or ->|<confidence level>}, or {@code <signalId>|RETRACTED}; when a
 * signal comes back to a state it was alerted in before, {@code |2}, {@code |3}, ... follows. The
 * id is built from the signal's content and the lifecycle's changelogged memory, never from a
 * clock, so the same alert has the same id after a restart and consumers can deduplicate by it.
 */
public final class AlertFactory {
    private AlertFactory() {}

    /**
     * What a desk is told about a signal: {@code PROVISIONAL|MICRO|MEDIUM}, {@code FINAL|-|HIGH}
     * (no scale), or {@code RETRACTED} (whatever it was before).
     */
    public static String state(Signal s) {
        if (s.getStatus() == SignalStatus.RETRACTED) {
            return SignalStatus.RETRACTED.name();
        }
        Scale scale = s.getMagnitude() == null ? null : s.getMagnitude().getScale();
        return s.getStatus()
                + "|"
                + (scale == null ? "-" : scale.name())
                + "|"
                + s.getConfidenceLevel();
    }

    /**
     * The id of the {@code occurrence}-th alert (from 1) in the signal's current state.
     *
     * @throws IllegalArgumentException when occurrence is below 1
     */
    public static String alertId(Signal s, int occurrence) {
        if (occurrence < 1) {
            throw new IllegalArgumentException("occurrence must be at least 1, got " + occurrence);
        }
        String id = s.getSignalId() + "|" + state(s);
        return occurrence == 1 ? id : id + "|" + occurrence;
    }

    /** The alert with the given id for a signal revision; {@code now} is wall-clock epoch ms. */
    public static Alert from(Signal s, String alertId, long now) {
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
                .setAlertId(alertId)
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
