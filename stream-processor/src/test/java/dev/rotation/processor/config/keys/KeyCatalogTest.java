package dev.rotation.processor.config.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The mechanics under every configuration: typed parsing, the catalogue, nearest keys, environment
 * names.
 */
class KeyCatalogTest {

    private static final Setting<Duration> GRACE = Setting.duration("window.grace");
    private static final Setting<Duration> SIZE = Setting.duration("window.size");
    private static final Setting<Double> MIN_LEAVING =
            Setting.decimal("rule.rotation.min-leaving-usd");
    private static final SettingFamily<List<String>> GROUPS =
            SettingFamily.list("groups.", SettingFamily::lowerHyphenated);
    private static final KeyCatalog CATALOG =
            KeyCatalog.of(List.of(GRACE, SIZE, MIN_LEAVING), List.of(GROUPS), List.of("streams."));

    @Test
    void settingsParseTheirTypeOrNameTheKey() {
        assertThat(GRACE.parse(" P3D ")).isEqualTo(Duration.ofDays(3));
        assertThat(Setting.list("x.list").parse("A, B,,C ")).containsExactly("A", "B", "C");
        assertThat(Setting.bool("x.flag").parse("TRUE")).isTrue();
        assertThat(Setting.optionalText("x.prefix").parse("  ")).isEmpty();
        assertThatThrownBy(() -> MIN_LEAVING.parse("Infinity"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "Invalid configuration 'rule.rotation.min-leaving-usd=Infinity': must be a finite number");
        assertThatThrownBy(() -> Setting.integer("x.count").parse("1.5"))
                .hasMessage("Invalid configuration 'x.count=1.5': must be a whole number");
        assertThatThrownBy(() -> Setting.text("x.name").parse(""))
                .hasMessage("Invalid configuration 'x.name=': must not be empty");
    }

    @Test
    void knownKeysAreDeclaredFamilyMembersOrPassedThrough() {
        assertThat(CATALOG.isKnown("window.grace")).isTrue();
        assertThat(CATALOG.isKnown("groups.anything")).isTrue();
        assertThat(CATALOG.isKnown("streams.max.poll.records")).isTrue();
        assertThat(CATALOG.isKnown("window.grase")).isFalse();
        assertThat(CATALOG.isKnown("stream.max.poll.records")).isFalse();
    }

    @Test
    void theNearestKeyIsATypoAwayOrNothing() {
        assertThat(CATALOG.nearest("window.grase", Set.of())).contains("window.grace");
        assertThat(CATALOG.nearest("windows.size", Set.of())).contains("window.size");
        assertThat(CATALOG.nearest("group.defi", Set.of("groups.mainstream")))
                .contains("groups.defi");
        assertThat(CATALOG.nearest("groups.mainstrem", Set.of("groups.mainstream")))
                .contains("groups.mainstream");
        assertThat(CATALOG.nearest("stream.num.standby.replicas", Set.of()))
                .contains("streams.num.standby.replicas");
        assertThat(CATALOG.nearest("http.port", Set.of())).isEmpty();
    }

    @Test
    void environmentVariablesMapToKeys() {
        assertThat(KeyCatalog.environmentName("rule.rotation.min-leaving-usd"))
                .isEqualTo("RD_RULE_ROTATION_MIN_LEAVING_USD");
        assertThat(CATALOG.keyForEnvironmentVariable("RD_WINDOW_GRACE", Set.of()))
                .contains("window.grace");
        assertThat(CATALOG.keyForEnvironmentVariable("RD_RULE_ROTATION_MIN_LEAVING_USD", Set.of()))
                .contains("rule.rotation.min-leaving-usd");
        assertThat(CATALOG.keyForEnvironmentVariable("RD_GROUPS_HIGH_BETA", Set.of()))
                .contains("groups.high-beta");
        assertThat(CATALOG.keyForEnvironmentVariable("RD_GROUPS_DEFI", Set.of("groups.DeFi")))
                .contains("groups.DeFi");
        assertThat(CATALOG.keyForEnvironmentVariable("RD_STREAMS_NUM_STANDBY_REPLICAS", Set.of()))
                .contains("streams.num.standby.replicas");
        assertThat(CATALOG.keyForEnvironmentVariable("RD_WINDOW_GRASE", Set.of()))
                .isEqualTo(Optional.empty());
        assertThat(CATALOG.nearestEnvironmentVariable("RD_WINDOW_GRASE", Set.of()))
                .contains("RD_WINDOW_GRACE");
    }

    @Test
    void aCatalogRefusesAmbiguousDeclarations() {
        assertThatThrownBy(
                        () ->
                                KeyCatalog.of(
                                        List.of(GRACE, Setting.text("window.grace")),
                                        List.of(),
                                        List.of()))
                .hasMessageContaining("declared twice");
        assertThatThrownBy(
                        () ->
                                KeyCatalog.of(
                                        List.of(Setting.text("a.b-c"), Setting.text("a.b.c")),
                                        List.of(),
                                        List.of()))
                .hasMessageContaining("RD_A_B_C");
        assertThatThrownBy(
                        () ->
                                KeyCatalog.of(
                                        List.of(Setting.text("groups.fixed")),
                                        List.of(GROUPS),
                                        List.of()))
                .hasMessageContaining("inside the open family");
    }

    @Test
    void valuesRememberWhereTheyWereSet() {
        Properties overrides = new Properties();
        overrides.setProperty("window.size", "P1D");
        ConfigValues v =
                ConfigSources.resolve(
                        KeyCatalog.of(List.of(SIZE), List.of(), List.of()),
                        List.of(),
                        null,
                        Map.of(),
                        overrides);
        assertThat(v.get(SIZE)).isEqualTo(Duration.ofDays(1));
        assertThat(v.origin("window.size")).isEqualTo("-D");
        assertThatThrownBy(() -> v.build(() -> SIZE.requirePositive(Duration.ZERO)))
                .hasMessage(
                        "Invalid configuration 'window.size=PT0S' (from -D): must be a positive duration");
    }
}
