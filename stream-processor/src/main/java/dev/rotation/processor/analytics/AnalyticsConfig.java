package dev.rotation.processor.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
 * Typed, immutable configuration of the analytics: asset groups, instrument mapping, history
 * depth, every rule threshold, levels, and the confidence model's weights and caps.
 *
 * <p>Defaults live in {@code analytics-defaults.properties} on the classpath. Keys under
 * {@code groups.}, {@code instrument.} and {@code levels.} are open so that a user can add a group,
 * map an asset or watch a level without rebuilding; any other key under an analytics prefix must
 * be a key of the defaults file, so that a typo fails at start-up instead of being ignored.
 */
public final class AnalyticsConfig {

    public static final String DEFAULTS_RESOURCE = "/analytics-defaults.properties";

    /** Key prefixes owned by the analytics; other keys in the overrides are not ours and are ignored. */
    public static final List<String> PREFIXES = List.of(
            "groups.", "assets.", "instrument.", "history.", "price.", "rule.", "levels.", "confidence.");
    private static final List<String> OPEN_PREFIXES = List.of("groups.", "instrument.", "levels.");

    private final Map<String, String> values;
    private final Map<String, Set<String>> groups;
    private final Map<String, String> groupOfAsset;
    private final Map<String, String> instruments;
    private final Set<String> knownAssets;
    private final Map<String, List<Double>> levels;

