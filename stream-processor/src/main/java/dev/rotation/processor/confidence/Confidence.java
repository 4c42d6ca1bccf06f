package dev.rotation.processor.confidence;

import dev.rotation.model.Causality;
import dev.rotation.model.Caveat;
import dev.rotation.model.ConfidenceLevel;
import java.util.List;

/**
 * The outcome of {@link ConfidenceModel#assess}: a score in [0, 1], its band, the causality tag and
 * the caveats the model itself adds (SINGLE_SOURCE, INSUFFICIENT_HISTORY).
 */
public record Confidence(
        double score, ConfidenceLevel level, Causality causality, List<Caveat> caveats) {

    public Confidence {
        caveats = List.copyOf(caveats);
    }
}
