package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;
import dev.rotation.processor.config.keys.SettingFamily;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The assets the input validator accepts ({@code assets.known}) and the price instrument of each:
 * {@code <asset>-USD} unless {@code instrument.<asset>} maps it (equity proxies trade under their
 * ticker: {@code instrument.MSTR=MSTR}).
 *
 * @param known asset symbols, in configuration order
 * @param instruments asset to instrument, for the assets that do not trade as {@code <asset>-USD}
 */
public record Assets(Set<String> known, Map<String, String> instruments) {

    public static final Setting<List<String>> KNOWN = Setting.list("assets.known");
    public static final SettingFamily<String> INSTRUMENT =
            SettingFamily.text("instrument.", SettingFamily::upperCase);

    public Assets {
        if (known.isEmpty()) {
            throw KNOWN.invalid("", "list at least one asset");
        }
        known = Collections.unmodifiableSet(new LinkedHashSet<>(known));
        instruments.forEach(
                (asset, instrument) -> {
                    if (instrument == null || instrument.isBlank()) {
                        throw INSTRUMENT.invalid(asset, "", "the instrument must not be empty");
                    }
                });
        instruments = Collections.unmodifiableMap(new TreeMap<>(instruments));
    }

    static Assets from(ConfigValues values) {
        return new Assets(new LinkedHashSet<>(values.get(KNOWN)), values.get(INSTRUMENT));
    }

    public boolean isKnown(String asset) {
        return asset != null && known.contains(asset);
    }

    /**
     * The price instrument of an asset: {@code instrument.<asset>} when configured, else {@code
     * <asset>-USD}.
     */
    public String instrumentFor(String asset) {
        String i = instruments.get(asset);
        return i != null ? i : asset + "-USD";
    }
}
