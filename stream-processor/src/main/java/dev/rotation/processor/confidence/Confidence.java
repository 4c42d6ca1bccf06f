package dev.rotation.processor.confidence;

import dev.rotation.model.Causality;
import dev.rotation.model.Caveat;
import dev.rotation.model.ConfidenceComponents;
import dev.rotation.model.ConfidenceLevel;
import java.util.List;

/**
 * The outcome of {@link ConfidenceModel#assess}: a score in [0, 1], its band, the causality tag,
 * the caveats the model itself adds (SINGLE_SOURCE, INSUFFICIENT_HISTORY) and the components the
 * score was built from.
 *
 * @param components the terms, weights and binding cap behind {@code score} (see {@link
 *     Components}); null when the confidence was not assessed by the model
 */
public record Confidence(
        double score,
        ConfidenceLevel level,
        Causality causality,
        List<Caveat> caveats,
        ConfidenceComponents components) {

    public Confidence {
        caveats = List.copyOf(caveats);
    }

    /** A confidence without recorded components. */
    public Confidence(
            double score, ConfidenceLevel level, Causality causality, List<Caveat> caveats) {
        this(score, level, causality, caveats, null);
    }

    /** The same confidence with another causality tag; score, caveats and components kept. */
    public Confidence withCausality(Causality tag) {
        return new Confidence(score, level, tag, caveats, components);
    }
}
