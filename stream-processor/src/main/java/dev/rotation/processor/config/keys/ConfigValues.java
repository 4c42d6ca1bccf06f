package dev.rotation.processor.config.keys;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The effective text of every key (defaults overlaid by the file, the environment and {@code -D}),
 * with where each value was set. Typed records read it once, at start-up, through {@link
 * #get(Setting)} and {@link #get(SettingFamily)}; nothing keeps it afterwards.
 */
public final class ConfigValues {

    private final SortedMap<String, String> values;
    private final Map<String, String> origins;

    ConfigValues(Map<String, String> values, Map<String, String> origins) {
        this.values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        this.origins = Map.copyOf(origins);
    }

    /**
     * The typed value of a setting.
     *
     * @throws ConfigurationException naming the key when it is missing or does not parse
     */
    public <T> T get(Setting<T> setting) {
        String text = values.get(setting.key());
        if (text == null) {
            throw ConfigurationException.missing(setting.key()).from(origin(setting.key()));
        }
        try {
            return setting.parse(text);
        } catch (ConfigurationException e) {
            throw e.from(origin(setting.key()));
        }
    }

    /** Every member of a family, name to typed value, sorted by name. */
    public <T> SortedMap<String, T> get(SettingFamily<T> family) {
        SortedMap<String, T> out = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (family.contains(e.getKey())) {
                try {
                    out.put(family.name(e.getKey()), family.parse(e.getKey(), e.getValue()));
                } catch (ConfigurationException x) {
                    throw x.from(origin(e.getKey()));
                }
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * The keys under a pass-through prefix, with the prefix removed ({@code streams.} for Kafka
     * Streams).
     */
    public Map<String, String> passThrough(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach(
                (k, v) -> {
                    if (k.startsWith(prefix)) {
                        out.put(k.substring(prefix.length()), v);
                    }
                });
        return Collections.unmodifiableMap(out);
    }

    /**
     * Where a key's value was set ({@code -D}, {@code --config FILE}, an environment variable), or
     * null for a default.
     */
    public String origin(String key) {
        return origins.get(key);
    }

    /**
     * Builds a typed record from these values; a validation failure in its constructor is reported
     * with where the offending key was set.
     */
    public <R> R build(Supplier<R> construct) {
        try {
            return construct.get();
        } catch (ConfigurationException e) {
            throw e.key() == null ? e : e.from(origin(e.key()));
        }
    }

    @Override
    public String toString() {
        return "ConfigValues" + values.keySet();
    }
}
