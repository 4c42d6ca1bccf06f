package dev.rotation.processor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.SourceAgreement;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.Caveats;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which scope a window's rules read, what enters the history, and what is flagged illustrative. */
class SourceScopesTest {

    private static final AnalyticsConfig CONFIG = AnalyticsConfig.defaults();

    @Test
    void thePrimaryScopeIsReadAndTheOtherScopeOnlyCompared() {
        WindowSnapshot s =
                SnapshotBuilder.week("2026-01-21")
                        .flow("coinshares", "ASSET", "BTC", -1.09e9)
                        .flow("coinshares", "ASSET", "ETH", -630e6)
                        .flow("us-spot-etf", "ASSET", "BTC", -1.33e9)
                        .flow("us-spot-etf", "ASSET", "ETH", -339e6)
                        .build();
        assertThat(s.headlineScope()).isEqualTo("global-etp");
        assertThat(s.assetNet("BTC"))
                .as("CoinShares' figure, not a sum or a mean")
                .isEqualTo(-1.09e9);
        assertThat(s.groupNet("mainstream")).isEqualTo(-1.72e9);
        assertThat(s.flowSources()).containsExactly("coinshares");
        assertThat(s.allFlowSources()).containsExactly("coinshares", "us-spot-etf");
        SourceAgreement.Leg leg = s.legAgreement("group:mainstream", Set.of("BTC", "ETH"));
        assertThat(leg.outcome()).isEqualTo(SourceAgreement.Outcome.AGREE);
        assertThat(leg.comparisons())
                .singleElement()
                .satisfies(c -> assertThat(c.other().netFlowUsd()).isEqualTo(-1.669e9));
    }

    @Test
    void aWindowWithoutThePrimaryScopeIsReadFromAnotherButKeptOutOfTheHistory() {
        TrailingHistory h = TrailingHistory.forConfig(CONFIG.history());
        WindowSnapshot etfOnly =
                SnapshotBuilder.week("2026-01-28", h, CONFIG)
                        .flow("us-spot-etf", "ASSET", "BTC", -500e6)
                        .build();
        assertThat(etfOnly.headlineScope()).isEqualTo("us-spot-etf");
        assertThat(etfOnly.isPrimaryScope()).isFalse();
        assertThat(etfOnly.assetNet("BTC")).isEqualTo(-500e6);
        assertThat(etfOnly.flowZScore("BTC")).isNull();
        etfOnly.appendTo(h);
        assertThat(h.points(Series.flowAsset("BTC")))
                .as("another scope's figure never enters the primary scope's baselines")
                .isEmpty();
    }

    @Test
    void illustrativeFiguresAndHistoryAreFlaggedOnTheSignal() {
        TrailingHistory h = TrailingHistory.forConfig(CONFIG.history());
        SnapshotBuilder.week("2026-01-14", h, CONFIG)
                .flow("illustrative", "ASSET", "BTC", -100e6)
                .build()
                .appendTo(h);
        assertThat(h.points(Series.ILLUSTRATIVE_INPUTS))
                .extracting(p -> p.value())
                .containsExactly(1.0);
        assertThat(h.points(Series.flowAsset("BTC")))
                .as("the illustrative week stands in for the primary scope")
                .hasSize(1);

        RuleSet rules = RuleSet.standard(CONFIG);
        WindowSnapshot real =
                SnapshotBuilder.week("2026-01-21", h, CONFIG)
                        .flow("coinshares", "ASSET", "BTC", -1.09e9)
                        .flow("coinshares", "ASSET", "ETH", -630e6)
                        .flow("coinshares", "ASSET", "SOL", 17.1e6)
                        .build();
        assertThat(real.illustrativeInHistory()).isTrue();
        Detection rotation =
                rules.evaluate(real).stream()
                        .filter(d -> d.type().name().equals("ROTATION_TO_HIGH_BETA"))
                        .findFirst()
                        .orElseThrow();
        assertThat(rotation.hasCaveat(Caveats.ILLUSTRATIVE_DATA))
                .as("its baselines include the generated week")
                .isTrue();

        WindowSnapshot generated =
                SnapshotBuilder.week("2026-01-21")
                        .flow("illustrative", "ASSET", "BTC", -1.09e9)
                        .flow("illustrative", "ASSET", "SOL", 17.1e6)
                        .build();
        List<Detection> fromGenerated = rules.evaluate(generated);
        assertThat(fromGenerated)
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.hasCaveat(Caveats.ILLUSTRATIVE_DATA)).isTrue());
    }
}
