package dev.rotation.app.evaluation;

import dev.rotation.producers.simulator.MarketSimulator;
import dev.rotation.producers.simulator.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Which weeks of one run carry a planted scenario and which a near miss. After the simulator's
 * baseline weeks, rounds of every scenario and every near miss, each round in a shuffled order, are
 * placed with one or two quiet weeks between them until the run is full. The last week is left
 * quiet: a window closes only when later data passes its grace period.
 *
 * @param planted week index to the scenario planted there
 * @param nearMisses week index to the scenario planted just below its threshold there
 * @param weeks the run's length in weeks
 */
public record PlantingSchedule(
        Map<Integer, Scenario> planted, Map<Integer, Scenario> nearMisses, int weeks) {

    public PlantingSchedule {
        planted = Collections.unmodifiableMap(new TreeMap<>(planted));
        nearMisses = Collections.unmodifiableMap(new TreeMap<>(nearMisses));
    }

    /** Weeks a run needs to hold one round (every scenario and every near miss). */
    public static int weeksForOneRound() {
        // each item, its quiet week after it, a lead-in before each cascade, the last quiet week
        return MarketSimulator.FIRST_SCENARIO_WEEK + 2 * 2 * Scenario.values().length + 2 + 1;
    }

    /**
     * @param seed the run's seed (the order and the gaps follow from it)
     * @param weeks the run's length
     */
    public static PlantingSchedule draw(long seed, int weeks) {
        Random rng = new Random(seed * 7919 + 13);
        Map<Integer, Scenario> planted = new TreeMap<>();
        Map<Integer, Scenario> nearMisses = new TreeMap<>();
        int lastUsable = weeks - 2;
        int week = MarketSimulator.FIRST_SCENARIO_WEEK;
        boolean full = false;
        while (!full) {
            List<Object[]> round = new ArrayList<>();
            for (Scenario s : Scenario.values()) {
                round.add(new Object[] {s, false});
                round.add(new Object[] {s, true});
            }
            Collections.shuffle(round, rng);
            for (Object[] item : round) {
                Scenario s = (Scenario) item[0];
                boolean nearMiss = (Boolean) item[1];
                // a cascade's lead-in outflow week comes first
                int at = s == Scenario.CASCADE_RISK ? week + 1 : week;
                if (at > lastUsable) {
                    full = true;
                    break;
                }
                (nearMiss ? nearMisses : planted).put(at, s);
                week = at + 2 + (rng.nextInt(4) == 0 ? 1 : 0);
            }
        }
        return new PlantingSchedule(planted, nearMisses, weeks);
    }

    /** Weeks with neither a scenario, a near miss nor a cascade's lead-in. */
    public int quietWeeks() {
        int busy = planted.size() + nearMisses.size();
        for (Scenario s : planted.values()) {
            busy += s == Scenario.CASCADE_RISK ? 1 : 0;
        }
        for (Scenario s : nearMisses.values()) {
            busy += s == Scenario.CASCADE_RISK ? 1 : 0;
        }
        return weeks - busy;
    }
}
