package dev.rotation.processor.analytics;

import dev.rotation.model.labels.BreakdownKeys;
import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.ConfigurationException;
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
 * ticker: {@code instrument.MSTR=MSTR}); with them the keys a report's ASSET and REGION rows may
 * carry: buckets outside every group ({@code assets.buckets}) and the publishers' labels of assets
 * and regions ({@code asset.aliases.<TICKER>}, {@code region.aliases.<CODE>}), see {@link
 * BreakdownKeys}. Their defaults are in flow-model's {@link BreakdownKeys#DEFAULTS_RESOURCE}.
 *
 * @param known asset symbols, in configuration order
 * @param instruments asset to instrument, for the assets that do not trade as {@code <asset>-USD}
 * @param keys the keys of ASSET and REGION rows and the labels of each
 */
public record Assets(Set<String> known, Map<String, String> instruments, BreakdownKeys keys) {

    public static final Setting<List<String>> KNOWN = Setting.list(BreakdownKeys.ASSETS_KNOWN);
    public static final Setting<List<String>> BUCKETS = Setting.list(BreakdownKeys.ASSETS_BUCKETS);
    public static final SettingFamily<String> INSTRUMENT =
            SettingFamily.text("instrument.", SettingFamily::upperCase);
    public static final SettingFamily<List<String>> ASSET_ALIASES =
            SettingFamily.list(BreakdownKeys.ASSET_ALIASES, SettingFamily::upperCase);
    public static final SettingFamily<List<String>> REGION_ALIASES =
            SettingFamily.list(BreakdownKeys.REGION_ALIASES, SettingFamily::upperCase);

    /** Known assets without buckets or labels. */
    public Assets(Set<String> known, Map<String, String> instruments) {
        this(known, instruments, BreakdownKeys.ofAssets(known));
    }

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
        if (keys == null || !keys.assets().equals(known)) {
            throw new IllegalArgumentException("the breakdown keys must list the known assets");
        }
    }

    static Assets from(ConfigValues values) {
        Set<String> known = new LinkedHashSet<>(values.get(KNOWN));
        BreakdownKeys keys;
        try {
            keys =
                    new BreakdownKeys(
                            known,
                            new LinkedHashSet<>(values.get(BUCKETS)),
                            values.get(ASSET_ALIASES),
                            values.get(REGION_ALIASES));
        } catch (BreakdownKeys.InvalidKey e) {
            throw ConfigurationException.invalid(e.key(), e.value(), e.reason());
        }
        return new Assets(known, values.get(INSTRUMENT), keys);
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
