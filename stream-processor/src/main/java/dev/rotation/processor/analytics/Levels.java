package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.SettingFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Watched price levels per instrument ({@code levels.<instrument>=93000,100000}), for LEVEL_BREACH
 * and LEVEL_RECLAIM.
 *
 * @param byInstrument instrument to its levels, positive prices in ascending order
 */
public record Levels(SortedMap<String, List<Double>> byInstrument) {

    public static final SettingFamily<List<Double>> LEVELS =
            SettingFamily.decimals("levels.", SettingFamily::upperHyphenated);

    public Levels {
        SortedMap<String, List<Double>> copy = new TreeMap<>();
        byInstrument.forEach(
                (instrument, levels) -> {
                    List<Double> sorted = new ArrayList<>(levels);
                    for (double level : sorted) {
                        if (!(level > 0)) {
                            throw LEVELS.invalid(
                                    instrument,
                                    joined(levels),
                                    "a level must be a positive price, got " + level);
                        }
                    }
                    Collections.sort(sorted);
                    copy.put(instrument, List.copyOf(sorted));
                });
        byInstrument = Collections.unmodifiableSortedMap(copy);
    }

    static Levels from(ConfigValues values) {
        return new Levels(values.get(LEVELS));
    }

    /** The instruments that have levels, sorted. */
    public Set<String> instruments() {
        return byInstrument.keySet();
    }

    /** Levels of an instrument, ascending; empty when none. */
    public List<Double> of(String instrument) {
        return byInstrument.getOrDefault(instrument, List.of());
    }

    private static String joined(List<Double> levels) {
        return String.join(",", levels.stream().map(String::valueOf).toList());
    }
}
