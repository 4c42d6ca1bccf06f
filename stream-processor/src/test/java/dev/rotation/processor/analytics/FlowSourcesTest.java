package dev.rotation.processor.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotation.processor.config.keys.ConfigurationException;
import dev.rotation.processor.topology.Time;
import java.time.LocalDate;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowSourcesTest {

    private static final FlowSources DEFAULTS = AnalyticsConfig.defaults().sources();

    /** The seed week: Monday 19 Jan 2026 (a US market holiday) to Sunday 25 Jan. */
    private static final EventWindow SEED_WEEK =
            new EventWindow(Time.day("2026-01-19"), Time.day("2026-01-26"));

    private static AnalyticsConfig load(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return AnalyticsConfig.load(p);
    }

    @Test
    void theDefaultsDescribeTheSampleSources() {
        FlowSource coinshares = DEFAULTS.of("coinshares");
        assertThat(coinshares.scope()).isEqualTo("global-etp");
        assertThat(coinshares.cadence()).isEqualTo(FlowSource.Cadence.WEEKLY);
        assertThat(coinshares.illustrative()).isFalse();
        FlowSource etf = DEFAULTS.of("us-spot-etf");
        assertThat(etf.scope()).isEqualTo("us-spot-etf");
        assertThat(etf.region()).isEqualTo("US");
        assertThat(etf.assets()).containsExactly("BTC", "ETH", "SOL", "XRP");
        assertThat(etf.breakdowns()).containsExactly("ASSET", "PROVIDER");
        assertThat(etf.cadence()).isEqualTo(FlowSource.Cadence.DAILY);
        assertThat(etf.closedDays()).contains(LocalDate.parse("2026-01-19"));
        FlowSource illustrative = DEFAULTS.of("illustrative");
        assertThat(illustrative.illustrative()).isTrue();
        assertThat(illustrative.scope())
                .as("the generated history weeks stand in for the global ETP report")
                .isEqualTo("global-etp");
        assertThat(DEFAULTS.isConfigured("daily-snapshot")).isTrue();
        assertThat(DEFAULTS.isConfigured("news")).isTrue();
        assertThat(DEFAULTS.primaryScope()).isEqualTo("global-etp");
        assertThat(DEFAULTS.agreementTolerance()).isEqualTo(0.30);
    }

    @Test
    void aSourceNotInConfigurationIsARealWeeklySourceOfItsOwnScope() {
        FlowSource farside = DEFAULTS.of("farside");
        assertThat(DEFAULTS.isConfigured("farside")).isFalse();
        assertThat(farside.scope()).isEqualTo("farside");
        assertThat(farside.illustrative()).isFalse();
        assertThat(farside.cadence()).isEqualTo(FlowSource.Cadence.WEEKLY);
        assertThat(farside.covers("DOGE")).isTrue();
        assertThat(DEFAULTS.isPrimary("farside")).isFalse();
    }

    @Test
    void theConfiguredPrimaryScopeChoosesTheFigureAKeyWithSeveralSourcesCarries() {
        FlowAccumulator acc = new FlowAccumulator();
        acc.add(
                FlowAccumulator.identity("coinshares", "cs-1", "ASSET", "BTC", 0, 10),
                "coinshares",
                "cs-1",
                null,
                "ASSET",
                "BTC",
                -1_730e6,
                9);
        acc.add(
                FlowAccumulator.identity("us-spot-etf", "etf-1", "ASSET", "BTC", 0, 10),
                "us-spot-etf",
                "etf-1",
                null,
                "ASSET",
                "BTC",
                -1_710e6,
                9);
        FlowSources etfFirst = load("sources.primary-scope", "us-spot-etf").sources();

        assertThat(acc.toMetrics(DEFAULTS).netFlowUsd()).isEqualTo(-1_730e6);
        assertThat(acc.toMetrics(etfFirst).netFlowUsd())
                .as("the primary scope's figure, as the rules read it")
                .isEqualTo(-1_710e6);
        // leaving a report out re-chooses with the same configuration
        FlowMetrics both = acc.toMetrics(etfFirst);
        assertThat(both.admitting(r -> !r.source().equals("us-spot-etf"), etfFirst).netFlowUsd())
                .isEqualTo(-1_730e6);
        assertThat(both.admitting(r -> true, etfFirst).netFlowUsd()).isEqualTo(-1_710e6);
    }

    @Test
    void theHeadlineIsThePrimaryScopeRealBeforeIllustrativeNeverAMix() {
        assertThat(DEFAULTS.headlineScope(Set.of("us-spot-etf", "coinshares")))
                .isEqualTo("global-etp");
        assertThat(DEFAULTS.headlineSource(Set.of("illustrative", "coinshares"), "global-etp"))
                .isEqualTo("coinshares");
        assertThat(DEFAULTS.headlineScope(Set.of("us-spot-etf")))
                .as("a window the primary scope does not report")
                .isEqualTo("us-spot-etf");
        assertThat(DEFAULTS.headlineSource(Set.of("us-spot-etf"), "global-etp")).isNull();
        assertThat(DEFAULTS.headlineScope(Set.of())).isNull();
    }

    @Test
    void aDailySourceCountsWeekdaysLessItsClosedDays() {
        FlowSource etf = DEFAULTS.of("us-spot-etf");
        assertThat(etf.tradingDays(SEED_WEEK))
                .extracting(LocalDate::toString)
                .containsExactly("2026-01-20", "2026-01-21", "2026-01-22", "2026-01-23");
        // ETH had rows on the 21st and 23rd only: 2 of 4
        assertThat(
                        etf.coverage(
                                SEED_WEEK,
                                Set.of(
                                        LocalDate.parse("2026-01-21"),
                                        LocalDate.parse("2026-01-23"))))
                .isEqualTo(0.5);
        assertThat(etf.coverage(SEED_WEEK, Set.of(LocalDate.parse("2026-01-19"))))
                .as("a row on a closed day is not a trading day covered")
                .isEqualTo(0.0);
        assertThat(DEFAULTS.of("coinshares").coverage(SEED_WEEK, Set.of()))
                .as("a weekly report has no days to count")
                .isEqualTo(1.0);
    }

    @Test
    void sourcesAreConfigurationAUserCanAddOrChange() {
        FlowSources s =
                load(
                                "source.scope.farside",
                                "us-spot-etf",
                                "source.cadence.farside",
                                "daily",
                                "source.assets.farside",
                                "BTC",
                                "source.kind.us-spot-etf",
                                "illustrative")
                        .sources();
        assertThat(s.of("farside").scope()).isEqualTo("us-spot-etf");
        assertThat(s.of("farside").cadence()).isEqualTo(FlowSource.Cadence.DAILY);
        assertThat(s.of("farside").covers("ETH")).isFalse();
        assertThat(s.isIllustrative("us-spot-etf")).isTrue();
    }

    @Test
    void mistakesNameTheKeyInOneLine() {
        assertThatThrownBy(() -> load("source.cadence.coinshares", "monthly"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "Invalid configuration 'source.cadence.coinshares=monthly' (from -D): must be weekly or daily");
        assertThatThrownBy(() -> load("source.kind.coinshares", "estimated"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith(": must be real or illustrative");
        assertThatThrownBy(() -> load("source.closed-days.us-spot-etf", "19/01/2026"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith(": 19/01/2026 is not a date such as 2026-01-19");
        assertThatThrownBy(() -> load("source.breakdowns.coinshares", "ASSET,ISSUER"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith(
                        ": unknown breakdown ISSUER (TOTAL, ASSET, REGION or PROVIDER)");
        assertThatThrownBy(() -> load("source.region.farside", "US"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith(
                        ": source farside has no source.scope.farside: a source is declared by its scope");
        assertThatThrownBy(() -> load("sources.primary-scope", "us-etf"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration 'sources.primary-scope=us-etf'")
                .hasMessageContaining("no source has this scope");
        assertThatThrownBy(() -> load("sources.agreement-tolerance", "1.5"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith(": must be between 0 and 1");
        assertThatThrownBy(() -> load("source.scop.coinshares", "global-etp"))
                .as("an unknown key is still refused")
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("source.scop.coinshares");
    }
}
