package dev.rotation.app.evaluation;

import dev.rotation.model.Signal;
import java.util.Map;

/**
 * What "it held" means after each signal type, for the real-history scorecard. A stated expectation
 * to describe what followed, not a trading rule. Types without one (quadrant transitions, plain
 * observations of direction) get returns but no hit.
 */
final class Expectations {

    private Expectations() {}

    /** The expectation of a type in words, or null when it has none. */
    static String describe(String type) {
        return switch (type) {
            case "ROTATION_TO_HIGH_BETA" -> "the high-beta group outperforms the mainstream group";
            case "ROTATION_TO_MAINSTREAM" -> "the mainstream group outperforms the high-beta group";
            case "RISK_OFF_SHIFT" -> "the metal named outperforms BTC";
            case "RISK_ON_SHIFT" -> "BTC outperforms the metal named";
            case "DERISKING", "CASCADE_RISK", "LEVERAGE_STRESS" ->
                    "the asset's price falls further";
            case "CONCENTRATED_OUTFLOW" -> "the following weeks' flows stay net outflows";
            case "LEVEL_BREACH" -> "the price is still below the level";
            case "LEVEL_RECLAIM" -> "the price is still above the level";
            default -> null;
        };
    }

    /**
     * @param returns price return per leg over the horizon
     * @param flows net flow per source over the horizon
     * @return whether the expectation held, or null when its legs have no data
     */
    static Boolean hit(Signal s, Map<String, Double> returns, Map<String, Double> flows) {
        String type = s.getType().name();
        return switch (type) {
            case "ROTATION_TO_HIGH_BETA" ->
                    gap(returns.get("group:high-beta"), returns.get("group:mainstream"));
            case "ROTATION_TO_MAINSTREAM" ->
                    gap(returns.get("group:mainstream"), returns.get("group:high-beta"));
            case "RISK_OFF_SHIFT" -> gap(metal(s, returns), returns.get("BTC-USD"));
            case "RISK_ON_SHIFT" -> gap(returns.get("BTC-USD"), metal(s, returns));
            case "DERISKING", "CASCADE_RISK", "LEVERAGE_STRESS" -> {
                Double r = firstPrice(s, returns);
                yield r == null ? null : r < 0;
            }
            case "CONCENTRATED_OUTFLOW" -> {
                String source = s.getSources().isEmpty() ? null : s.getSources().get(0);
                Double f = source == null ? null : flows.get(source);
                yield f == null ? null : f < 0;
            }
            case "LEVEL_BREACH", "LEVEL_RECLAIM" -> {
                Double r = firstPrice(s, returns);
                // the window closed across the level: the move since then says which side it is on
                Double level = level(s);
                Double close = closeFromEvidence(s);
                if (r == null || level == null || close == null) {
                    yield null;
                }
                double later = close * (1 + r);
                yield type.equals("LEVEL_BREACH") ? later < level : later > level;
            }
            default -> null;
        };
    }

    private static Boolean gap(Double a, Double b) {
        return a == null || b == null ? null : a > b;
    }

    private static Double metal(Signal s, Map<String, Double> returns) {
        for (String subject : s.getSubjects()) {
            if (subject.startsWith("metal:")) {
                return returns.get(subject.substring("metal:".length()));
            }
        }
        return null;
    }

    /** The return of the first leg that is not a group (the asset or instrument named). */
    private static Double firstPrice(Signal s, Map<String, Double> returns) {
        return returns.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("group:"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static Double level(Signal s) {
        for (String subject : s.getSubjects()) {
            if (subject.startsWith("level:")) {
                try {
                    return Double.parseDouble(subject.substring("level:".length()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static Double closeFromEvidence(Signal s) {
        return s.getEvidence().stream()
                .filter(e -> e.getMetric().equals("last_close"))
                .map(e -> e.getValue())
                .findFirst()
                .orElse(null);
    }
}
