package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.SettingFamily;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Named groups of assets ({@code groups.<name>=A,B,…}): {@code mainstream}, {@code high-beta},
 * {@code safe-haven}, {@code equity-proxy} by default, and any a user adds. An asset belongs to at
 * most one group; a group has at least one asset.
 *
 * @param members group name to its assets in configuration order, sorted by name
 */
public record AssetGroups(SortedMap<String, Set<String>> members) {

    public static final SettingFamily<List<String>> GROUPS =
            SettingFamily.list("groups.", SettingFamily::lowerHyphenated);

    public AssetGroups {
        SortedMap<String, Set<String>> copy = new TreeMap<>();
        Map<String, String> groupOf = new HashMap<>();
        members.forEach(
                (name, assets) -> {
                    if (assets.isEmpty()) {
                        throw GROUPS.invalid(name, "", "a group needs at least one asset");
                    }
                    for (String a : assets) {
                        String previous = groupOf.put(a, name);
                        if (previous != null) {
                            throw GROUPS.invalid(
                                    name,
                                    String.join(",", assets),
                                    "asset " + a + " is already in group " + previous);
                        }
                    }
                    copy.put(name, Collections.unmodifiableSet(new LinkedHashSet<>(assets)));
                });
        members = Collections.unmodifiableSortedMap(copy);
    }

    static AssetGroups from(ConfigValues values) {
        SortedMap<String, Set<String>> groups = new TreeMap<>();
        values.get(GROUPS).forEach((name, assets) -> groups.put(name, new LinkedHashSet<>(assets)));
        return new AssetGroups(groups);
    }

    /** Names of the groups, sorted. */
    public Set<String> names() {
        return members.keySet();
    }

    /** Members of a group, in configuration order; empty when the group does not exist. */
    public Set<String> group(String name) {
        return members.getOrDefault(name, Set.of());
    }

    /** The group an asset belongs to, or null. */
    public String groupOf(String asset) {
        for (Map.Entry<String, Set<String>> e : members.entrySet()) {
            if (e.getValue().contains(asset)) {
                return e.getKey();
            }
        }
        return null;
    }
}
