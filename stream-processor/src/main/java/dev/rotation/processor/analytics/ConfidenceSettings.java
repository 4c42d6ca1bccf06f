package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;
import java.util.Objects;

/**
 * What the confidence model is configured with (docs/confidence.md).
 *
 * @param correlationMinSamples fewest aligned windows for a trailing correlation to be reported
 *     ({@code confidence.correlation.min-samples}, at least 4: the Fisher-z interval needs n &gt;
 *     3)
 */
public record ConfidenceSettings(
        ConfidenceWeights weights,
        ConfidenceCaps caps,
        ConfidenceBands bands,
        int correlationMinSamples) {

    public static final Setting<Integer> CORRELATION_MIN_SAMPLES =
            Setting.integer("confidence.correlation.min-samples");

    public ConfidenceSettings {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(caps, "caps");
        Objects.requireNonNull(bands, "bands");
        if (correlationMinSamples < 4) {
            throw CORRELATION_MIN_SAMPLES.invalid(
                    correlationMinSamples,
                    "must be at least 4 (the Fisher-z interval needs n > 3)");
        }
    }

    static ConfidenceSettings from(ConfigValues values) {
        return new ConfidenceSettings(
                ConfidenceWeights.from(values),
                ConfidenceCaps.from(values),
                ConfidenceBands.from(values),
                values.get(CORRELATION_MIN_SAMPLES));
    }
}
