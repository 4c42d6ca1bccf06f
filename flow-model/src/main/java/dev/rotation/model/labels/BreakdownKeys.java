package dev.rotation.model.labels;

import dev.rotation.model.Breakdown;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The keys a fund-flow report's ASSET and REGION rows may carry, and the labels publishers print
 * for them. An ASSET key is a ticker in {@code assets.known} or a bucket; a REGION key is an ISO
 * 3166-1 alpha-2 code (as the JDK lists them) or a bucket. Buckets ({@code assets.buckets}: {@code
 * OTHER}, {@code MULTI}) are the rows a report keeps outside every named asset or region; they are
 * in no group. A label is what a report prints ({@code Bitcoin}, {@code Short Bitcoin}, {@code
 * United States}); {@code asset.aliases.<TICKER>} and {@code region.aliases.<CODE>} map labels to
 * keys, matched without regard to case, spacing, hyphens or underscores. A key itself is also
 * matched that way ({@code btc} is BTC).
 *
 * <p>The processor validates rows against these keys; {@code produce file} resolves labels with
 * them before it publishes. Both read the same configuration: the defaults in {@link
 * #DEFAULTS_RESOURCE}, then the processor's configuration file and {@code RD_*} variables.
 *
 * @param assets known asset tickers, in configuration order
 * @param buckets keys outside every group, accepted in ASSET and REGION rows
 * @param assetAliases asset ticker to the labels publishers print for it
 * @param regionAliases region code to the labels publishers print for it
 */
public record BreakdownKeys(
        Set<String> assets,
        Set<String> buckets,
        Map<String, List<String>> assetAliases,
        Map<String, List<String>> regionAliases) {

    /** Classpath resource with the default keys and labels. */
    public static final String DEFAULTS_RESOURCE = "/breakdown-keys-defaults.properties";

    public static final String ASSETS_KNOWN = "assets.known";
    public static final String ASSETS_BUCKETS = "assets.buckets";
    public static final String ASSET_ALIASES = "asset.aliases.";
    public static final String REGION_ALIASES = "region.aliases.";

    private static final Set<String> ISO_REGIONS = Set.of(Locale.getISOCountries());

    /** A configuration value that does not make valid keys; names the key, the value and why. */
    public static final class InvalidKey extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final String value;
        private final String reason;

        InvalidKey(String key, String value, String reason) {
            super(key + "=" + value + ": " + reason);
            this.key = key;
            this.value = value;
            this.reason = reason;
        }

        public String key() {
            return key;
        }

        public String value() {
            return value;
        }

        public String reason() {
            return reason;
        }
    }

    /** How a label of a report was read. */
    public enum Status {
        /** The label is a key as it stands. */
        KEY,
        /** The label was a publisher's label (or a key in other case) for {@code key}. */
        ALIAS,
        /** Neither a key nor a known label. */
        UNKNOWN
    }

    /**
     * A label and what it resolved to.
     *
     * @param label the text as the report printed it
     * @param key the key it names; the label itself when unknown
     * @param status whether it was a key, a label of a key, or unknown
     */
    public record Resolution(String label, String key, Status status) {}

    /**
     * @throws InvalidKey naming the configuration key at fault: a bucket that is also an asset, an
     *     alias whose target is not a key, or a label given to two keys
     */
    public BreakdownKeys {
        assets = Collections.unmodifiableSet(new LinkedHashSet<>(assets));
        buckets = Collections.unmodifiableSet(new LinkedHashSet<>(buckets));
        assetAliases = Collections.unmodifiableMap(new TreeMap<>(assetAliases));
        regionAliases = Collections.unmodifiableMap(new TreeMap<>(regionAliases));
        for (String b : buckets) {
            if (assets.contains(b)) {
                throw new InvalidKey(
                        ASSETS_BUCKETS,
                        String.join(",", buckets),
                        b + " is also in " + ASSETS_KNOWN + "; a bucket is outside every asset");
            }
        }
        Set<String> bucketKeys = buckets;
        // an asset alias names any ticker: it resolves only while the ticker is in assets.known
        // (so a configuration that drops an asset keeps the shipped labels of it inert)
        index(ASSET_ALIASES, assetAliases, k -> !k.isBlank(), "a ticker");
        index(
                REGION_ALIASES,
                regionAliases,
                k -> ISO_REGIONS.contains(k) || bucketKeys.contains(k),
                "an ISO 3166-1 alpha-2 region code");
    }

    /** No aliases and no buckets: the given assets only. */
    public static BreakdownKeys ofAssets(Set<String> assets) {
        return new BreakdownKeys(assets, Set.of(), Map.of(), Map.of());
    }

    /** The shipped defaults ({@link #DEFAULTS_RESOURCE}). */
    public static BreakdownKeys defaults() {
        return fromProperties(defaultProperties());
    }

    /**
     * The keys of a configuration as the processor reads it: the defaults, then a properties file
     * (the processor's {@code --config}), then {@code RD_ASSETS_KNOWN}, {@code RD_ASSETS_BUCKETS},
     * {@code RD_ASSET_ALIASES_<TICKER>} and {@code RD_REGION_ALIASES_<CODE>}. Keys of the file that
     * are not about breakdown keys are the processor's and are left to it.
     *
     * @param file the processor's configuration file, or null
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when a value is not valid (naming the key)
     */
    public static BreakdownKeys load(Path file, Map<String, String> env) {
        Map<String, String> values = defaultProperties();
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
            }
            p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        }
        env.forEach(
                (name, value) -> {
                    if (name.equals("RD_ASSETS_KNOWN")) {
                        values.put(ASSETS_KNOWN, value);
                    } else if (name.equals("RD_ASSETS_BUCKETS")) {
                        values.put(ASSETS_BUCKETS, value);
                    } else if (name.startsWith("RD_ASSET_ALIASES_")) {
                        values.put(ASSET_ALIASES + name.substring(17), value);
                    } else if (name.startsWith("RD_REGION_ALIASES_")) {
                        values.put(REGION_ALIASES + name.substring(18), value);
                    }
                });
        return fromProperties(values);
    }

    /** The keys from configuration values (other keys are ignored). */
    public static BreakdownKeys fromProperties(Map<String, String> values) {
        Map<String, List<String>> assetAliases = new TreeMap<>();
        Map<String, List<String>> regionAliases = new TreeMap<>();
        values.forEach(
                (k, v) -> {
                    if (k.startsWith(ASSET_ALIASES)) {
                        assetAliases.put(k.substring(ASSET_ALIASES.length()), list(v));
                    } else if (k.startsWith(REGION_ALIASES)) {
                        regionAliases.put(k.substring(REGION_ALIASES.length()), list(v));
                    }
                });
        return new BreakdownKeys(
                new LinkedHashSet<>(list(values.getOrDefault(ASSETS_KNOWN, ""))),
                new LinkedHashSet<>(list(values.getOrDefault(ASSETS_BUCKETS, ""))),
                assetAliases,
                regionAliases);
    }

    /** True when {@code key} may stand as the key of a row of this breakdown. */
    public boolean isKey(Breakdown breakdown, String key) {
        return switch (breakdown) {
            case ASSET -> assets.contains(key) || buckets.contains(key);
            case REGION -> ISO_REGIONS.contains(key) || buckets.contains(key);
            default -> true;
        };
    }

    /** True when the key is a bucket (outside every group). */
    public boolean isBucket(String key) {
        return buckets.contains(key);
    }

    /**
     * What a report's label names in this breakdown: the label itself when it is a key, the key an
     * alias (or a key written in other case) maps it to, else UNKNOWN. TOTAL and PROVIDER labels
     * stand as they are.
     */
    public Resolution resolve(Breakdown breakdown, String label) {
        if (breakdown != Breakdown.ASSET && breakdown != Breakdown.REGION) {
            return new Resolution(label, label, Status.KEY);
        }
        if (isKey(breakdown, label)) {
            return new Resolution(label, label, Status.KEY);
        }
        String key = labels(breakdown).get(normalise(label));
        return key == null || !isKey(breakdown, key)
                ? new Resolution(label, label, Status.UNKNOWN)
                : new Resolution(label, key, Status.ALIAS);
    }

    /**
     * The configuration key that would make {@code label} known, for messages: {@code
     * asset.aliases.<TICKER>} or {@code region.aliases.<CODE>}.
     */
    public static String aliasKeyFor(Breakdown breakdown) {
        return breakdown == Breakdown.REGION
                ? REGION_ALIASES + "<CODE>"
                : ASSET_ALIASES + "<TICKER>";
    }

    private Map<String, String> labels(Breakdown breakdown) {
        Map<String, String> byLabel = new LinkedHashMap<>();
        Map<String, List<String>> aliases =
                breakdown == Breakdown.ASSET ? assetAliases : regionAliases;
        Set<String> keys =
                breakdown == Breakdown.ASSET ? new TreeSet<>(assets) : new TreeSet<>(ISO_REGIONS);
        keys.addAll(buckets);
        for (String k : keys) {
            byLabel.put(normalise(k), k);
        }
        aliases.forEach((k, labels) -> labels.forEach(l -> byLabel.put(normalise(l), k)));
        return byLabel;
    }

    /** Case, spacing, hyphens and underscores do not tell labels apart. */
    static String normalise(String label) {
        return label.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", " ");
    }

    private static void index(
            String prefix,
            Map<String, List<String>> aliases,
            java.util.function.Predicate<String> isKey,
            String what) {
        Map<String, String> seen = new LinkedHashMap<>();
        aliases.forEach(
                (key, labels) -> {
                    if (!isKey.test(key)) {
                        throw new InvalidKey(
                                prefix + key,
                                String.join(",", labels),
                                key + " is not " + what + " or a bucket");
                    }
                    for (String l : labels) {
                        String other = seen.putIfAbsent(normalise(l), key);
                        if (other != null && !other.equals(key)) {
                            throw new InvalidKey(
                                    prefix + key,
                                    String.join(",", labels),
                                    "the label '" + l + "' is already a label of " + other);
                        }
                    }
                });
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static Map<String, String> defaultProperties() {
        Properties p = new Properties();
        try (InputStream in = BreakdownKeys.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        DEFAULTS_RESOURCE + " is missing from the classpath");
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return values;
    }
}
