package dev.rotation.producers.simulator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ways a run varies its planted weeks that the detector's rules do not assume (docs/evaluation.md):
 *
 * <ul>
 *   <li>magnitudes drawn across the range, from just past each threshold to well past it;
 *   <li>legs split across several assets (a rotation's receiving leg over SOL and XRP, each alone
 *       possibly under the minimum) and concentrations held by a region other than the US;
 *   <li>a report's rows published in a shuffled order;
 *   <li>missing legs: in about a quarter of the planted and near-miss weeks one instrument's volume
 *       bars are not published;
 *   <li>noisier bars in trending and stressed regimes (intraweek volatility up to twice the
 *       plan's);
 *   <li>near misses: the shape of a scenario with its deciding leg just below the threshold, which
 *       must not fire, and for which no label is written.
 * </ul>
 *
 * A week whose flows meet a concentration threshold by construction (a split rotation leaves BTC
 * and ETH with all of the outflow) gets a CONCENTRATED_OUTFLOW label too, its note starting with
 * {@code incidental}.
 *
 * @param thresholds the detector's thresholds to plant around; null for no variation
 * @param nearMisses near-miss weeks: week index to the scenario whose shape is planted just below
 *     its threshold
 * @param seed the seed of the variation's own draws (the base plan's draws stay those of the
 *     simulator's seed)
 */
public record Variation(
        PlantingThresholds thresholds, Map<Integer, Scenario> nearMisses, long seed) {

    /** No variation: the simulator as its existing callers know it. */
    public static final Variation NONE = new Variation(null, Map.of(), 0);

    public Variation {
        nearMisses = Collections.unmodifiableMap(new TreeMap<>(nearMisses));
        if (thresholds == null && !nearMisses.isEmpty()) {
            throw new IllegalArgumentException(
                    "near misses need the thresholds they are planted just below");
        }
    }

    public boolean active() {
        return thresholds != null;
    }
}
