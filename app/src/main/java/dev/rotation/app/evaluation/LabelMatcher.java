package dev.rotation.app.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Matches FINAL signals to planted labels. A signal matches a label when all three agree:
 *
 * <ol>
 *   <li><b>type</b>: the signal's type is the label's type;
 *   <li><b>window</b>: the same run and the same window start;
 *   <li><b>subjects</b>: at least one plain name of the signal's subjects is one of the label's
 *       subjects ({@link SubjectNames}).
 * </ol>
 *
 * <p>A label is found when at least one signal matches it (recall counts labels); a signal is
 * correct when it matches at least one label (precision counts signals). So two RISK_OFF_SHIFT
 * signals (one per metal) against one planted risk-off week are two correct signals and one found
 * label.
 */
public final class LabelMatcher {

    private final SubjectNames names;

    public LabelMatcher(SubjectNames names) {
        this.names = names;
    }

    /**
     * @param signal a signal with whether it matched a label
     * @param matched true when it matches at least one label
     */
    public record MatchedSignal(FinalSignal signal, boolean matched) {}

    /**
     * @param label a label with whether a signal matched it
     * @param found true when at least one signal matches it
     */
    public record MatchedLabel(PlantedLabel label, boolean found) {}

    /** Signals and labels, each with its outcome, in the order given. */
    public record Result(List<MatchedSignal> signals, List<MatchedLabel> labels) {
        public Result {
            signals = List.copyOf(signals);
            labels = List.copyOf(labels);
        }
    }

    /** Whether this signal matches this label (type, run and window, subjects). */
    public boolean matches(FinalSignal s, PlantedLabel l) {
        if (!s.type().equals(l.type())
                || s.run() != l.run()
                || !s.windowStart().equals(l.windowStart())) {
            return false;
        }
        Set<String> signalNames = names.of(s.subjects());
        Set<String> labelNames = names.of(l.subjects());
        return !Collections.disjoint(signalNames, labelNames);
    }

    public Result match(List<FinalSignal> signals, List<PlantedLabel> labels) {
        boolean[] found = new boolean[labels.size()];
        List<MatchedSignal> outSignals = new ArrayList<>(signals.size());
        for (FinalSignal s : signals) {
            boolean matched = false;
            for (int i = 0; i < labels.size(); i++) {
                if (matches(s, labels.get(i))) {
                    matched = true;
                    found[i] = true;
                }
            }
            outSignals.add(new MatchedSignal(s, matched));
        }
        List<MatchedLabel> outLabels = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            outLabels.add(new MatchedLabel(labels.get(i), found[i]));
        }
        return new Result(outSignals, outLabels);
    }
}
