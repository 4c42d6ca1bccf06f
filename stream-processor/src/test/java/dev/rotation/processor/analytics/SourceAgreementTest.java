package dev.rotation.processor.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rotation.processor.analytics.SourceAgreement.Figure;
import dev.rotation.processor.analytics.SourceAgreement.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceAgreementTest {

    private static final FlowSources S = AnalyticsConfig.defaults().sources();
    private static final double TOLERANCE = 0.30;

    private static Figure weekly(String source, double v) {
        return new Figure(S.of(source), v, 1, 0, 0);
    }

    private static Figure daily(double v, int covered, int expected) {
        return new Figure(S.of("us-spot-etf"), v, covered / (double) expected, covered, expected);
    }

    @Test
    void relativeDifferenceIsOnTheLargerMagnitude() {
        // seed week BTC: CoinShares -1.09B, US spot ETFs -1.32777B: 0.23777 / 1.32777
        assertThat(SourceAgreement.relativeDifference(-1.09e9, -1.32777e9))
                .isCloseTo(0.179075, within(1e-6));
        // seed week mainstream: -1.72B against -1.66697B: 0.05303 / 1.72
        assertThat(SourceAgreement.relativeDifference(-1.72e9, -1.66697e9))
                .isCloseTo(0.030831, within(1e-6));
        assertThat(SourceAgreement.relativeDifference(0, 0)).isZero();
        assertThat(SourceAgreement.relativeDifference(-1, 1)).isEqualTo(2.0);
    }

    @Test
    void agreementIsTheSameDirectionWithinTheTolerance() {
        assertThat(SourceAgreement.compare(-1.09e9, -1.32777e9, TOLERANCE))
                .as("18% apart: the seed week's BTC agrees")
                .isEqualTo(Outcome.AGREE);
        assertThat(SourceAgreement.compare(-630e6, -339.2e6, TOLERANCE))
                .as("ETH, two of four ETF days: 46% apart")
                .isEqualTo(Outcome.DIFFER);
        assertThat(SourceAgreement.compare(-1.72e9, 1.66697e9, TOLERANCE))
                .isEqualTo(Outcome.DISAGREE);
        assertThat(SourceAgreement.compare(17.1e6, 0, TOLERANCE))
                .as("a zero has no direction to confirm")
                .isEqualTo(Outcome.DIFFER);
        assertThat(SourceAgreement.compare(-100, -130, TOLERANCE))
                .as("exactly at the tolerance: 30 / 130 = 23%")
                .isEqualTo(Outcome.AGREE);
        assertThat(SourceAgreement.compare(-100, -143, TOLERANCE))
                .as("43 / 143 = 30.07%")
                .isEqualTo(Outcome.DIFFER);
    }

    @Test
    void aLegCountsAgreeingSourcesAndAveragesCoverage() {
        SourceAgreement.Leg leg =
                SourceAgreement.of(
                        "group:mainstream",
                        weekly("coinshares", -1.72e9),
                        List.of(new Figure(S.of("us-spot-etf"), -1.66697e9, 0.75, 4, 4)),
                        TOLERANCE);
        assertThat(leg.outcome()).isEqualTo(Outcome.AGREE);
        assertThat(leg.agreeingSources()).isEqualTo(2);
        // (1 + 0.75) / 2
        assertThat(leg.coverage()).isEqualTo(0.875);
        assertThat(leg.comparisons())
                .singleElement()
                .satisfies(
                        c -> assertThat(c.relativeDifference()).isCloseTo(0.030831, within(1e-6)));
    }

    @Test
    void anyContradictionWinsAndIllustrativeFiguresNeverCount() {
        SourceAgreement.Leg contra =
                SourceAgreement.of(
                        "crypto:total",
                        weekly("coinshares", -1.73e9),
                        List.of(daily(1.71e9, 4, 4), weekly("farside", -1.7e9)),
                        TOLERANCE);
        assertThat(contra.outcome()).isEqualTo(Outcome.DISAGREE);
        assertThat(contra.agreeingSources()).isEqualTo(1);

        SourceAgreement.Leg generated =
                SourceAgreement.of(
                        "crypto:total",
                        weekly("coinshares", -1.73e9),
                        List.of(weekly("illustrative", -1.73e9)),
                        TOLERANCE);
        assertThat(generated.outcome()).isEqualTo(Outcome.SINGLE);
        assertThat(generated.comparisons()).isEmpty();

        SourceAgreement.Leg onGenerated =
                SourceAgreement.of(
                        "crypto:total",
                        weekly("illustrative", -1.73e9),
                        List.of(daily(-1.71e9, 4, 4)),
                        TOLERANCE);
        assertThat(onGenerated.outcome())
                .as("generated figures are confirmed by nothing")
                .isEqualTo(Outcome.SINGLE);
        assertThat(onGenerated.agreeingSources()).isEqualTo(1);
    }

    @Test
    void aSecondSourceOfTheSameScopeAddsNothing() {
        // farside declared with source.scope.farside=us-spot-etf: the same scope as the ETFs
        FlowSource etf = S.of("us-spot-etf");
        FlowSource farside =
                new FlowSource(
                        "farside",
                        "us-spot-etf",
                        "US",
                        etf.assets(),
                        etf.breakdowns(),
                        FlowSource.Cadence.DAILY,
                        false,
                        etf.closedDays());
        Figure farsideAgreeing = new Figure(farside, -1.7e9, 1, 4, 4);

        SourceAgreement.Leg etfDiffers =
                SourceAgreement.of(
                        "crypto:total",
                        weekly("coinshares", -1.73e9),
                        List.of(daily(-0.9e9, 4, 4), farsideAgreeing),
                        TOLERANCE);
        assertThat(etfDiffers.comparisons())
                .as("one figure per scope: the scope's first source by name, farside")
                .singleElement()
                .satisfies(c -> assertThat(c.other().source().name()).isEqualTo("farside"));
        assertThat(etfDiffers.agreeingSources()).isEqualTo(2);

        SourceAgreement.Leg withoutFarside =
                SourceAgreement.of(
                        "crypto:total",
                        weekly("coinshares", -1.73e9),
                        List.of(daily(-1.71e9, 4, 4)),
                        TOLERANCE);
        SourceAgreement.Leg withFarside =
                SourceAgreement.of(
                        "crypto:total",
                        weekly("coinshares", -1.73e9),
                        List.of(daily(-1.71e9, 4, 4), farsideAgreeing),
                        TOLERANCE);
        assertThat(withFarside.agreeingSources())
                .as("two sources of one scope are one confirmation")
                .isEqualTo(withoutFarside.agreeingSources())
                .isEqualTo(2);
        assertThat(withFarside.comparisons()).hasSize(1);

        SourceAgreement.Leg onEtf =
                SourceAgreement.of(
                        "crypto:total", daily(-1.71e9, 4, 4), List.of(farsideAgreeing), TOLERANCE);
        assertThat(onEtf.outcome())
                .as("a source of the headline's own scope never confirms it")
                .isEqualTo(Outcome.SINGLE);
        assertThat(onEtf.agreeingSources()).isEqualTo(1);
    }

    @Test
    void coverageTextGivesEachAssetsTradingDays() {
        FlowSource etf = S.of("us-spot-etf");
        assertThat(
                        new Figure(
                                        etf,
                                        -1.67e9,
                                        0.75,
                                        4,
                                        4,
                                        new java.util.TreeMap<>(
                                                java.util.Map.of("BTC", 4, "ETH", 2)))
                                .coverageText())
                .isEqualTo("BTC 4 of 4, ETH 2 of 4 trading days");
        assertThat(
                        new Figure(
                                        etf,
                                        3.08e6,
                                        0.25,
                                        1,
                                        4,
                                        new java.util.TreeMap<>(java.util.Map.of("SOL", 1)))
                                .coverageText())
                .isEqualTo("1 of 4 trading days");
        assertThat(weekly("coinshares", -1.72e9).coverageText()).isEqualTo("weekly report");
    }
}
