package dev.rotation.processor.config.keys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Every key a component understands: its {@link Setting}s, its open {@link SettingFamily}s, and
 * prefixes passed through to another component unchecked ({@code streams.}). A key outside the
 * catalogue is a mistake, reported with the nearest known key.
 */
public final class KeyCatalog {

    /**
     * Prefix of the environment variables that set keys: {@code RD_WINDOW_GRACE} sets {@code
     * window.grace}.
     */
    public static final String ENVIRONMENT_PREFIX = "RD_";

    private final Map<String, Setting<?>> settings;
    private final List<SettingFamily<?>> families;
    private final List<String> passThrough;

    private KeyCatalog(
            Map<String, Setting<?>> settings,
            List<SettingFamily<?>> families,
            List<String> passThrough) {
        this.settings = settings;
        this.families = families;
        this.passThrough = passThrough;
        Map<String, String> byEnvironment = new HashMap<>();
        for (String key : settings.keySet()) {
            for (SettingFamily<?> f : families) {
                if (f.contains(key)) {
                    throw new IllegalArgumentException(
                            "setting " + key + " lies inside the open family " + f);
                }
            }
            String previous = byEnvironment.put(environmentName(key), key);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "settings "
                                + previous
                                + " and "
                                + key
                                + " have the same environment variable "
                                + environmentName(key));
            }
        }
    }

    public static KeyCatalog of(
            Collection<? extends Setting<?>> settings,
            Collection<? extends SettingFamily<?>> families,
            Collection<String> passThroughPrefixes) {
        Map<String, Setting<?>> byKey = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            if (byKey.put(s.key(), s) != null) {
                throw new IllegalArgumentException("setting " + s.key() + " is declared twice");
            }
        }
        return new KeyCatalog(byKey, List.copyOf(families), List.copyOf(passThroughPrefixes));
    }

    /** This catalogue and another, for a component that reads both. */
    public KeyCatalog plus(KeyCatalog other) {
        List<Setting<?>> s = new ArrayList<>(settings.values());
        s.addAll(other.settings.values());
        List<SettingFamily<?>> f = new ArrayList<>(families);
        f.addAll(other.families);
        List<String> p = new ArrayList<>(passThrough);
        other.passThrough.stream().filter(x -> !p.contains(x)).forEach(p::add);
        return of(s, f, p);
    }

    /** The declared keys (families and pass-through prefixes not included). */
    public Collection<String> keys() {
        return settings.keySet();
    }

    public List<SettingFamily<?>> families() {
        return families;
    }

    public boolean isKnown(String key) {
        return settings.containsKey(key)
                || families.stream().anyMatch(f -> f.contains(key))
                || passThrough.stream().anyMatch(key::startsWith);
    }

    /**
     * The known key nearest to an unknown one by Levenshtein distance, if one is near enough to be
     * a likely typo. Candidates are the declared keys, {@code present} (family members already set,
     * e.g. {@code levels.BTC-USD}) and, when the key's first part is a typo of a family's or a
     * pass-through prefix, its name under that prefix, so that {@code group.defi} suggests {@code
     * groups.defi} and {@code stream.num.standby.replicas} {@code streams.num.standby.replicas}.
     */
    public Optional<String> nearest(String unknown, Collection<String> present) {
        TreeSet<String> candidates = new TreeSet<>(settings.keySet());
        candidates.addAll(present);
        int dot = unknown.indexOf('.');
        if (dot > 0 && dot < unknown.length() - 1) {
            String first = unknown.substring(0, dot + 1);
            LevenshteinDistance prefixTypo = new LevenshteinDistance(2);
            List<String> prefixes = new ArrayList<>(passThrough);
            families.forEach(f -> prefixes.add(f.prefix()));
            prefixes.stream()
                    .filter(prefix -> prefixTypo.apply(first, prefix) >= 0)
                    .forEach(prefix -> candidates.add(prefix + unknown.substring(dot + 1)));
        }
        candidates.remove(unknown);
        return closest(unknown, candidates);
    }

    /**
     * The key an {@code RD_*} environment variable sets, or empty when it names none. Declared keys
     * and the family members in {@code present} match by their variable name (upper case, dots and
     * hyphens as underscores); {@code RD_STREAMS_…} passes through; any other {@code RD_<FAMILY>_…}
     * names a new member of that family.
     */
    public Optional<String> keyForEnvironmentVariable(String variable, Collection<String> present) {
        for (String key : settings.keySet()) {
            if (environmentName(key).equals(variable)) {
                return Optional.of(key);
            }
        }
        for (String key : present) {
            if (families.stream().anyMatch(f -> f.contains(key))
                    && environmentName(key).equals(variable)) {
                return Optional.of(key);
            }
        }
        for (String prefix : passThrough) {
            String envPrefix = environmentName(prefix.substring(0, prefix.length() - 1)) + "_";
            if (variable.startsWith(envPrefix) && variable.length() > envPrefix.length()) {
                return Optional.of(
                        prefix
                                + variable.substring(envPrefix.length())
                                        .toLowerCase(Locale.ROOT)
                                        .replace('_', '.'));
            }
        }
        for (SettingFamily<?> f : families) {
            if (variable.startsWith(f.environmentPrefix())
                    && variable.length() > f.environmentPrefix().length()) {
                return Optional.of(
                        f.keyFromEnvironment(variable.substring(f.environmentPrefix().length())));
            }
        }
        return Optional.empty();
    }

    /**
     * The variable nearest to an unknown {@code RD_*} one, among the declared keys' and {@code
     * present}'s.
     */
    public Optional<String> nearestEnvironmentVariable(
            String variable, Collection<String> present) {
        Map<String, String> keyByVariable = new HashMap<>();
        settings.keySet().forEach(k -> keyByVariable.put(environmentName(k), k));
        present.forEach(k -> keyByVariable.putIfAbsent(environmentName(k), k));
        return closest(variable, keyByVariable.keySet());
    }

    /** {@code window.grace} → {@code RD_WINDOW_GRACE}. */
    public static String environmentName(String key) {
        return ENVIRONMENT_PREFIX
                + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * {@code RD_WINDOW_GRASE} → {@code window.grase}: how an unknown variable reads as a key, for
     * messages.
     */
    public static String keyGuess(String variable) {
        return variable.substring(ENVIRONMENT_PREFIX.length())
                .toLowerCase(Locale.ROOT)
                .replace('_', '.');
    }

    private static Optional<String> closest(String word, Collection<String> candidates) {
        // a typo is a few edits; beyond a quarter of the word it is a different key
        int limit = Math.max(2, word.length() / 4);
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        return candidates.stream()
                .filter(c -> distance.apply(word, c) >= 0)
                .min(
                        Comparator.<String>comparingInt(c -> distance.apply(word, c))
                                .thenComparing(Comparator.naturalOrder()));
    }
}
