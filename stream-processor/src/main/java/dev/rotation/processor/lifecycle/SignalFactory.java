package dev.rotation.processor.lifecycle;

import dev.rotation.model.Caveat;
import dev.rotation.model.Evidence;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.rules.Detection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns a rule's detection into the Avro signal record consumers read. */
public final class SignalFactory {
    public static final String PROVISIONAL = "PROVISIONAL";
    public static final String LATE_DATA_REVISION = "LATE_DATA_REVISION";
    public static final String CONDITION_NO_LONGER_MET = "CONDITION_NO_LONGER_MET";

    private SignalFactory() {}

    static Signal fromDetection(
            String signalId,
            Detection d,
            EventWindow window,
            SignalStatus status,
            int revision,
            boolean lateRevision,
            long now,
            long lastEventTime) {
        Map<String, Caveat> caveats = new LinkedHashMap<>();
        d.caveats().forEach(c -> caveats.putIfAbsent(c.getCode(), c));
        d.confidence().caveats().forEach(c -> caveats.putIfAbsent(c.getCode(), c));
        if (status == SignalStatus.PROVISIONAL) {
            caveats.putIfAbsent(
                    PROVISIONAL,
                    new Caveat(
                            PROVISIONAL,
                            "The window is still open: later data in it may revise or retract this signal."));
        }
        if (lateRevision) {
            caveats.putIfAbsent(
                    LATE_DATA_REVISION,
                    new Caveat(
                            LATE_DATA_REVISION,
                            "Data for this window arrived after it closed; this revision replaces the earlier final one."));
        }
        return Signal.newBuilder()
                .setSignalId(signalId)
                .setType(d.type())
                .setWindowStart(Instant.ofEpochMilli(window.start()))
                .setWindowEnd(Instant.ofEpochMilli(window.end()))
                .setStatus(status)
                .setRevision(revision)
                .setSubjects(new ArrayList<>(d.subjects()))
                .setMagnitude(d.magnitude())
                .setConfidence(d.confidence().score())
                .setConfidenceLevel(d.confidence().level())
                .setCausality(d.confidence().causality())
                .setConfidenceComponents(d.confidence().components())
                .setEvidence(new ArrayList<>(d.evidence()))
                .setCaveats(new ArrayList<>(caveats.values()))
                .setCorrelation(d.correlation())
                .setSources(sources(d.evidence()))
                .setExplanation(d.explanation())
                .setEmittedAt(Instant.ofEpochMilli(now))
                .setLastEventTime(Instant.ofEpochMilli(lastEventTime))
                .build();
    }

    static Signal retraction(
            Signal last, int revision, boolean lateRevision, long now, long lastEventTime) {
        List<Caveat> caveats = new ArrayList<>();
        for (Caveat c : last.getCaveats()) {
            if (!PROVISIONAL.equals(c.getCode())) {
                caveats.add(c);
            }
        }
        caveats.add(
                new Caveat(
                        CONDITION_NO_LONGER_MET,
                        "Later data in the window removed the condition this signal rested on."));
        if (lateRevision) {
            caveats.add(
                    new Caveat(
                            LATE_DATA_REVISION, "Data for this window arrived after it closed."));
        }
        return Signal.newBuilder(last)
                .setStatus(SignalStatus.RETRACTED)
                .setRevision(revision)
                .setCaveats(caveats)
                .setExplanation(
                        "Retracted, no longer holds on the window's later data: "
                                + last.getExplanation())
                .setEmittedAt(Instant.ofEpochMilli(now))
                .setLastEventTime(Instant.ofEpochMilli(lastEventTime))
                .build();
    }

    private static List<String> sources(List<Evidence> evidence) {
        TreeSet<String> out = new TreeSet<>();
        for (Evidence e : evidence) {
            if (e.getSource() != null) {
                for (String s : e.getSource().split(",")) {
                    if (!s.isBlank()) {
                        out.add(s.trim());
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }
}
