package dev.rotation.app.evaluation;

import java.util.List;

/**
 * Detection quality of one signal type on the planted scenarios.
 *
 * @param type the signal type
 * @param truePositives labels of this type found by at least one signal
 * @param falseNegatives labels of this type no signal found
 * @param correctSignals FINAL signals of this type that match a label
 * @param falsePositives FINAL signals of this type that match no label
 * @param precision correct signals out of all FINAL signals of this type, with its Wilson interval
 * @param recall found labels out of all labels of this type, with its Wilson interval
 */
public record TypeScore(
        String type,
        long truePositives,
        long falseNegatives,
        long correctSignals,
        long falsePositives,
        Proportion precision,
        Proportion recall) {

    /** Counts one type's outcomes in a match result. */
    public static TypeScore of(String type, LabelMatcher.Result result) {
        long tp = 0;
        long fn = 0;
        for (LabelMatcher.MatchedLabel l : result.labels()) {
            if (l.label().type().equals(type)) {
                if (l.found()) {
                    tp++;
                } else {
                    fn++;
                }
            }
        }
        long correct = 0;
        long fp = 0;
        for (LabelMatcher.MatchedSignal s : result.signals()) {
            if (s.signal().type().equals(type)) {
                if (s.matched()) {
                    correct++;
                } else {
                    fp++;
                }
            }
        }
        return new TypeScore(
                type,
                tp,
                fn,
                correct,
                fp,
                Proportion.of(correct, correct + fp),
                Proportion.of(tp, tp + fn));
    }

    /** One score per type, in the order given. */
    public static List<TypeScore> of(List<String> types, LabelMatcher.Result result) {
        return types.stream().map(t -> of(t, result)).toList();
    }
}