    private AnalyticsConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.knownAssets = Collections.unmodifiableSet(new LinkedHashSet<>(list("assets.known")));
        Map<String, Set<String>> g = new TreeMap<>();
        Map<String, String> of = new TreeMap<>();
        Map<String, String> inst = new TreeMap<>();
        Map<String, List<Double>> lv = new TreeMap<>();
        for (Map.Entry<String, String> e : this.values.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("groups.")) {
                String name = requireSuffix(key, "groups.");
                Set<String> members = new LinkedHashSet<>(list(key));
                if (members.isEmpty()) {
                    throw invalid(key, e.getValue(), "a group needs at least one asset");
                }
                for (String a : members) {
                    if (!knownAssets.contains(a)) {
                        throw invalid(key, e.getValue(), "unknown asset " + a + " (add it to assets.known)");
                    }
                    String previous = of.put(a, name);
                    if (previous != null) {
                        throw invalid(key, e.getValue(), "asset " + a + " is already in group " + previous);
                    }
                }
                g.put(name, Collections.unmodifiableSet(members));
            } else if (key.startsWith("instrument.")) {
                String asset = requireSuffix(key, "instrument.");
                String instrument = e.getValue().trim();
                if (instrument.isEmpty()) {
                    throw invalid(key, e.getValue(), "instrument must not be empty");
                }
                inst.put(asset, instrument);
            } else if (key.startsWith("levels.")) {
                String instrument = requireSuffix(key, "levels.");
                List<Double> ls = new ArrayList<>();
                for (String s : list(key)) {
                    double d = parseDouble(key, s);
                    if (!(d > 0)) {
                        throw invalid(key, s, "a level must be a positive price");
                    }
                    ls.add(d);
                }
                Collections.sort(ls);
                lv.put(instrument, List.copyOf(ls));
            }
        }
        this.groups = Collections.unmodifiableMap(g);
        this.groupOfAsset = Collections.unmodifiableMap(of);
        this.instruments = Collections.unmodifiableMap(inst);
        this.levels = Collections.unmodifiableMap(lv);
        validate();
    }

    /** The defaults alone. */
    public static AnalyticsConfig defaults() {
        return load(new Properties());
    }

    /**
     * Loads the defaults from the classpath and applies {@code overrides} on top. Keys of the
     * overrides outside the analytics prefixes are ignored (they belong to other components).
     *
     * @throws IllegalArgumentException naming the key when a key is unknown or a value invalid
     */
    public static AnalyticsConfig load(Properties overrides) {
        Properties defaults = new Properties();
        try (InputStream in = AnalyticsConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULTS_RESOURCE);
            }
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS_RESOURCE, e);
        }
        Map<String, String> merged = new LinkedHashMap<>();
        for (String k : defaults.stringPropertyNames()) {
            merged.put(k, defaults.getProperty(k).trim());
        }
        if (overrides != null) {
            for (String k : overrides.stringPropertyNames()) {
                if (!isAnalyticsKey(k)) {
                    continue;
                }
                boolean open = OPEN_PREFIXES.stream().anyMatch(k::startsWith);
                if (!open && !defaults.containsKey(k)) {
                    throw new IllegalArgumentException("unknown analytics configuration key '" + k
                            + "' (known keys are listed in " + DEFAULTS_RESOURCE + ")");
                }
                merged.put(k, overrides.getProperty(k).trim());
            }
        }
        return new AnalyticsConfig(merged);
    }

    public static boolean isAnalyticsKey(String key) {
        return PREFIXES.stream().anyMatch(key::startsWith);
    }

    private void validate() {
        int n = historyWindows();
        int min = historyMinWindows();
        if (n < 2) {
            throw invalid("history.windows", values.get("history.windows"), "must be at least 2");
        }
        if (min < 1 || min > n) {
            throw invalid("history.min-windows", values.get("history.min-windows"), "must be between 1 and history.windows");
        }
        positive("price.bucket-minutes");
        positiveInt("price.max-buckets");
        nonNegative("rule.rotation.min-leaving-usd");
        nonNegative("rule.rotation.min-receiving-usd");
        fraction("rule.magnitude.micro-below");
        positive("rule.magnitude.major-above");
        if (magnitudeMicroBelow() >= magnitudeMajorAbove()) {
            throw invalid("rule.magnitude.major-above", values.get("rule.magnitude.major-above"),
                    "must be greater than rule.magnitude.micro-below");
        }
        nonNegative("rule.risk-shift.min-crypto-flow-usd");
        nonNegative("rule.risk-shift.min-metal-return");
        nonNegative("rule.risk-shift.min-volume-ratio");
        nonNegative("rule.derisking.min-outflow-usd");
        nonNegative("rule.derisking.min-pullback");
        nonNegative("rule.derisking.min-volume-ratio");
        bool("rule.derisking.require-volume");
        fraction("rule.concentration.share");
        nonNegative("rule.concentration.min-gross-outflow-usd");
        nonNegative("rule.concentration.region-sum-tolerance");
        for (String g : list("rule.cascade.groups")) {
            if (!groups.containsKey(g)) {
                throw invalid("rule.cascade.groups", values.get("rule.cascade.groups"), "unknown group " + g);
            }
        }
        positiveInt("rule.cascade.min-outflow-windows");
        nonNegative("rule.cascade.min-outflow-usd");
        nonNegative("rule.cascade.min-breakdown");
        nonNegative("rule.cascade.min-vol-ratio");
        positive("rule.level.full-strength-distance");
        positive("rule.strength.full-z");
        double sum = 0;
        for (String w : List.of("strength", "breadth", "history", "completeness")) {
            nonNegative("confidence.weight." + w);
            sum += dbl("confidence.weight." + w);
        }
        if (!(sum > 0)) {
            throw invalid("confidence.weight.strength", values.get("confidence.weight.strength"),
                    "the four confidence weights must not all be zero");
        }
        fraction("confidence.weight.correlation");
        if (intValue("confidence.correlation.min-samples") < 4) {
            throw invalid("confidence.correlation.min-samples", values.get("confidence.correlation.min-samples"),
                    "must be at least 4 (the Fisher-z interval needs n > 3)");
        }
        fraction("confidence.single-source-cap");
        fraction("confidence.insufficient-history-cap");
        fraction("confidence.level.medium");
        fraction("confidence.level.high");
        if (confidenceMediumFrom() >= confidenceHighFrom()) {
            throw invalid("confidence.level.high", values.get("confidence.level.high"),
                    "must be greater than confidence.level.medium");
        }
    }

    // ---------------------------------------------------------------- groups and assets

    /** Names of the configured groups, sorted. */
    public Set<String> groupNames() {
        return groups.keySet();
    }

    /** Members of a group, in configuration order; empty when the group does not exist. */
    public Set<String> group(String name) {
        return groups.getOrDefault(name, Set.of());
    }

    /** The group an asset belongs to, or null. */
    public String groupOf(String asset) {
        return groupOfAsset.get(asset);
    }

    /** The price instrument of an asset: {@code instrument.<A>} when configured, else {@code <A>-USD}. */
    public String instrumentFor(String asset) {
        String i = instruments.get(asset);
        return i != null ? i : asset + "-USD";
    }

    public boolean isKnownAsset(String asset) {
        return asset != null && knownAssets.contains(asset);
    }

    public Set<String> knownAssets() {
        return knownAssets;
    }

    /** Configured levels of an instrument, ascending; empty when none. */
    public List<Double> levels(String instrument) {
        return levels.getOrDefault(instrument, List.of());
    }

    /** Instruments that have levels. */
    public Set<String> levelInstruments() {
        return levels.keySet();
    }

    // ---------------------------------------------------------------- history and buckets

    public int historyWindows() {
        return intValue("history.windows");
    }

    public int historyMinWindows() {
        return intValue("history.min-windows");
    }

    public long priceBucketMs() {
        return Math.round(dbl("price.bucket-minutes") * 60_000d);
    }

    public int priceMaxBuckets() {
        return intValue("price.max-buckets");
    }

    // ---------------------------------------------------------------- rule thresholds

    public double rotationMinLeavingUsd() { return dbl("rule.rotation.min-leaving-usd"); }
    public double rotationMinReceivingUsd() { return dbl("rule.rotation.min-receiving-usd"); }
    public double magnitudeMicroBelow() { return dbl("rule.magnitude.micro-below"); }
    public double magnitudeMajorAbove() { return dbl("rule.magnitude.major-above"); }
    public double riskShiftMinCryptoFlowUsd() { return dbl("rule.risk-shift.min-crypto-flow-usd"); }
    public double riskShiftMinMetalReturn() { return dbl("rule.risk-shift.min-metal-return"); }
    public double riskShiftMinVolumeRatio() { return dbl("rule.risk-shift.min-volume-ratio"); }
    public double deriskingMinOutflowUsd() { return dbl("rule.derisking.min-outflow-usd"); }
    public double deriskingMinPullback() { return dbl("rule.derisking.min-pullback"); }
    public double deriskingMinVolumeRatio() { return dbl("rule.derisking.min-volume-ratio"); }
    public boolean deriskingRequireVolume() { return bool("rule.derisking.require-volume"); }
    public double concentrationShare() { return dbl("rule.concentration.share"); }
    public double concentrationMinGrossOutflowUsd() { return dbl("rule.concentration.min-gross-outflow-usd"); }
    public double concentrationRegionSumTolerance() { return dbl("rule.concentration.region-sum-tolerance"); }
    public List<String> cascadeGroups() { return list("rule.cascade.groups"); }
    public int cascadeMinOutflowWindows() { return intValue("rule.cascade.min-outflow-windows"); }
    public double cascadeMinOutflowUsd() { return dbl("rule.cascade.min-outflow-usd"); }
    public double cascadeMinBreakdown() { return dbl("rule.cascade.min-breakdown"); }
    public double cascadeMinVolRatio() { return dbl("rule.cascade.min-vol-ratio"); }
    public double levelFullStrengthDistance() { return dbl("rule.level.full-strength-distance"); }
    public double strengthFullZ() { return dbl("rule.strength.full-z"); }

    // ---------------------------------------------------------------- confidence

    public double confidenceWeightStrength() { return dbl("confidence.weight.strength"); }
    public double confidenceWeightBreadth() { return dbl("confidence.weight.breadth"); }
    public double confidenceWeightHistory() { return dbl("confidence.weight.history"); }
    public double confidenceWeightCompleteness() { return dbl("confidence.weight.completeness"); }
    public double confidenceWeightCorrelation() { return dbl("confidence.weight.correlation"); }
    public int correlationMinSamples() { return intValue("confidence.correlation.min-samples"); }
    public double singleSourceCap() { return dbl("confidence.single-source-cap"); }
    public double insufficientHistoryCap() { return dbl("confidence.insufficient-history-cap"); }
    public double confidenceMediumFrom() { return dbl("confidence.level.medium"); }
    public double confidenceHighFrom() { return dbl("confidence.level.high"); }

    // ---------------------------------------------------------------- raw access

    /** Every effective analytics key and value (defaults merged with overrides), sorted. */
    public Map<String, String> asMap() {
        return values;
    }

    public double getDouble(String key) {
        return dbl(key);
    }

    private String raw(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing analytics configuration key '" + key + "'");
        }
        return v;
    }

    private double dbl(String key) {
        return parseDouble(key, raw(key));
    }

    private int intValue(String key) {
        String v = raw(key);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, v, "not an integer");
        }
    }

    private boolean bool(String key) {
        String v = raw(key).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw invalid(key, v, "must be true or false");
        }
        return Boolean.parseBoolean(v);
    }

    private List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String s : raw(key).split(",")) {
            String t = s.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    private static double parseDouble(String key, String v) {
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, v, "not a number");
        }
        if (!Double.isFinite(d)) {
            throw invalid(key, v, "must be finite");
        }
        return d;
    }

    private void nonNegative(String key) {
        if (dbl(key) < 0) {
            throw invalid(key, raw(key), "must not be negative");
        }
    }

    private void positive(String key) {
        if (!(dbl(key) > 0)) {
            throw invalid(key, raw(key), "must be positive");
        }
    }

    private void positiveInt(String key) {
        if (intValue(key) < 1) {
            throw invalid(key, raw(key), "must be at least 1");
        }
    }

    private void fraction(String key) {
        double d = dbl(key);
        if (d < 0 || d > 1) {
            throw invalid(key, raw(key), "must be between 0 and 1");
        }
    }

    private static String requireSuffix(String key, String prefix) {
        String s = key.substring(prefix.length());
        if (s.isBlank()) {
            throw new IllegalArgumentException("analytics configuration key '" + key + "' needs a name after '" + prefix + "'");
        }
        return s;
    }

    private static IllegalArgumentException invalid(String key, String value, String why) {
        return new IllegalArgumentException("invalid analytics configuration '" + key + "=" + value + "': " + why);
    }

    @Override
    public String toString() {
        return "AnalyticsConfig" + new TreeSet<>(values.keySet());
    }
}
