package dev.rotation.processor.confidence;

import dev.rotation.model.Caveat;
import dev.rotation.model.Causality;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Correlation;
import dev.rotation.processor.analytics.AnalyticsConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@link ConfidenceInputs} into a {@link Confidence}. The formula (docs/confidence.md):
 *
 * <pre>
 *   history = observation ? 1 : min(1, historyWindows / history.windows)
 *   base    = (wS*strength + wB*breadth + wH*history + wC*completeness) / (wS + wB + wH + wC)
 *   score   = correlation == null ? base
 *           : (1 - wR) * base + wR * support(r) * narrowness(95% Fisher-z interval)
 *   score   = min(score, single-source-cap)        when distinctSources &lt;= 1
 *   score   = min(score, insufficient-history-cap) when not an observation and historyWindows &lt; history.min-windows
 * </pre>
 *
 * Causality is OBSERVATION for observations and CORRELATION_NOT_CAUSATION otherwise. The
 * TEMPORAL_PRECEDENCE path (a lead-lag test) is not implemented: no rule runs such a test, so
 * nothing is ever raised above CORRELATION_NOT_CAUSATION, and nothing ever claims causation.
 */
public final class ConfidenceModel {

    private final AnalyticsConfig config;

    public ConfidenceModel(AnalyticsConfig config) {
        this.config = config;
    }

    public Confidence assess(ConfidenceInputs in) {
        double history = in.observation() ? 1 : Math.min(1, in.historyWindows() / (double) config.historyWindows());
        double ws = config.confidenceWeightStrength();
        double wb = config.confidenceWeightBreadth();
        double wh = config.confidenceWeightHistory();
        double wc = config.confidenceWeightCompleteness();
        double base = (ws * in.strength() + wb * in.breadth() + wh * history + wc * in.completeness()) / (ws + wb + wh + wc);
        double score = base;
        Correlation c = in.correlation();
        if (c != null) {
            double wr = config.confidenceWeightCorrelation();
            score = (1 - wr) * base + wr * correlationSupport(c, in.expectedCorrelationSign()) * TrailingCorrelation.narrowness(c);
        }
        List<Caveat> caveats = new ArrayList<>();
        if (in.distinctSources() <= 1) {
            score = Math.min(score, config.singleSourceCap());
            caveats.add(Caveats.singleSource());
        }
        if (!in.observation() && in.historyWindows() < config.historyMinWindows()) {
            score = Math.min(score, config.insufficientHistoryCap());
            caveats.add(Caveats.insufficientHistory(in.historyWindows(), config.historyMinWindows()));
        }
        score = ConfidenceInputs.clamp(score);
        return new Confidence(score, level(score),
                in.observation() ? Causality.OBSERVATION : Causality.CORRELATION_NOT_CAUSATION, caveats);
    }

    public ConfidenceLevel level(double score) {
        if (score >= config.confidenceHighFrom()) {
            return ConfidenceLevel.HIGH;
        }
        return score >= config.confidenceMediumFrom() ? ConfidenceLevel.MEDIUM : ConfidenceLevel.LOW;
    }

    /** How much a correlation supports the signal: the coefficient in the expected direction, 0 against it. */
    static double correlationSupport(Correlation c, int expectedSign) {
        double r = c.getCoefficient();
        return expectedSign == 0 ? Math.abs(r) : Math.max(0, expectedSign * r);
    }
}
