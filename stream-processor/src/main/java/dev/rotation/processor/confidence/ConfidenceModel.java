package dev.rotation.processor.confidence;

import dev.rotation.model.BindingCap;
import dev.rotation.model.Causality;
import dev.rotation.model.Caveat;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Correlation;
import dev.rotation.processor.analytics.ConfidenceSettings;
import dev.rotation.processor.analytics.ConfidenceWeights;
import dev.rotation.processor.analytics.HistoryDepth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns {@link ConfidenceInputs} into a {@link Confidence}. The formula (docs/confidence.md):
 *
 * <pre>
 *   history = observation ? 1 : min(1, historyWindows / history.windows)
 *   complete = completeness * sourceCoverage
 *   base    = (wS*strength + wB*breadth + wH*history + wC*complete) / (wS + wB + wH + wC)
 *   score   = correlation == null ? base
 *           : (1 - wR) * base + wR * support(r) * narrowness(95% Fisher-z interval)
 *   score   = min(score, single-source-cap)        when sourcesDisagree or distinctSources &lt;= 1
 *   score   = min(score, confirmed-cap)            otherwise (two or more agreeing sources)
 *   score   = min(score, insufficient-history-cap) when not an observation and historyWindows &lt; history.min-windows
 *   score   = score * sources-disagree-factor      when sourcesDisagree (after every cap)
 * </pre>
 *
 * The terms, weights, base, uncapped score and the cap that bound it travel with the score as
 * {@link Confidence#components()} ({@link Components}).
 *
 * <p>Causality is OBSERVATION for observations and CORRELATION_NOT_CAUSATION otherwise. The
 * TEMPORAL_PRECEDENCE path (a lead-lag test) is not implemented: no rule runs such a test, so
 * nothing is ever raised above CORRELATION_NOT_CAUSATION, and nothing ever claims causation.
 */
public final class ConfidenceModel {

    private final ConfidenceSettings settings;
    private final HistoryDepth depth;

    /**
     * @param settings weights, caps and bands ({@code confidence.*})
     * @param depth history depth: {@code history.windows} for a full history term, {@code
     *     history.min-windows} below which the score is capped
     */
    public ConfidenceModel(ConfidenceSettings settings, HistoryDepth depth) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.depth = Objects.requireNonNull(depth, "depth");
    }

    /** What the model is configured with; rules read {@code correlationMinSamples} from it. */
    public ConfidenceSettings settings() {
        return settings;
    }

    public Confidence assess(ConfidenceInputs in) {
        double history =
                in.observation() ? 1 : Math.min(1, in.historyWindows() / (double) depth.windows());
        ConfidenceWeights w = settings.weights();
        double base =
                (w.strength() * in.strength()
                                + w.breadth() * in.breadth()
                                + w.history() * history
                                + w.completeness() * in.completeness() * in.sourceCoverage())
                        / w.baseSum();
        double score = base;
        Correlation c = in.correlation();
        Double correlationTerm = null;
        if (c != null) {
            double wr = w.correlation();
            correlationTerm =
                    correlationSupport(c, in.expectedCorrelationSign())
                            * TrailingCorrelation.narrowness(c);
            score = (1 - wr) * base + wr * correlationTerm;
        }
        double uncapped = score;
        List<Caveat> caveats = new ArrayList<>();
        List<BindingCap> caps = new ArrayList<>();
        if (in.sourcesDisagree()) {
            // the rule names both figures in its SOURCES_DISAGREE caveat
            score = Math.min(score, settings.caps().singleSource());
            caps.add(new BindingCap(Caveats.SOURCES_DISAGREE, settings.caps().singleSource()));
        } else if (in.distinctSources() <= 1) {
            score = Math.min(score, settings.caps().singleSource());
            caveats.add(Caveats.singleSource());
            caps.add(new BindingCap(Caveats.SINGLE_SOURCE, settings.caps().singleSource()));
        } else {
            score = Math.min(score, settings.caps().confirmed());
            caps.add(
                    new BindingCap(
                            Caveats.SOURCES_CONFIRM_ACROSS_SCOPES, settings.caps().confirmed()));
        }
        if (!in.observation() && in.historyWindows() < depth.minWindows()) {
            score = Math.min(score, settings.caps().insufficientHistory());
            caveats.add(Caveats.insufficientHistory(in.historyWindows(), depth.minWindows()));
            caps.add(
                    new BindingCap(
                            Caveats.INSUFFICIENT_HISTORY, settings.caps().insufficientHistory()));
        }
        var components = Components.of(in, history, correlationTerm, w, base, uncapped, caps);
        if (in.sourcesDisagree()) {
            // below what one source alone gives: the capped score times the factor
            score *= settings.caps().sourcesDisagreeFactor();
            components =
                    Components.adjusted(
                            components,
                            Caveats.SOURCES_DISAGREE,
                            settings.caps().sourcesDisagreeFactor());
        }
        score = ConfidenceInputs.clamp(score);
        return new Confidence(
                score,
                level(score),
                in.observation() ? Causality.OBSERVATION : Causality.CORRELATION_NOT_CAUSATION,
                caveats,
                components);
    }

    public ConfidenceLevel level(double score) {
        if (score >= settings.bands().high()) {
            return ConfidenceLevel.HIGH;
        }
        return score >= settings.bands().medium() ? ConfidenceLevel.MEDIUM : ConfidenceLevel.LOW;
    }

    /**
     * How much a correlation supports the signal: the coefficient in the expected direction, 0
     * against it.
     */
    static double correlationSupport(Correlation c, int expectedSign) {
        double r = c.getCoefficient();
        return expectedSign == 0 ? Math.abs(r) : Math.max(0, expectedSign * r);
    }
}
