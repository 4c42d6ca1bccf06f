package dev.rotation.processor.confidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rotation.model.BindingCap;
import dev.rotation.model.Causality;
import dev.rotation.model.ConfidenceComponents;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Correlation;
import dev.rotation.model.ScoreAdjustment;
import dev.rotation.model.TermWeights;
import dev.rotation.processor.analytics.AnalyticsConfig;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfidenceModelTest {

    private static final AnalyticsConfig CONFIG = AnalyticsConfig.defaults();
    private static final ConfidenceModel MODEL =
            new ConfidenceModel(CONFIG.confidence(), CONFIG.history());

    /** The formula without the confirmed-sources cap (confidence.confirmed-cap=1). */
    private static final ConfidenceModel UNCAPPED = uncapped();

    private static ConfidenceModel uncapped() {
        Properties p = new Properties();
        p.setProperty("confidence.confirmed-cap", "1");
        AnalyticsConfig c = AnalyticsConfig.load(p);
        return new ConfidenceModel(c.confidence(), c.history());
    }

    private static ConfidenceInputs in(
            double strength, double breadth, int sources, int history, double completeness) {
        return new ConfidenceInputs(strength, breadth, sources, history, completeness, null, false);
    }

    @Test
    void scoresStayInTheUnitIntervalAndBandAsConfigured() {
        Confidence none = UNCAPPED.assess(in(0, 0, 3, 0, 0));
        assertThat(none.score()).isEqualTo(0.0);
        assertThat(none.level()).isEqualTo(ConfidenceLevel.LOW);
        Confidence full = UNCAPPED.assess(in(1, 1, 3, 12, 1));
        assertThat(full.score()).isCloseTo(1.0, within(1e-12));
        assertThat(full.level()).isEqualTo(ConfidenceLevel.HIGH);
        assertThat(full.caveats()).isEmpty();
        assertThat(UNCAPPED.level(0.3999)).isEqualTo(ConfidenceLevel.LOW);
        assertThat(UNCAPPED.level(0.4)).isEqualTo(ConfidenceLevel.MEDIUM);
        assertThat(UNCAPPED.level(0.6999)).isEqualTo(ConfidenceLevel.MEDIUM);
        assertThat(UNCAPPED.level(0.7)).isEqualTo(ConfidenceLevel.HIGH);
    }

    @Test
    void theFormulaIsTheDocumentedWeightedSum() {
        // 0.35*0.8 + 0.20*0.5 + 0.20*(6/12) + 0.25*0.75 = 0.28 + 0.10 + 0.10 + 0.1875
        assertThat(MODEL.assess(in(0.8, 0.5, 2, 6, 0.75)).score()).isCloseTo(0.6675, within(1e-12));
    }

    @Test
    void aSingleSourceCanNeverBeHigh() {
        Confidence c = MODEL.assess(in(1, 1, 1, 12, 1));
        assertThat(c.score()).isEqualTo(0.6);
        assertThat(c.level()).isEqualTo(ConfidenceLevel.MEDIUM);
        assertThat(c.caveats()).extracting(x -> x.getCode()).containsExactly(Caveats.SINGLE_SOURCE);
        assertThat(MODEL.assess(in(1, 1, 0, 12, 1)).score())
                .as("no named source is no better than one")
                .isEqualTo(0.6);
    }

    private static dev.rotation.processor.analytics.SourceAgreement.Leg leg(
            dev.rotation.processor.analytics.SourceAgreement.Outcome outcome,
            int agreeing,
            double coverage) {
        var coinshares = CONFIG.sources().of("coinshares");
        var figure =
                new dev.rotation.processor.analytics.SourceAgreement.Figure(
                        coinshares, -1, 1, 0, 0);
        return new dev.rotation.processor.analytics.SourceAgreement.Leg(
                "group:mainstream", figure, java.util.List.of(), outcome, agreeing, coverage);
    }

    @Test
    void agreeingSourcesLiftTheCapToTheConfirmedCapAndContradictingOnesLowerIt() {
        ConfidenceInputs strong = in(1, 1, 1, 12, 1);
        Confidence one = MODEL.assess(strong);
        assertThat(one.score()).isEqualTo(0.6);
        Confidence two =
                MODEL.assess(
                        strong.withSources(
                                leg(
                                        dev.rotation.processor.analytics.SourceAgreement.Outcome
                                                .AGREE,
                                        2,
                                        1)));
        assertThat(two.score()).as("confidence.confirmed-cap").isEqualTo(0.85);
        assertThat(two.caveats()).isEmpty();
        Confidence contra =
                MODEL.assess(
                        strong.withSources(
                                leg(
                                        dev.rotation.processor.analytics.SourceAgreement.Outcome
                                                .DISAGREE,
                                        1,
                                        1)));
        // min(1, 0.6) * confidence.sources-disagree-factor 0.7
        assertThat(contra.score()).isCloseTo(0.42, within(1e-12)).isLessThan(one.score());
        assertThat(contra.components().getCap())
                .isEqualTo(new BindingCap(Caveats.SOURCES_DISAGREE, 0.6));
        assertThat(contra.components().getAdjustment())
                .isEqualTo(new ScoreAdjustment(Caveats.SOURCES_DISAGREE, 0.7));
        assertThat(contra.caveats())
                .as("the rule names both figures in SOURCES_DISAGREE; one source is not the issue")
                .extracting(x -> x.getCode())
                .doesNotContain(Caveats.SINGLE_SOURCE);
        Confidence differ =
                MODEL.assess(
                        strong.withSources(
                                leg(
                                        dev.rotation.processor.analytics.SourceAgreement.Outcome
                                                .DIFFER,
                                        1,
                                        1)));
        assertThat(differ.score()).isEqualTo(0.6);
        assertThat(differ.caveats())
                .extracting(x -> x.getCode())
                .containsExactly(Caveats.SINGLE_SOURCE);
    }

    @Test
    void aSignalOfSeveralLegsIsConfirmedOnlyWhenEveryLegAgrees() {
        var agree = dev.rotation.processor.analytics.SourceAgreement.Outcome.AGREE;
        var differ = dev.rotation.processor.analytics.SourceAgreement.Outcome.DIFFER;
        var single = dev.rotation.processor.analytics.SourceAgreement.Outcome.SINGLE;
        var disagree = dev.rotation.processor.analytics.SourceAgreement.Outcome.DISAGREE;
        ConfidenceInputs strong = in(1, 1, 1, 12, 1);

        ConfidenceInputs both =
                strong.withSources(java.util.List.of(leg(agree, 3, 1), leg(agree, 2, 0.5)));
        assertThat(both.distinctSources()).as("the weaker leg's count").isEqualTo(2);
        assertThat(both.sourceCoverage()).isEqualTo(0.75);
        assertThat(MODEL.assess(both).score()).isLessThanOrEqualTo(0.85).isGreaterThan(0.6);

        for (var other : java.util.List.of(differ, single)) {
            ConfidenceInputs oneLeg =
                    strong.withSources(java.util.List.of(leg(agree, 2, 1), leg(other, 1, 1)));
            assertThat(oneLeg.distinctSources()).as(other.name()).isEqualTo(1);
            assertThat(oneLeg.sourcesDisagree()).isFalse();
            Confidence c = MODEL.assess(oneLeg);
            assertThat(c.score()).as(other.name()).isEqualTo(0.6);
            assertThat(c.caveats())
                    .extracting(x -> x.getCode())
                    .containsExactly(Caveats.SINGLE_SOURCE);
        }

        ConfidenceInputs contra =
                strong.withSources(java.util.List.of(leg(agree, 2, 1), leg(disagree, 1, 1)));
        assertThat(contra.sourcesDisagree()).isTrue();
        assertThat(MODEL.assess(contra).score()).isCloseTo(0.42, within(1e-12));
        assertThat(strong.withSources(java.util.List.of())).isEqualTo(strong);
    }

    @Test
    void partialDailyCoverageLowersCompletenessNotTheCap() {
        // 0.35*0.8 + 0.20*0.5 + 0.20*(6/12) + 0.25*(0.75*0.875) = 0.28 + 0.1 + 0.1 + 0.1640625
        ConfidenceInputs confirmed =
                in(0.8, 0.5, 1, 6, 0.75)
                        .withSources(
                                leg(
                                        dev.rotation.processor.analytics.SourceAgreement.Outcome
                                                .AGREE,
                                        2,
                                        0.875));
        assertThat(MODEL.assess(confirmed).score()).isCloseTo(0.6440625, within(1e-12));
        assertThatThrownBy(() -> new ConfidenceInputs(1, 1, 2, 12, 1, null, false, 0, false, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sourceCoverage");
    }

    @Test
    void historyDepthCountsAndThinHistoryIsNamedAndCapped() {
        assertThat(UNCAPPED.assess(in(1, 1, 2, 6, 1)).score()).isCloseTo(0.9, within(1e-12));
        Confidence thin = UNCAPPED.assess(in(1, 1, 2, 3, 1));
        assertThat(thin.score()).isEqualTo(0.55);
        assertThat(thin.caveats())
                .extracting(x -> x.getCode())
                .containsExactly(Caveats.INSUFFICIENT_HISTORY);
        assertThat(UNCAPPED.assess(in(1, 1, 2, 4, 1)).caveats()).isEmpty();
        assertThat(UNCAPPED.assess(in(1, 1, 2, 40, 1)).score())
                .as("history beyond the window count adds nothing")
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aMissingLegLowersTheScore() {
        assertThat(MODEL.assess(in(0.9, 1, 2, 12, 0.5)).score())
                .isLessThan(MODEL.assess(in(0.9, 1, 2, 12, 1)).score());
        assertThat(MODEL.assess(in(0.9, 1, 2, 12, 0.5)).score())
                .isCloseTo(0.35 * 0.9 + 0.2 + 0.2 + 0.25 * 0.5, within(1e-12));
    }

    @Test
    void observationsAreTaggedAsSuchAndNeedNoHistory() {
        Confidence o = UNCAPPED.assess(new ConfidenceInputs(1, 1, 2, 0, 1, null, true));
        assertThat(o.causality()).isEqualTo(Causality.OBSERVATION);
        assertThat(o.score()).isCloseTo(1.0, within(1e-12));
        assertThat(o.caveats()).isEmpty();
        assertThat(UNCAPPED.assess(in(1, 1, 2, 0, 1)).causality())
                .isEqualTo(Causality.CORRELATION_NOT_CAUSATION);
    }

    @Test
    void fisherIntervalsMatchHandComputedValues() {
        // z = atanh(-0.8) = -1.098612, se = 1/sqrt(2) = 0.707107, tanh(z -/+ 1.959964 se)
        double[] small = TrailingCorrelation.fisherInterval(-0.8, 5);
        assertThat(small[0]).isCloseTo(-0.986196, within(1e-6));
        assertThat(small[1]).isCloseTo(0.279640, within(1e-6));
        // z = atanh(0.5) = 0.549306, se = 1/3
        double[] twelve = TrailingCorrelation.fisherInterval(0.5, 12);
        assertThat(twelve[0]).isCloseTo(-0.103642, within(1e-6));
        assertThat(twelve[1]).isCloseTo(0.834454, within(1e-6));
        assertThatThrownBy(() -> TrailingCorrelation.fisherInterval(0.5, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void correlationsNeedFourSamplesAndReportTheirInterval() {
        assertThat(TrailingCorrelation.of("x~y", new double[] {1, 2, 3}, new double[] {3, 2, 1}, 4))
                .isNull();
        assertThat(
                        TrailingCorrelation.of(
                                "x~y", new double[] {1, 1, 1, 1}, new double[] {3, 2, 1, 0}, 4))
                .as("constant")
                .isNull();
        Correlation c =
                TrailingCorrelation.of(
                        "x~y", new double[] {1, 2, 3, 4, 5}, new double[] {5, 4, 3, 2, 1}, 4);
        assertThat(c.getCoefficient()).isCloseTo(-1.0, within(1e-12));
        assertThat(c.getSampleSize()).isEqualTo(5);
        assertThat(c.getLower95()).isLessThanOrEqualTo(c.getUpper95());
    }

    @Test
    void smallSamplesShrinkTheCorrelationsContributionAndTheWrongSignGivesNone() {
        Correlation small = new Correlation("x~y", -0.8, 5, -0.986196, 0.279640);
        double[] ci12 = TrailingCorrelation.fisherInterval(-0.6, 12);
        Correlation twelve = new Correlation("x~y", -0.6, 12, ci12[0], ci12[1]);
        Correlation wrongSign = new Correlation("x~y", 0.6, 12, -ci12[1], -ci12[0]);
        double base = 0.35 * 0.9 + 0.2 + 0.2 + 0.25;
        double sSmall =
                UNCAPPED.assess(new ConfidenceInputs(0.9, 1, 2, 12, 1, small, false, -1)).score();
        // narrowness = 1 - (0.279640 + 0.986196) / 2 = 0.367082; support 0.8
        assertThat(sSmall).isCloseTo(0.85 * base + 0.15 * 0.8 * 0.367082, within(1e-6));
        double sTwelve =
                UNCAPPED.assess(new ConfidenceInputs(0.9, 1, 2, 12, 1, twelve, false, -1)).score();
        assertThat(sTwelve)
                .isCloseTo(0.85 * base + 0.15 * 0.6 * (1 - (ci12[1] - ci12[0]) / 2), within(1e-9));
        double sWrong =
                UNCAPPED.assess(new ConfidenceInputs(0.9, 1, 2, 12, 1, wrongSign, false, -1))
                        .score();
        assertThat(sWrong).isCloseTo(0.85 * base, within(1e-12));
        double sEither =
                UNCAPPED.assess(new ConfidenceInputs(0.9, 1, 2, 12, 1, wrongSign, false)).score();
        assertThat(sEither).isCloseTo(sTwelve, within(1e-9));
    }

    @Test
    void moreSourcesOrMoreHistoryNeverLowerTheScore() {
        double[] grid = {0, 0.25, 0.5, 0.75, 1};
        for (double s : grid) {
            for (double b : grid) {
                for (double c : grid) {
                    for (int sources = 0; sources < 4; sources++) {
                        for (int h = 0; h <= 14; h++) {
                            double score = MODEL.assess(in(s, b, sources, h, c)).score();
                            assertThat(score).isBetween(0.0, 1.0);
                            assertThat(MODEL.assess(in(s, b, sources + 1, h, c)).score())
                                    .isGreaterThanOrEqualTo(score);
                            assertThat(MODEL.assess(in(s, b, sources, h + 1, c)).score())
                                    .isGreaterThanOrEqualTo(score);
                        }
                    }
                }
            }
        }
    }

    @Test
    void capsAndBandsAreConfiguration() {
        Properties p = new Properties();
        p.setProperty("confidence.single-source-cap", "0.3");
        p.setProperty("confidence.level.medium", "0.25");
        AnalyticsConfig config = AnalyticsConfig.load(p);
        ConfidenceModel m = new ConfidenceModel(config.confidence(), config.history());
        Confidence c = m.assess(in(1, 1, 1, 12, 1));
        assertThat(c.score()).isEqualTo(0.3);
        assertThat(c.level()).isEqualTo(ConfidenceLevel.MEDIUM);
    }

    @Test
    void componentsCarryTheTermsWeightsAndBaseOfTheScore() {
        ConfidenceComponents k = MODEL.assess(in(0.8, 0.5, 2, 6, 0.75)).components();
        assertThat(k.getStrength()).isEqualTo(0.8);
        assertThat(k.getBreadth()).isEqualTo(0.5);
        assertThat(k.getHistoryWindows()).isEqualTo(6);
        assertThat(k.getHistory()).isEqualTo(0.5); // 6 of history.windows = 12
        assertThat(k.getCompleteness()).isEqualTo(0.75);
        assertThat(k.getDistinctSources()).isEqualTo(2);
        assertThat(k.getCorrelationTerm()).isNull();
        assertThat(k.getWeights()).isEqualTo(new TermWeights(0.35, 0.20, 0.20, 0.25, 0.15));
        // 0.35*0.8 + 0.20*0.5 + 0.20*0.5 + 0.25*0.75
        assertThat(k.getBase()).isCloseTo(0.6675, within(1e-12));
        assertThat(k.getUncapped()).isCloseTo(0.6675, within(1e-12));
        assertThat(k.getCap()).as("two sources, six windows: no cap").isNull();
        assertThat(k.getAdjustment()).isNull();
    }

    /**
     * The seed week's rotation (docs/confidence.md, worked example): one source and no history, so
     * both caps apply and the lower one, INSUFFICIENT_HISTORY at 0.55, is the one that bound.
     */
    @Test
    void theCapThatBoundIsTheLowestThatApplied() {
        Confidence c = MODEL.assess(in(0.94, 0.75, 1, 0, 1));
        ConfidenceComponents k = c.components();
        assertThat(k.getHistory()).isEqualTo(0.0);
        // 0.35*0.94 + 0.20*0.75 + 0.20*0 + 0.25*1 = 0.329 + 0.15 + 0.25
        assertThat(k.getBase()).isCloseTo(0.729, within(1e-12));
        assertThat(k.getUncapped()).isCloseTo(0.729, within(1e-12));
        assertThat(k.getCap()).isEqualTo(new BindingCap(Caveats.INSUFFICIENT_HISTORY, 0.55));
        assertThat(c.score()).isEqualTo(k.getCap().getValue());

        Confidence observation = MODEL.assess(new ConfidenceInputs(1, 1, 1, 0, 1, null, true));
        assertThat(observation.components().getHistory()).as("observations need none").isEqualTo(1);
        assertThat(observation.components().getBase()).isCloseTo(1.0, within(1e-12));
        assertThat(observation.components().getCap())
                .isEqualTo(new BindingCap(Caveats.SINGLE_SOURCE, 0.6));
    }

    @Test
    void aCapThatAppliesButIsNotReachedDidNotBind() {
        // 0.35*0.2 + 0.20*0.2 + 0.20*1 + 0.25*0.2 = 0.36, under the single-source cap of 0.6
        Confidence c = MODEL.assess(in(0.2, 0.2, 1, 12, 0.2));
        assertThat(c.caveats()).extracting(x -> x.getCode()).containsExactly(Caveats.SINGLE_SOURCE);
        assertThat(c.score()).isCloseTo(0.36, within(1e-12));
        assertThat(c.components().getUncapped()).isCloseTo(0.36, within(1e-12));
        assertThat(c.components().getCap()).isNull();
    }

    @Test
    void capsOfEqualValueNameTheFirstApplied() {
        Properties p = new Properties();
        p.setProperty("confidence.single-source-cap", "0.55");
        AnalyticsConfig config = AnalyticsConfig.load(p);
        ConfidenceModel m = new ConfidenceModel(config.confidence(), config.history());
        assertThat(m.assess(in(1, 1, 1, 0, 1)).components().getCap())
                .isEqualTo(new BindingCap(Caveats.SINGLE_SOURCE, 0.55));
    }

    @Test
    void theCorrelationTermIsSupportTimesNarrowness() {
        Correlation small = new Correlation("x~y", -0.8, 5, -0.986196, 0.279640);
        ConfidenceComponents k =
                MODEL.assess(new ConfidenceInputs(0.9, 1, 2, 12, 1, small, false, -1)).components();
        // support 0.8, narrowness 1 - (0.279640 + 0.986196) / 2 = 0.367082
        assertThat(k.getCorrelationTerm()).isCloseTo(0.8 * 0.367082, within(1e-9));
        // base 0.35*0.9 + 0.20 + 0.20 + 0.25 = 0.965; 0.85*base + 0.15*term
        assertThat(k.getBase()).isCloseTo(0.965, within(1e-12));
        assertThat(k.getUncapped()).isCloseTo(0.85 * 0.965 + 0.15 * 0.8 * 0.367082, within(1e-9));
        // 0.8643 is above the cap two agreeing sources lift the score to
        assertThat(k.getCap())
                .isEqualTo(new BindingCap(Caveats.SOURCES_CONFIRM_ACROSS_SCOPES, 0.85));
        Correlation wrongSign = new Correlation("x~y", 0.6, 12, 0.1, 0.8);
        assertThat(
                        MODEL.assess(new ConfidenceInputs(0.9, 1, 2, 12, 1, wrongSign, false, -1))
                                .components()
                                .getCorrelationTerm())
                .isEqualTo(0.0);
    }

    @Test
    void aRulesFactorIsRecordedAsAnAdjustmentAndTheRestIsKept() {
        ConfidenceComponents k = MODEL.assess(in(1, 1, 1, 12, 1)).components();
        ConfidenceComponents halved = Components.adjusted(k, Caveats.BREAKDOWNS_INCONSISTENT, 0.5);
        assertThat(halved.getAdjustment())
                .isEqualTo(new ScoreAdjustment(Caveats.BREAKDOWNS_INCONSISTENT, 0.5));
        assertThat(halved.getCap()).isEqualTo(k.getCap());
        assertThat(halved.getBase()).isEqualTo(k.getBase());
        assertThat(Components.adjusted(null, Caveats.BREAKDOWNS_INCONSISTENT, 0.5)).isNull();
    }

    @Test
    void inputsOutsideTheirRangesAreRejected() {
        assertThatThrownBy(() -> in(1.2, 1, 1, 1, 1)).hasMessageContaining("strength");
        assertThatThrownBy(() -> in(1, Double.NaN, 1, 1, 1)).hasMessageContaining("breadth");
        assertThatThrownBy(() -> in(1, 1, -1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void strengthHelpers() {
        assertThat(ConfidenceInputs.thresholdStrength(100e6, 100e6)).isEqualTo(0.0);
        assertThat(ConfidenceInputs.thresholdStrength(-200e6, -100e6)).isEqualTo(0.5);
        assertThat(ConfidenceInputs.thresholdStrength(1.73e9, 100e6))
                .isCloseTo(0.942197, within(1e-6));
        assertThat(ConfidenceInputs.thresholdStrength(50e6, 100e6)).isEqualTo(0.0);
        assertThat(ConfidenceInputs.zStrength(null, 3)).isNull();
        assertThat(ConfidenceInputs.zStrength(-1.5, 3)).isEqualTo(0.5);
        assertThat(ConfidenceInputs.zStrength(9.0, 3)).isEqualTo(1.0);
        assertThat(ConfidenceInputs.combine(0.4, null)).isEqualTo(0.4);
        assertThat(ConfidenceInputs.combine(0.4, 1.0)).isCloseTo(0.7, within(1e-12));
        assertThat(ConfidenceInputs.shareStrength(0.9, 0.8)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void moneyFormatsAsTheExplanationsPrintIt() {
        assertThat(Money.usd(-1.73e9)).isEqualTo("-$1.73B");
        assertThat(Money.usd(17.1e6)).isEqualTo("$17.1M");
        assertThat(Money.aPct(0.0813)).isEqualTo("an 8.1%");
        assertThat(Money.aPct(0.117)).isEqualTo("an 11.7%");
        assertThat(Money.aPct(0.072)).isEqualTo("a 7.2%");
        assertThat(Money.price(93000)).isEqualTo("93,000");
    }
}
