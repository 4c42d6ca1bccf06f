package dev.rotation.processor.analytics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(c.groups().group("high-beta")).containsExactly("SOL", "XRP", "ADA", "AVAX", "DOT");
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
    }

    @Test
    void overridesWinAndOpenKeysAddGroupsInstrumentsAndLevels() {
        AnalyticsConfig c = AnalyticsConfig.load(props(
                "groups.high-beta", "SOL, XRP",
                "groups.defi", "LINK",
                "instrument.BTC", "XBT-USD",
                "levels.ETH-USD", "3000,2500",
                "history.windows", "8",
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
    void unknownKeysUnderOurPrefixesAreRejectedByName() {
        assertThatThrownBy(() -> AnalyticsConfig.load(props("rule.rotation.min-leaving", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rule.rotation.min-leaving");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("confidence.single-source-capp", "0.5")))
                .hasMessageContaining("confidence.single-source-capp");
    }

    @Test
    void invalidValuesFailNamingTheKey() {
        assertThatThrownBy(() -> AnalyticsConfig.load(props("history.windows", "twelve"))).hasMessageContaining("history.windows");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("history.min-windows", "20"))).hasMessageContaining("history.min-windows");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("rule.concentration.share", "1.5"))).hasMessageContaining("rule.concentration.share");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("rule.magnitude.major-above", "0.01"))).hasMessageContaining("rule.magnitude.major-above");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("levels.BTC-USD", "93000,-1"))).hasMessageContaining("levels.BTC-USD");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("groups.high-beta", "SOL,NOTACOIN"))).hasMessageContaining("groups.high-beta");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("groups.majors", "BTC"))).hasMessageContaining("already in group");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("rule.derisking.require-volume", "yes"))).hasMessageContaining("rule.derisking.require-volume");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("rule.cascade.groups", "nope"))).hasMessageContaining("rule.cascade.groups");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("confidence.level.high", "0.3"))).hasMessageContaining("confidence.level.high");
        assertThatThrownBy(() -> AnalyticsConfig.load(props("rule.risk-shift.min-metal-return", "NaN"))).hasMessageContaining("rule.risk-shift.min-metal-return");
    }

    @Test
    void knownAssetsCanBeExtended() {
        AnalyticsConfig c = AnalyticsConfig.load(props("assets.known", "BTC,ETH,SOL,XRP,ADA,AVAX,DOT,MSTR,XAU,XAG,HYPE",
                "groups.high-beta", "SOL,XRP,HYPE"));
        assertThat(c.assets().known()).contains("HYPE");
        assertThat(c.groups().group("high-beta")).isEqualTo(Set.of("SOL", "XRP", "HYPE"));
    }
}
