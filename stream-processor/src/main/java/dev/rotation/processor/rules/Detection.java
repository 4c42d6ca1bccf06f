package dev.rotation.processor.rules;

import dev.rotation.model.Caveat;
import dev.rotation.model.Correlation;
import dev.rotation.model.Evidence;
import dev.rotation.model.Magnitude;
import dev.rotation.model.SignalType;
import dev.rotation.processor.confidence.Confidence;
import java.util.List;
import java.util.Objects;

/**
 * What a rule found in one window, before the topology gives it a lifecycle.
 *
 * @param subjects sorted and stable for the same situation across revisions (the signal id is
 *     derived from type + window + subjects); prefixed: group:, asset:, region:, instrument:,
 *     metal:, level:, crypto:
 * @param magnitude rotations only, else null
 * @param caveats every caveat of the detection: the rule's own and the confidence model's (the same
 *     as {@code confidence.caveats()} plus the rule's); no PROVISIONAL
 * @param correlation trailing correlation used as evidence, or null
 */
public record Detection(
        SignalType type,
        List<String> subjects,
        Magnitude magnitude,
        List<Evidence> evidence,
        List<Caveat> caveats,
        Correlation correlation,
        Confidence confidence,
        String explanation) {

    public Detection {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(explanation, "explanation");
        subjects = subjects.stream().sorted().distinct().toList();
        evidence = List.copyOf(evidence);
        caveats = List.copyOf(caveats);
    }

    /** Distinct sources named by the evidence, sorted. */
    public List<String> sources() {
        return evidence.stream()
                .map(Evidence::getSource)
                .filter(Objects::nonNull)
                .flatMap(s -> java.util.Arrays.stream(s.split(",")))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .sorted()
                .distinct()
                .toList();
    }

    public boolean hasCaveat(String code) {
        return caveats.stream().anyMatch(c -> c.getCode().equals(code));
    }
}
