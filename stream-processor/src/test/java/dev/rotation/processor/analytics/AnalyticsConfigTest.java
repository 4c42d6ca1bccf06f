package dev.rotation.processor.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotation.processor.config.keys.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AnalyticsConfigTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsDescribeTheSpecsGroupsAndThresholds() {
        AnalyticsConfig c = AnalyticsConfig.defaults();
        assertThat(c.groups().group("mainstream")).containsExactly("BTC", "ETH");
        assertThat(c.groups().group("high-beta"))
                .containsExactly("SOL", "XRP", "ADA", "AVAX", "DOT");
        assertThat(c.groups().group("safe-haven")).containsExactly("XAU", "XAG");
        assertThat(c.groups().group("equity-proxy")).containsExactly("MSTR");
        assertThat(c.groups().group("nope")).isEmpty();
        assertThat(c.groups().groupOf("SOL")).isEqualTo("high-beta");
        assertThat(c.groups().groupOf("BNB")).isNull();
        assertThat(c.assets().instrumentFor("BTC")).isEqualTo("BTC-USD");
        assertThat(c.assets().instrumentFor("MSTR")).isEqualTo("MSTR");
        assertThat(c.assets().isKnown("SHORT_BTC")).isTrue();
        assertThat(c.assets().isKnown("DOGECOIN")).isFalse();
        assertThat(c.history().windows()).isEqualTo(12);
        assertThat(c.history().minWindows()).isEqualTo(4);
        assertThat(c.levels().of("BTC-USD")).containsExactly(93000.0);
        assertThat(c.levels().of("ETH-USD")).isEmpty();
        assertThat(c.rotation().microBelow()).isEqualTo(0.05);
        assertThat(c.rotation().majorAbove()).isEqualTo(0.25);
        assertThat(c.riskShift().minMetalReturn()).isEqualTo(0.01);
        assertThat(c.derisking().minPullback()).isEqualTo(0.02);
        assertThat(c.derisking().minVolumeRatio()).isEqualTo(1.1);
        assertThat(c.concentration().share()).isEqualTo(0.80);
        assertThat(c.cascade().minOutflowWindows()).isEqualTo(2);
        assertThat(c.cascade().minBreakdown()).isEqualTo(0.05);
        assertThat(c.confidence().caps().singleSource()).isEqualTo(0.6);
        assertThat(c.priceBuckets().bucketMs()).isEqualTo(3_600_000L);
        assertThat(c.lifecycle())
                .isEqualTo(
                        new LifecycleSettings(
                                0.02,
                                0.001,
                                java.time.Duration.ofHours(1),
                                java.util.Set.of(
                                        dev.rotation.model.SignalType.QUADRANT_TRANSITION)));
    }

    @Test
    void theLifecycleSettingsAreTypedConfigurationToo() {
        AnalyticsConfig c =
                AnalyticsConfig.load(
                        props(
                                "hysteresis.margin", "0.05",
                                "signals.revision.tolerance", "0",
                                "alerts.cooldown", "PT10M",
                                "alerts.silent-types", "quadrant_transition, LEVERAGE_STRESS"));
        assertThat(c.lifecycle())
                .isEqualTo(
                        new LifecycleSettings(
                                0.05,
                                0,
                                java.time.Duration.ofMinutes(10),
                                java.util.Set.of(
                                        dev.rotation.model.SignalType.QUADRANT_TRANSITION,
                                        dev.rotation.model.SignalType.LEVERAGE_STRESS)));
        assertThatThrownBy(() -> AnalyticsConfig.load(props("alerts.silent-types", "QUADRANTS")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration 'alerts.silent-types=QUADRANTS'")
                .hasMessageContaining("must be signal types");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("alerts.cooldown", "10 minutes")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration 'alerts.cooldown=10 minutes'")
                .hasMessageEndingWith(": must be an ISO-8601 duration such as P7D or PT1H");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("hysteresis.margins", "0.05")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Did you mean 'hysteresis.margin'?");
    }

    @Test
    void overridesWinAndOpenKeysAddGroupsInstrumentsAndLevels() {
        AnalyticsConfig c =
                AnalyticsConfig.load(
                        props(
                                "groups.high-beta", "SOL, XRP",
                                "groups.defi", "LINK",
                                "instrument.BTC", "XBT-USD",
                                "levels.ETH-USD", "3000,2500",
                                "history.windows", "8",
                                "rrg.ratio-windows", "4",
                                "rule.concentration.share", "0.9"));
        assertThat(c.groups().group("high-beta")).containsExactly("SOL", "XRP");
        assertThat(c.groups().groupOf("LINK")).isEqualTo("defi");
        assertThat(c.groups().names()).contains("defi");
        assertThat(c.assets().instrumentFor("BTC")).isEqualTo("XBT-USD");
        assertThat(c.levels().of("ETH-USD")).isEqualTo(List.of(2500.0, 3000.0));
        assertThat(c.history().windows()).isEqualTo(8);
        assertThat(c.concentration().share()).isEqualTo(0.9);
    }

    @Test
    void relativeRotationDefaultsAndItsChecksAgainstAssetsAndHistory() {
        assertThat(AnalyticsConfig.defaults().relativeRotation())
                .isEqualTo(new RelativeRotationSettings("BTC", 5, 4));
        assertThat(
                        AnalyticsConfig.load(props("rrg.benchmark", "ETH"))
                                .relativeRotation()
                                .benchmark())
                .isEqualTo("ETH");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("rrg.benchmark", "DOGGO")))
                .hasMessageContaining("'rrg.benchmark=DOGGO'")
                .hasMessageEndingWith("unknown asset (add it to assets.known)");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("history.windows", "8")))
                .hasMessageContaining(
                        "rrg.ratio-windows + rrg.momentum-windows (9) must not exceed history.windows (8)");
        rejects(
                () -> new RelativeRotationSettings("BTC", 1, 4),
                "rrg.ratio-windows",
                "must be at least 2");
    }

    @Test
    void unknownKeysUnderOurPrefixesAreRejectedByName() {
        assertThatThrownBy(() -> AnalyticsConfig.load(props("rule.rotation.min-leaving", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule.rotation.min-leaving");
        assertThatThrownBy(
                        () -> AnalyticsConfig.load(props("confidence.single-source-capp", "0.5")))
                .hasMessageContaining("confidence.single-source-capp");
    }

    @Test
    void invalidValuesFailNamingTheKey() {
        assertThatThrownBy(() -> AnalyticsConfig.load(props("history.windows", "twelve")))
                .hasMessageContaining("history.windows");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("history.min-windows", "20")))
                .hasMessageContaining("history.min-windows");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("rule.concentration.share", "1.5")))
                .hasMessageContaining("rule.concentration.share");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("rule.magnitude.major-above", "0.01")))
                .hasMessageContaining("rule.magnitude.major-above");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("levels.BTC-USD", "93000,-1")))
                .hasMessageContaining("levels.BTC-USD");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("groups.high-beta", "SOL,NOTACOIN")))
                .hasMessageContaining("groups.high-beta");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("groups.majors", "BTC")))
                .hasMessageContaining("already in group");
        assertThatThrownBy(
                        () -> AnalyticsConfig.load(props("rule.derisking.require-volume", "yes")))
                .hasMessageContaining("rule.derisking.require-volume");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("rule.cascade.groups", "nope")))
                .hasMessageContaining("rule.cascade.groups");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("confidence.level.high", "0.3")))
                .hasMessageContaining("confidence.level.high");
        assertThatThrownBy(
                        () ->
                                AnalyticsConfig.load(
                                        props("rule.risk-shift.min-metal-return", "NaN")))
                .hasMessageContaining("rule.risk-shift.min-metal-return");
    }

    @Test
    void knownAssetsCanBeExtended() {
        AnalyticsConfig c =
                AnalyticsConfig.load(
                        props(
                                "assets.known",
                                "BTC,ETH,SOL,XRP,ADA,AVAX,DOT,MSTR,XAU,XAG,HYPE",
                                "groups.high-beta",
                                "SOL,XRP,HYPE"));
        assertThat(c.assets().known()).contains("HYPE");
        assertThat(c.groups().group("high-beta")).isEqualTo(Set.of("SOL", "XRP", "HYPE"));
    }

    @Test
    void unknownKeysOutsideTheAnalyticsAreRejectedToo() {
        assertThatThrownBy(() -> AnalyticsConfig.load(props("bootstrap.servers", "not-ours:9092")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Unknown configuration key 'bootstrap.servers'");
    }

    /** The record's constructor itself rejects the value, with a message that names the key. */
    private static void rejects(ThrowingCallable construct, String key, String reason) {
        assertThatThrownBy(construct)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration '" + key + "=")
                .hasMessageEndingWith(": " + reason);
    }

    @Test
    void eachRecordValidatesItsOwnValuesNamingTheKey() {
        rejects(() -> new Assets(Set.of(), Map.of()), "assets.known", "list at least one asset");
        rejects(
                () -> new Assets(Set.of("BTC"), Map.of("BTC", " ")),
                "instrument.BTC",
                "the instrument must not be empty");
        rejects(
                () -> new AssetGroups(new TreeMap<>(Map.of("empty", Set.of()))),
                "groups.empty",
                "a group needs at least one asset");
        rejects(
                () -> new Levels(new TreeMap<>(Map.of("BTC-USD", List.of(93000.0, 0.0)))),
                "levels.BTC-USD",
                "a level must be a positive price, got 0.0");
        rejects(() -> new HistoryDepth(1, 1), "history.windows", "must be at least 2");
        rejects(
                () -> new HistoryDepth(12, 0),
                "history.min-windows",
                "must be between 1 and history.windows (12)");
        rejects(() -> new PriceBuckets(0, 168), "price.bucket-minutes", "must be positive");
        rejects(() -> new PriceBuckets(60, 0), "price.max-buckets", "must be at least 1");
        rejects(
                () -> new RotationThresholds(-1, 0, 0.05, 0.25),
                "rule.rotation.min-leaving-usd",
                "must not be negative");
        rejects(
                () -> new RotationThresholds(0, -1, 0.05, 0.25),
                "rule.rotation.min-receiving-usd",
                "must not be negative");
        rejects(
                () -> new RotationThresholds(0, 0, 1.5, 2),
                "rule.magnitude.micro-below",
                "must be between 0 and 1");
        rejects(
                () -> new RotationThresholds(0, 0, 0.3, 0.25),
                "rule.magnitude.major-above",
                "must be greater than rule.magnitude.micro-below (0.3)");
        rejects(
                () -> new RiskShiftThresholds(-1, 0, 0),
                "rule.risk-shift.min-crypto-flow-usd",
                "must not be negative");
        rejects(
                () -> new RiskShiftThresholds(0, Double.NaN, 0),
                "rule.risk-shift.min-metal-return",
                "must not be negative");
        rejects(
                () -> new RiskShiftThresholds(0, 0, -1),
                "rule.risk-shift.min-volume-ratio",
                "must not be negative");
        rejects(
                () -> new DeriskingThresholds(-1, 0, 0, false),
                "rule.derisking.min-outflow-usd",
                "must not be negative");
        rejects(
                () -> new DeriskingThresholds(0, -0.1, 0, false),
                "rule.derisking.min-pullback",
                "must not be negative");
        rejects(
                () -> new DeriskingThresholds(0, 0, -1, false),
                "rule.derisking.min-volume-ratio",
                "must not be negative");
        rejects(
                () -> new ConcentrationThresholds(1.2, 0, 0),
                "rule.concentration.share",
                "must be between 0 and 1");
        rejects(
                () -> new ConcentrationThresholds(0.8, -1, 0),
                "rule.concentration.min-gross-outflow-usd",
                "must not be negative");
        rejects(
                () -> new ConcentrationThresholds(0.8, 0, -1),
                "rule.concentration.region-sum-tolerance",
                "must not be negative");
        rejects(
                () -> new CascadeThresholds(List.of("mainstream"), 0, 0, 0, 0),
                "rule.cascade.min-outflow-windows",
                "must be at least 1");
        rejects(
                () -> new CascadeThresholds(List.of("mainstream"), 2, -1, 0, 0),
                "rule.cascade.min-outflow-usd",
                "must not be negative");
        rejects(
                () -> new CascadeThresholds(List.of("mainstream"), 2, 0, -1, 0),
                "rule.cascade.min-breakdown",
                "must not be negative");
        rejects(
                () -> new CascadeThresholds(List.of("mainstream"), 2, 0, 0, -1),
                "rule.cascade.min-vol-ratio",
                "must not be negative");
        rejects(
                () -> new LevelThresholds(0),
                "rule.level.full-strength-distance",
                "must be positive");
        rejects(() -> new StrengthScale(-3), "rule.strength.full-z", "must be positive");
        rejects(
                () -> new ConfidenceWeights(-0.1, 0.2, 0.2, 0.25, 0.15),
                "confidence.weight.strength",
                "must not be negative");
        rejects(
                () -> new ConfidenceWeights(0.35, 0.2, 0.2, -1, 0.15),
                "confidence.weight.completeness",
                "must not be negative");
        rejects(
                () -> new ConfidenceWeights(0, 0, 0, 0, 0.15),
                "confidence.weight.strength",
                "the four weights confidence.weight.strength, confidence.weight.breadth, confidence.weight.history and "
                        + "confidence.weight.completeness must not all be zero");
        rejects(
                () -> new ConfidenceWeights(0.35, 0.2, 0.2, 0.25, 1.5),
                "confidence.weight.correlation",
                "must be between 0 and 1");
        rejects(
                () -> new ConfidenceCaps(1.1, 0.5, 0.85, 0.7),
                "confidence.single-source-cap",
                "must be between 0 and 1");
        rejects(
                () -> new ConfidenceCaps(0.6, -0.5, 0.85, 0.7),
                "confidence.insufficient-history-cap",
                "must be between 0 and 1");
        rejects(
                () -> new ConfidenceCaps(0.6, 0.55, 0.5, 0.7),
                "confidence.confirmed-cap",
                "must be at least confidence.single-source-cap (0.6): agreeing sources never lower the cap");
        rejects(
                () -> new ConfidenceCaps(0.6, 0.55, 0.85, 1.0),
                "confidence.sources-disagree-factor",
                "must be below 1: sources that contradict each other score lower than one");
        rejects(
                () -> new ConfidenceBands(0.7, 0.4),
                "confidence.level.high",
                "must be greater than confidence.level.medium (0.7)");
        rejects(
                () -> new LifecycleSettings(1, 0.001, java.time.Duration.ZERO),
                "hysteresis.margin",
                "must be at least 0 and below 1");
        rejects(
                () -> new LifecycleSettings(0.02, -0.001, java.time.Duration.ZERO),
                "signals.revision.tolerance",
                "must be at least 0 and below 1");
        rejects(
                () -> new LifecycleSettings(0.02, 0.001, java.time.Duration.ofMinutes(-1)),
                "alerts.cooldown",
                "must not be negative");
        AnalyticsConfig d = AnalyticsConfig.defaults();
        rejects(
                () ->
                        new ConfidenceSettings(
                                d.confidence().weights(),
                                d.confidence().caps(),
                                d.confidence().bands(),
                                3),
                "confidence.correlation.min-samples",
                "must be at least 4 (the Fisher-z interval needs n > 3)");
    }

    @Test
    void theWholeConfigChecksGroupsAgainstAssetsAndTheCascadeAgainstGroups() {
        AnalyticsConfig d = AnalyticsConfig.defaults();
        rejects(
                () ->
                        new AnalyticsConfig(
                                new Assets(Set.of("BTC"), Map.of()),
                                d.groups(),
                                d.levels(),
                                d.history(),
                                d.priceBuckets(),
                                d.rotation(),
                                d.riskShift(),
                                d.derisking(),
                                d.concentration(),
                                d.cascade(),
                                d.leverage(),
                                d.levelCrossing(),
                                d.strength(),
                                d.leadLag(),
                                d.relativeRotation(),
                                d.confidence(),
                                d.lifecycle(),
                                d.sources()),
                "groups.equity-proxy",
                "unknown asset MSTR (add it to assets.known)");
        rejects(
                () ->
                        new AnalyticsConfig(
                                d.assets(),
                                d.groups(),
                                d.levels(),
                                d.history(),
                                d.priceBuckets(),
                                d.rotation(),
                                d.riskShift(),
                                d.derisking(),
                                d.concentration(),
                                new CascadeThresholds(List.of("majors"), 2, 0, 0.05, 1),
                                d.leverage(),
                                d.levelCrossing(),
                                d.strength(),
                                d.leadLag(),
                                d.relativeRotation(),
                                d.confidence(),
                                d.lifecycle(),
                                d.sources()),
                "rule.cascade.groups",
                "unknown group majors (the groups are equity-proxy, high-beta, mainstream, safe-haven)");
    }

    @Test
    void defaultsAreValueRecords() {
        assertThat(AnalyticsConfig.defaults()).isEqualTo(AnalyticsConfig.defaults());
        assertThat(AnalyticsConfig.defaults().priceBuckets()).isEqualTo(new PriceBuckets(60, 168));
        assertThat(AnalyticsConfig.defaults().confidence().weights())
                .isEqualTo(new ConfidenceWeights(0.35, 0.20, 0.20, 0.25, 0.15));
    }
}
