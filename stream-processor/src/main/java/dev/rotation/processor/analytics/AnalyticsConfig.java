package dev.rotation.processor.analytics;

import dev.rotation.model.labels.BreakdownKeys;
import dev.rotation.processor.config.keys.ConfigSources;
import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.KeyCatalog;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The analytics' configuration, parsed once at start-up into one typed, validated record per
 * concern: assets and their instruments, groups, watched levels, history depth, price buckets, each
 * rule's thresholds, the confidence model's settings, and the signal lifecycle's (revisions,
 * hysteresis, alert cooldown). A rule or the confidence model receives only its own records.
 *
 * <p>Each key is declared once, as a {@code Setting} constant of the record that holds it; its
 * default is in {@code analytics-defaults.properties}. {@code groups.<name>}, {@code
 * instrument.<asset>} and {@code levels.<instrument>} are open families: any name, validated
 * values.
 */
public record AnalyticsConfig(
        Assets assets,
        AssetGroups groups,
        Levels levels,
        HistoryDepth history,
        PriceBuckets priceBuckets,
        RotationThresholds rotation,
        RiskShiftThresholds riskShift,
        DeriskingThresholds derisking,
        ConcentrationThresholds concentration,
        CascadeThresholds cascade,
        LeverageThresholds leverage,
        LevelThresholds levelCrossing,
        StrengthScale strength,
        LeadLagSettings leadLag,
        RelativeRotationSettings relativeRotation,
        ConfidenceSettings confidence,
        LifecycleSettings lifecycle,
        FlowSources sources) {

    public static final String DEFAULTS_RESOURCE = "/analytics-defaults.properties";

    /** Every analytics key. */
    public static final KeyCatalog KEYS =
            KeyCatalog.of(
                    List.of(
                            Assets.KNOWN,
                            Assets.BUCKETS,
                            HistoryDepth.WINDOWS,
                            HistoryDepth.MIN_WINDOWS,
                            PriceBuckets.BUCKET_MINUTES,
                            PriceBuckets.MAX_BUCKETS,
                            RotationThresholds.MIN_LEAVING_USD,
                            RotationThresholds.MIN_RECEIVING_USD,
                            RotationThresholds.MICRO_BELOW,
                            RotationThresholds.MAJOR_ABOVE,
                            RiskShiftThresholds.MIN_CRYPTO_FLOW_USD,
                            RiskShiftThresholds.MIN_METAL_RETURN,
                            RiskShiftThresholds.MIN_VOLUME_RATIO,
                            DeriskingThresholds.MIN_OUTFLOW_USD,
                            DeriskingThresholds.MIN_PULLBACK,
                            DeriskingThresholds.MIN_VOLUME_RATIO,
                            DeriskingThresholds.REQUIRE_VOLUME,
                            ConcentrationThresholds.SHARE,
                            ConcentrationThresholds.MIN_GROSS_OUTFLOW_USD,
                            ConcentrationThresholds.REGION_SUM_TOLERANCE,
                            CascadeThresholds.GROUPS,
                            CascadeThresholds.MIN_OUTFLOW_WINDOWS,
                            CascadeThresholds.MIN_OUTFLOW_USD,
                            CascadeThresholds.MIN_BREAKDOWN,
                            CascadeThresholds.MIN_VOL_RATIO,
                            LeverageThresholds.MIN_LOSS,
                            LeverageThresholds.FULL_STRENGTH_EQUITY_LOSS,
                            LeverageThresholds.REGIME_BOOST,
                            LeverageThresholds.MAX_POSITION_AGE,
                            LevelThresholds.FULL_STRENGTH_DISTANCE,
                            StrengthScale.FULL_Z,
                            LeadLagSettings.MAX_LAG,
                            LeadLagSettings.MIN_OBSERVATIONS,
                            LeadLagSettings.FDR,
                            RelativeRotationSettings.BENCHMARK,
                            RelativeRotationSettings.RATIO_WINDOWS,
                            RelativeRotationSettings.MOMENTUM_WINDOWS,
                            ConfidenceWeights.STRENGTH,
                            ConfidenceWeights.BREADTH,
                            ConfidenceWeights.HISTORY,
                            ConfidenceWeights.COMPLETENESS,
                            ConfidenceWeights.CORRELATION,
                            ConfidenceCaps.SINGLE_SOURCE,
                            ConfidenceCaps.INSUFFICIENT_HISTORY,
                            ConfidenceCaps.CONFIRMED,
                            ConfidenceCaps.SOURCES_DISAGREE_FACTOR,
                            ConfidenceBands.MEDIUM,
                            ConfidenceBands.HIGH,
                            ConfidenceSettings.CORRELATION_MIN_SAMPLES,
                            LifecycleSettings.HYSTERESIS_MARGIN,
                            LifecycleSettings.REVISION_TOLERANCE,
                            LifecycleSettings.ALERT_COOLDOWN,
                            LifecycleSettings.SILENT_TYPES,
                            FlowSources.PRIMARY_SCOPE,
                            FlowSources.AGREEMENT_TOLERANCE),
                    families(),
                    List.of());

    private static List<dev.rotation.processor.config.keys.SettingFamily<?>> families() {
        List<dev.rotation.processor.config.keys.SettingFamily<?>> f =
                new java.util.ArrayList<>(
                        List.of(
                                AssetGroups.GROUPS,
                                Assets.INSTRUMENT,
                                Assets.ASSET_ALIASES,
                                Assets.REGION_ALIASES,
                                Levels.LEVELS));
        f.addAll(FlowSources.FAMILIES);
        return f;
    }

    /**
     * Checks what no single record can: groups hold known assets, the cascade rule watches existing
     * groups, the rotation benchmark is a known asset and its windows fit in the history.
     */
    public AnalyticsConfig {
        Objects.requireNonNull(assets, "assets");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(levels, "levels");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(priceBuckets, "priceBuckets");
        Objects.requireNonNull(rotation, "rotation");
        Objects.requireNonNull(riskShift, "riskShift");
        Objects.requireNonNull(derisking, "derisking");
        Objects.requireNonNull(concentration, "concentration");
        Objects.requireNonNull(cascade, "cascade");
        Objects.requireNonNull(leverage, "leverage");
        Objects.requireNonNull(levelCrossing, "levelCrossing");
        Objects.requireNonNull(strength, "strength");
        Objects.requireNonNull(leadLag, "leadLag");
        Objects.requireNonNull(relativeRotation, "relativeRotation");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(sources, "sources");
        for (Map.Entry<String, Set<String>> g : groups.members().entrySet()) {
            for (String a : g.getValue()) {
                if (assets.keys().isBucket(a)) {
                    throw AssetGroups.GROUPS.invalid(
                            g.getKey(),
                            String.join(",", g.getValue()),
                            a + " is a bucket (" + Assets.BUCKETS.key() + "), outside every group");
                }
                if (!assets.isKnown(a)) {
                    throw AssetGroups.GROUPS.invalid(
                            g.getKey(),
                            String.join(",", g.getValue()),
                            "unknown asset " + a + " (add it to " + Assets.KNOWN.key() + ")");
                }
            }
        }
        for (String g : cascade.groups()) {
            if (!groups.names().contains(g)) {
                throw CascadeThresholds.GROUPS.invalid(
                        String.join(",", cascade.groups()),
                        "unknown group "
                                + g
                                + " (the groups are "
                                + String.join(", ", groups.names())
                                + ")");
            }
        }
        checkRelativeRotation(relativeRotation, assets, history);
    }

    private static void checkRelativeRotation(
            RelativeRotationSettings rrg, Assets assets, HistoryDepth history) {
        if (!assets.isKnown(rrg.benchmark())) {
            throw RelativeRotationSettings.BENCHMARK.invalid(
                    rrg.benchmark(), "unknown asset (add it to " + Assets.KNOWN.key() + ")");
        }
        int needed = rrg.ratioWindows() + rrg.momentumWindows();
        if (needed > history.windows()) {
            throw RelativeRotationSettings.MOMENTUM_WINDOWS.invalid(
                    rrg.momentumWindows(),
                    "rrg.ratio-windows + rrg.momentum-windows ("
                            + needed
                            + ") must not exceed "
                            + HistoryDepth.WINDOWS.key()
                            + " ("
                            + history.windows()
                            + "): a quadrant transition needs that many FINAL windows plus the"
                            + " current one");
        }
    }

    /** The records of resolved configuration values (see {@code ProcessorConfig.load}). */
    public static AnalyticsConfig from(ConfigValues values) {
        return values.build(
                () ->
                        new AnalyticsConfig(
                                Assets.from(values),
                                AssetGroups.from(values),
                                Levels.from(values),
                                HistoryDepth.from(values),
                                PriceBuckets.from(values),
                                RotationThresholds.from(values),
                                RiskShiftThresholds.from(values),
                                DeriskingThresholds.from(values),
                                ConcentrationThresholds.from(values),
                                CascadeThresholds.from(values),
                                LeverageThresholds.from(values),
                                LevelThresholds.from(values),
                                StrengthScale.from(values),
                                LeadLagSettings.from(values),
                                RelativeRotationSettings.from(values),
                                ConfidenceSettings.from(values),
                                LifecycleSettings.from(values),
                                FlowSources.from(values)));
    }

    /** The defaults alone. */
    public static AnalyticsConfig defaults() {
        return load(null);
    }

    /**
     * The defaults with analytics overrides on top (tests and tools; the processor loads everything
     * through {@code ProcessorConfig.load}).
     *
     * @throws dev.rotation.processor.config.keys.ConfigurationException naming the key for an
     *     unknown key (with the nearest known one) or an invalid value
     */
    public static AnalyticsConfig load(Properties overrides) {
        return from(
                ConfigSources.resolve(
                        KEYS,
                        List.of(DEFAULTS_RESOURCE, BreakdownKeys.DEFAULTS_RESOURCE),
                        null,
                        Map.of(),
                        overrides));
    }
}
