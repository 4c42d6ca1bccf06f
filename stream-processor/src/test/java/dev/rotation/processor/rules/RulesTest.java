package dev.rotation.processor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rotation.model.Causality;
import dev.rotation.model.ConfidenceLevel;
import dev.rotation.model.Scale;
import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.Caveats;
import dev.rotation.processor.confidence.ConfidenceModel;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each rule fires and does not fire: quiet weeks, below thresholds, missing legs, mirror images.
 */
class RulesTest {

    static final AnalyticsConfig CONFIG = AnalyticsConfig.defaults();
    static final ConfidenceModel MODEL = new ConfidenceModel(CONFIG.confidence(), CONFIG.history());

    /**
     * A history of {@code weeks} quiet FINAL weeks before 2026-01-19, with prices, volumes and a
     * little noise.
     */
    static TrailingHistory quietHistory(int weeks) {
        TrailingHistory h = TrailingHistory.forConfig(CONFIG.history());
        for (int i = weeks; i >= 1; i--) {
            String date = java.time.LocalDate.parse("2026-01-21").minusWeeks(i).toString();
            double wiggle = (i % 3 - 1) * 0.004;
            double base = 95000 * (1 + wiggle);
            SnapshotBuilder.week(date, h, CONFIG)
                    .flow("TOTAL", "ALL", 20e6 + i * 5e6)
                    .flow("coinshares", "ASSET", "BTC", 10e6 + i * 3e6)
                    .dailyCloses(
                            "BTC-USD",
                            null,
                            base,
                            base * 1.002,
                            base * 0.999,
                            base * 1.001,
                            base * 1.0,
                            base * 0.998,
                            base)
                    .volume("BTC-USD", 1000 + i * 10)
                    .metal("XAG", null, date, 90 + i * 0.1, 1e6 + i * 1e4, 1e6)
                    .build()
                    .appendTo(h);
        }
        return h;
    }

    private static List<Detection> run(SignalRule rule, SnapshotBuilder b) {
        return rule.evaluate(b.build());
    }

    @Nested
    class Rotation {
        final SignalRule highBeta =
                new RotationToHighBetaRule(
                        CONFIG.rotation(), CONFIG.groups(), CONFIG.strength(), MODEL);
        final SignalRule mainstream =
                new RotationToMainstreamRule(
                        CONFIG.rotation(), CONFIG.groups(), CONFIG.strength(), MODEL);

        @Test
        void materialAndMajorScalesAreNamedAndReadAccordingly() {
            List<Detection> material =
                    run(
                            highBeta,
                            SnapshotBuilder.week("2026-01-21")
                                    .flow("ASSET", "BTC", -400e6)
                                    .flow("ASSET", "SOL", 30e6)
                                    .flow("ASSET", "XRP", 20e6));
            assertThat(material)
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.magnitude().getScale()).isEqualTo(Scale.MATERIAL);
                                assertThat(d.magnitude().getRatio())
                                        .isCloseTo(50e6 / 400e6, within(1e-12));
                                assertThat(d.explanation())
                                        .doesNotContain("micro")
                                        .contains("material reallocation");
                            });
            List<Detection> major =
                    run(
                            highBeta,
                            SnapshotBuilder.week("2026-01-21")
                                    .flow("ASSET", "ETH", -100e6)
                                    .flow("ASSET", "SOL", 60e6));
            assertThat(major)
                    .singleElement()
                    .satisfies(d -> assertThat(d.magnitude().getScale()).isEqualTo(Scale.MAJOR));
        }

        @Test
        void doesNotFireInAQuietWeekBelowThresholdsOrWithoutAnAssetBreakdown() {
            assertThat(
                            run(
                                    highBeta,
                                    SnapshotBuilder.week("2026-01-21")
                                            .flow("ASSET", "BTC", -10e6)
                                            .flow("ASSET", "SOL", 5e6)))
                    .as("leaving leg below 50M")
                    .isEmpty();
            assertThat(
                            run(
                                    highBeta,
                                    SnapshotBuilder.week("2026-01-21")
                                            .flow("ASSET", "BTC", -500e6)
                                            .flow("ASSET", "SOL", 0.5e6)))
                    .as("receiving leg below 1M")
                    .isEmpty();
            assertThat(
                            run(
                                    highBeta,
                                    SnapshotBuilder.week("2026-01-21")
                                            .flow("ASSET", "BTC", -500e6)
                                            .flow("ASSET", "SOL", -5e6)))
                    .as("no high-beta inflow")
                    .isEmpty();
            assertThat(
                            run(
                                    highBeta,
                                    SnapshotBuilder.week("2026-01-21")
                                            .flow("ASSET", "BTC", 500e6)
                                            .flow("ASSET", "SOL", 50e6)))
                    .as("everything in")
                    .isEmpty();
            assertThat(
                            run(
                                    highBeta,
                                    SnapshotBuilder.week("2026-01-21")
                                            .flow("TOTAL", "ALL", -1.7e9)
                                            .flow("REGION", "US", -1.65e9)))
                    .as("no asset rows")
                    .isEmpty();
        }

        @Test
        void theMirrorImageIsARotationToMainstreamAndNotToHighBeta() {
            SnapshotBuilder b =
                    SnapshotBuilder.week("2026-01-21")
                            .flow("ASSET", "SOL", -300e6)
                            .flow("ASSET", "XRP", -50e6)
                            .flow("ASSET", "BTC", 120e6)
                            .flow("ASSET", "ETH", -10e6);
            assertThat(run(highBeta, b)).isEmpty();
            assertThat(run(mainstream, b))
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.type()).isEqualTo(SignalType.ROTATION_TO_MAINSTREAM);
                                assertThat(d.subjects())
                                        .containsExactly("group:high-beta", "group:mainstream");
                                assertThat(d.magnitude().getReceivingUsd()).isEqualTo(120e6);
                                assertThat(d.magnitude().getLeavingUsd()).isEqualTo(350e6);
                                assertThat(d.magnitude().getScale()).isEqualTo(Scale.MAJOR);
                            });
        }

        @Test
        void subjectsStayTheSameWhenTheReceivingAssetsChange() {
            Detection a =
                    run(
                                    highBeta,
                                    SnapshotBuilder.week("2026-01-21")
                                            .flow("ASSET", "BTC", -500e6)
                                            .flow("ASSET", "SOL", 9e6))
                            .get(0);
            Detection b =
                    run(
                                    highBeta,
                                    SnapshotBuilder.week("2026-01-21")
                                            .flow("ASSET", "BTC", -500e6)
                                            .flow("ASSET", "ADA", 9e6))
                            .get(0);
            assertThat(a.subjects()).isEqualTo(b.subjects());
        }

        @Test
        void twoSourcesAndDeepHistoryLiftTheCapsAndARevisionIsNamed() {
            TrailingHistory h = TrailingHistory.forConfig(CONFIG.history());
            for (int i = 12; i >= 1; i--) {
                String date = java.time.LocalDate.parse("2026-01-21").minusWeeks(i).toString();
                SnapshotBuilder.week(date, h, CONFIG)
                        .flow("ASSET", "BTC", (i % 2 == 0 ? 1 : -1) * 40e6)
                        .flow("ASSET", "ETH", 10e6)
                        .build()
                        .appendTo(h);
            }
            SnapshotBuilder b =
                    SnapshotBuilder.week("2026-01-21", h, CONFIG)
                            .flow("coinshares", "ASSET", "BTC", -900e6)
                            .flow("farside", "ASSET", "BTC", -1100e6)
                            .flow("coinshares", "ASSET", "ETH", -300e6)
                            .flow("farside", "ASSET", "ETH", -300e6)
                            .flow("coinshares", "ASSET", "SOL", 200e6)
                            .flow("farside", "ASSET", "SOL", 200e6)
                            .flow("coinshares", "ASSET", "XRP", 100e6)
                            .flow("farside", "ASSET", "XRP", 100e6)
                            .flow("coinshares", "ASSET", "SOL", 210e6);
            Detection d = run(highBeta, b).get(0);
            assertThat(d.magnitude().getLeavingUsd())
                    .as("the primary scope's figure: sources are neither averaged nor added")
                    .isCloseTo(1.2e9, within(1.0));
            assertThat(d.magnitude().getReceivingUsd())
                    .as("coinshares SOL revised to 210M")
                    .isCloseTo(310e6, within(1.0));
            // farside (not configured: a real source of its own scope) says -1.4B: 14% apart
            assertThat(d.hasCaveat(Caveats.SINGLE_SOURCE)).isFalse();
            assertThat(d.hasCaveat(Caveats.SOURCES_CONFIRM_ACROSS_SCOPES)).isTrue();
            assertThat(d.sources()).containsExactly("coinshares", "farside");
            assertThat(d.confidence().score()).isLessThanOrEqualTo(0.85);
            assertThat(d.hasCaveat(Caveats.INSUFFICIENT_HISTORY)).isFalse();
            assertThat(d.hasCaveat(Caveats.LATE_DATA_REVISION)).isTrue();
            assertThat(d.confidence().level()).isEqualTo(ConfidenceLevel.HIGH);
            assertThat(d.evidence().get(0).getZScore()).isNotNull().isLessThan(-10);
        }

        /** Twelve quiet weeks of the primary scope, so history does not bind the cap. */
        private TrailingHistory deepHistory(AnalyticsConfig config) {
            TrailingHistory h = TrailingHistory.forConfig(config.history());
            for (int i = 12; i >= 1; i--) {
                String date = java.time.LocalDate.parse("2026-01-21").minusWeeks(i).toString();
                SnapshotBuilder.week(date, h, config)
                        .flow("ASSET", "BTC", (i % 2 == 0 ? 1 : -1) * 40e6)
                        .flow("ASSET", "ETH", 10e6)
                        .build()
                        .appendTo(h);
            }
            return h;
        }

        @Test
        void aReceivingLegThatDiffersKeepsTheRotationAtOneSource() {
            TrailingHistory h = deepHistory(CONFIG);
            SnapshotBuilder b =
                    SnapshotBuilder.week("2026-01-21", h, CONFIG)
                            .flow("coinshares", "ASSET", "BTC", -900e6)
                            .flow("farside", "ASSET", "BTC", -1100e6)
                            .flow("coinshares", "ASSET", "ETH", -300e6)
                            .flow("farside", "ASSET", "ETH", -300e6)
                            .flow("coinshares", "ASSET", "SOL", 300e6)
                            .flow("farside", "ASSET", "SOL", 30e6);
            Detection d = run(highBeta, b).get(0);
            // leaving: -1.2B against -1.4B, 14% apart, agrees; receiving: +300M against +30M,
            // 90% apart, differs: the rotation is not confirmed
            assertThat(d.hasCaveat(Caveats.SINGLE_SOURCE)).isTrue();
            assertThat(d.hasCaveat(Caveats.SOURCES_CONFIRM_ACROSS_SCOPES)).isFalse();
            assertThat(d.hasCaveat(Caveats.SOURCES_DIFFER)).isTrue();
            assertThat(d.confidence().score()).isLessThanOrEqualTo(0.6);
            assertThat(d.evidence())
                    .filteredOn(e -> e.getMetric().equals("relative_difference"))
                    .satisfiesExactly(
                            e -> {
                                assertThat(e.getSubject())
                                        .isEqualTo("group:mainstream farside/coinshares");
                                assertThat(e.getValue()).isCloseTo(0.2 / 1.4, within(1e-9));
                            },
                            e -> {
                                assertThat(e.getSubject())
                                        .isEqualTo("group:high-beta farside/coinshares");
                                assertThat(e.getValue()).isCloseTo(0.9, within(1e-9));
                            });
        }

        @Test
        void aSecondSourceOfTheSameScopeConfirmsNothing() {
            // farside declared as a second US spot ETF feed (source.scope.farside=us-spot-etf):
            // us-spot-etf agrees on both legs, farside differs on both; one figure per scope is
            // compared, farside's (first by name), so the agreeing feed of the same scope adds
            // no confirmation
            Properties p = new Properties();
            p.setProperty("source.scope.farside", "us-spot-etf");
            AnalyticsConfig config = AnalyticsConfig.load(p);
            SignalRule rule =
                    new RotationToHighBetaRule(
                            config.rotation(),
                            config.groups(),
                            config.strength(),
                            new ConfidenceModel(config.confidence(), config.history()));
            TrailingHistory h = deepHistory(config);
            SnapshotBuilder b =
                    SnapshotBuilder.week("2026-01-21", h, config)
                            .flow("coinshares", "ASSET", "BTC", -900e6)
                            .flow("coinshares", "ASSET", "ETH", -300e6)
                            .flow("coinshares", "ASSET", "SOL", 300e6)
                            .flow("us-spot-etf", "ASSET", "BTC", -1100e6)
                            .flow("us-spot-etf", "ASSET", "SOL", 290e6)
                            .flow("farside", "ASSET", "BTC", -300e6)
                            .flow("farside", "ASSET", "SOL", 30e6);
            Detection d = run(rule, b).get(0);
            // one figure of the us-spot-etf scope is compared, farside's (first by name): it
            // differs on both legs; us-spot-etf's agreeing figures add nothing
            assertThat(d.hasCaveat(Caveats.SOURCES_CONFIRM_ACROSS_SCOPES)).isFalse();
            assertThat(d.hasCaveat(Caveats.SINGLE_SOURCE)).isTrue();
            assertThat(d.evidence())
                    .filteredOn(e -> e.getMetric().equals("relative_difference"))
                    .extracting(e -> e.getSubject())
                    .containsExactly(
                            "group:mainstream farside/coinshares",
                            "group:high-beta farside/coinshares");
        }
    }

    @Nested
    class RiskShift {
        final SignalRule off =
                new RiskOffShiftRule(CONFIG.riskShift(), CONFIG.groups(), CONFIG.strength(), MODEL);
        final SignalRule on =
                new RiskOnShiftRule(CONFIG.riskShift(), CONFIG.groups(), CONFIG.strength(), MODEL);

        @Test
        void quietOrBelowThresholdWeeksDoNotFire() {
            assertThat(
                            run(
                                    off,
                                    SnapshotBuilder.week("2026-01-21")
                                            .flow("TOTAL", "ALL", -50e6)
                                            .metal("XAG", 90.0, "2026-01-23", 100.0)))
                    .as("crypto outflow below 100M")
                    .isEmpty();
            assertThat(
                            run(
                                    off,
                                    SnapshotBuilder.week("2026-01-21")
                                            .flow("TOTAL", "ALL", -500e6)
                                            .metal("XAG", 90.0, "2026-01-23", 90.5)))
                    .as("silver up only 0.56%")
                    .isEmpty();
            assertThat(run(off, SnapshotBuilder.week("2026-01-21").flow("TOTAL", "ALL", -500e6)))
                    .as("no metals leg")
                    .isEmpty();
            assertThat(
                            run(
                                    off,
                                    SnapshotBuilder.week("2026-01-21")
                                            .metal("XAG", 90.0, "2026-01-23", 100.0)))
                    .as("no flows leg")
                    .isEmpty();
        }

        @Test
        void theMirrorImageIsRiskOn() {
            SnapshotBuilder b =
                    SnapshotBuilder.week("2026-01-21")
                            .flow("TOTAL", "ALL", 800e6)
                            .metal("XAU", 5000.0, "2026-01-23", 4800.0);
            assertThat(run(off, b)).isEmpty();
            assertThat(run(on, b))
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.subjects())
                                        .containsExactly("crypto:total", "metal:XAU");
                                assertThat(d.explanation())
                                        .contains("Net inflows of $800M")
                                        .contains("a 4.0% fall in XAU");
                                assertThat(d.confidence().causality())
                                        .isEqualTo(Causality.CORRELATION_NOT_CAUSATION);
                            });
        }

        @Test
        void theCryptoTotalFallsBackToTheSumOfAssetsNeverAddingRegions() {
            WindowSnapshot s =
                    SnapshotBuilder.week("2026-01-21")
                            .flow("ASSET", "BTC", -150e6)
                            .flow("ASSET", "SOL", 20e6)
                            .flow("REGION", "US", -130e6)
                            .metal("XAG", 90.0, "2026-01-23", 95.0)
                            .build();
            assertThat(s.cryptoTotal()).isEqualTo(-130e6);
            assertThat(s.totalBasis()).isEqualTo(WindowSnapshot.TotalBasis.SUM_OF_ASSETS);
            assertThat(off.evaluate(s)).hasSize(1);
        }

        @Test
        void contraryVolumeAndProductFlowsStopTheSignalAgreeingOnesComplete() {
            TrailingHistory h = quietHistory(6);
            List<Detection> contrary =
                    run(
                            off,
                            SnapshotBuilder.week("2026-01-21", h, CONFIG)
                                    .flow("TOTAL", "ALL", -500e6)
                                    .metal("XAG", null, "2026-01-23", 100.0, 0.5e6, -20e6));
            assertThat(contrary).isEmpty();
            List<Detection> agreeing =
                    run(
                            off,
                            SnapshotBuilder.week("2026-01-21", h, CONFIG)
                                    .flow("TOTAL", "ALL", -500e6)
                                    .metal("XAG", null, "2026-01-23", 100.0, 2e6, 40e6));
            assertThat(agreeing)
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.caveats())
                                        .noneMatch(
                                                c ->
                                                        c.getCode()
                                                                .startsWith(
                                                                        Caveats
                                                                                .MISSING_LEG_PREFIX));
                                assertThat(d.evidence())
                                        .extracting(e -> e.getMetric())
                                        .contains("volume_ratio", "product_flow_usd");
                                assertThat(d.correlation()).isNotNull();
                                assertThat(d.correlation().getSampleSize()).isEqualTo(7);
                                assertThat(d.correlation().getLower95())
                                        .isLessThan(d.correlation().getCoefficient());
                                assertThat(d.correlation().getUpper95())
                                        .isGreaterThan(d.correlation().getCoefficient());
                                assertThat(d.correlation().getBetween())
                                        .isEqualTo("crypto_net_flow~XAG_return");
                            });
        }
    }

    @Nested
    class Derisking {
        final SignalRule rule =
                new DeriskingRule(CONFIG.derisking(), CONFIG.assets(), CONFIG.strength(), MODEL);

        @Test
        void firesOnOutflowPullbackAndRisingVolume() {
            TrailingHistory h = quietHistory(6);
            List<Detection> ds =
                    run(
                            rule,
                            SnapshotBuilder.week("2026-01-21", h, CONFIG)
                                    .flow("ASSET", "BTC", -500e6)
                                    .dailyCloses("BTC-USD", 95000.0, 94000, 92000, 90000)
                                    .volume("BTC-USD", 2000));
            assertThat(ds)
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.subjects()).containsExactly("asset:BTC");
                                assertThat(d.hasCaveat(Caveats.ALGO_PARTICIPATION_UNQUANTIFIED))
                                        .isTrue();
                                assertThat(d.caveats())
                                        .noneMatch(
                                                c ->
                                                        c.getCode()
                                                                .startsWith(
                                                                        Caveats
                                                                                .MISSING_LEG_PREFIX));
                                assertThat(d.explanation()).contains("on volume");
                            });
        }

        @Test
        void doesNotFireOnFallingVolumeRisingPriceSmallOutflowOrWithoutPrices() {
            TrailingHistory h = quietHistory(6);
            assertThat(
                            run(
                                    rule,
                                    SnapshotBuilder.week("2026-01-21", h, CONFIG)
                                            .flow("ASSET", "BTC", -500e6)
                                            .dailyCloses("BTC-USD", 95000.0, 90000)
                                            .volume("BTC-USD", 500)))
                    .as("volume down")
                    .isEmpty();
            assertThat(
                            run(
                                    rule,
                                    SnapshotBuilder.week("2026-01-21", h, CONFIG)
                                            .flow("ASSET", "BTC", -500e6)
                                            .dailyCloses("BTC-USD", 95000.0, 97000)
                                            .volume("BTC-USD", 2000)))
                    .as("price up")
                    .isEmpty();
            assertThat(
                            run(
                                    rule,
                                    SnapshotBuilder.week("2026-01-21", h, CONFIG)
                                            .flow("ASSET", "BTC", -20e6)
                                            .dailyCloses("BTC-USD", 95000.0, 90000)
                                            .volume("BTC-USD", 2000)))
                    .as("small outflow")
                    .isEmpty();
            assertThat(
                            run(
                                    rule,
                                    SnapshotBuilder.week("2026-01-21", h, CONFIG)
                                            .flow("ASSET", "BTC", -500e6)
                                            .volume("BTC-USD", 2000)))
                    .as("no price")
                    .isEmpty();
        }

        @Test
        void missingVolumeIsNamedOrRequiredByConfiguration() {
            SnapshotBuilder b =
                    SnapshotBuilder.week("2026-01-21")
                            .flow("ASSET", "BTC", -500e6)
                            .dailyCloses("BTC-USD", 95000.0, 90000);
            assertThat(run(rule, b))
                    .singleElement()
                    .satisfies(d -> assertThat(d.hasCaveat("MISSING_LEG:VOLUME")).isTrue());
            Properties p = new Properties();
            p.setProperty("rule.derisking.require-volume", "true");
            AnalyticsConfig strict = AnalyticsConfig.load(p);
            assertThat(
                            new DeriskingRule(
                                            strict.derisking(),
                                            strict.assets(),
                                            strict.strength(),
                                            new ConfidenceModel(
                                                    strict.confidence(), strict.history()))
                                    .evaluate(b.build()))
                    .isEmpty();
        }
    }

    @Nested
    class Concentration {
        final SignalRule rule = new ConcentratedOutflowRule(CONFIG.concentration(), MODEL);

        @Test
        void spreadOutflowsAreNotConcentrated() {
            assertThat(
                            run(
                                    rule,
                                    SnapshotBuilder.week("2026-01-21")
                                            .flow("TOTAL", "ALL", -600e6)
                                            .flow("REGION", "US", -300e6)
                                            .flow("REGION", "DE", -200e6)
                                            .flow("REGION", "CH", -100e6)
                                            .flow("ASSET", "BTC", -200e6)
                                            .flow("ASSET", "ETH", -150e6)
                                            .flow("ASSET", "SOL", -150e6)
                                            .flow("ASSET", "XRP", -100e6)))
                    .isEmpty();
        }

        @Test
        void smallGrossOutflowsAreIgnored() {
            assertThat(
                            run(
                                    rule,
                                    SnapshotBuilder.week("2026-01-21")
                                            .flow("REGION", "US", -50e6)
                                            .flow("ASSET", "BTC", -50e6)))
                    .isEmpty();
        }

        @Test
        void theSmallestSetOfAssetsThatReachesTheShareIsNamed() {
            // BTC alone holds the whole outflow; a -$0.1M SOL row does not change that
            for (SnapshotBuilder b :
                    List.of(
                            SnapshotBuilder.week("2026-01-21").flow("ASSET", "BTC", -1.09e9),
                            SnapshotBuilder.week("2026-01-21")
                                    .flow("ASSET", "BTC", -1.09e9)
                                    .flow("ASSET", "SOL", -0.1e6))) {
                assertThat(run(rule, b))
                        .singleElement()
                        .satisfies(
                                d -> {
                                    assertThat(d.subjects()).containsExactly("asset:BTC");
                                    assertThat(d.explanation())
                                            .isEqualTo(
                                                    "BTC held 100.0% of the $1.09B gross outflow across assets ($1.09B of it).");
                                });
            }
            // BTC alone 62.6%: BTC and ETH are needed, and named together
            assertThat(
                            run(
                                    rule,
                                    SnapshotBuilder.week("2026-01-21")
                                            .flow("ASSET", "BTC", -1.09e9)
                                            .flow("ASSET", "ETH", -0.63e9)
                                            .flow("ASSET", "XRP", -18.2e6)))
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.subjects()).containsExactly("asset:BTC", "asset:ETH");
                                assertThat(d.explanation())
                                        .startsWith(
                                                "BTC and ETH together held 99.0% of the $1.74B");
                            });
            // three assets would be needed: not a concentration
            assertThat(
                            run(
                                    rule,
                                    SnapshotBuilder.week("2026-01-21")
                                            .flow("ASSET", "BTC", -450e6)
                                            .flow("ASSET", "ETH", -300e6)
                                            .flow("ASSET", "SOL", -250e6)))
                    .isEmpty();
        }

        @Test
        void relaxedThresholdsAreLowerByTheMarginAndKeepWhatOnlyDescribesASignal() {
            assertThat(CONFIG.concentration().relaxedBy(0.02))
                    .satisfies(
                            t -> {
                                assertThat(t.share()).isCloseTo(0.784, within(1e-12));
                                assertThat(t.minGrossOutflowUsd()).isCloseTo(98e6, within(1e-3));
                                assertThat(t.regionSumTolerance())
                                        .isEqualTo(CONFIG.concentration().regionSumTolerance());
                            });
            assertThat(CONFIG.rotation().relaxedBy(0.02))
                    .satisfies(
                            t -> {
                                assertThat(t.minLeavingUsd()).isCloseTo(49e6, within(1e-3));
                                assertThat(t.microBelow()).isEqualTo(0.05);
                                assertThat(t.majorAbove()).isEqualTo(0.25);
                            });
            assertThat(CONFIG.cascade().relaxedBy(0.02).minOutflowWindows()).isEqualTo(2);
            assertThat(CONFIG.derisking().relaxedBy(0.02).minPullback())
                    .isCloseTo(0.0196, within(1e-12));
            assertThat(CONFIG.riskShift().relaxedBy(0.02).minMetalReturn())
                    .isCloseTo(0.0098, within(1e-12));
            assertThat(CONFIG.concentration().relaxedBy(0)).isEqualTo(CONFIG.concentration());
        }

        @Test
        void sharesAreTakenWithinEachBreakdownAndMissingTotalIsNamed() {
            List<Detection> ds =
                    run(
                            rule,
                            SnapshotBuilder.week("2026-01-21")
                                    .flow("REGION", "US", -900e6)
                                    .flow("REGION", "DE", -100e6)
                                    .flow("REGION", "CA", 500e6));
            assertThat(ds)
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.subjects()).containsExactly("region:US");
                                assertThat(d.evidence())
                                        .anySatisfy(
                                                e -> {
                                                    assertThat(e.getMetric())
                                                            .isEqualTo("outflow_share");
                                                    assertThat(e.getValue())
                                                            .isCloseTo(0.9, within(1e-12));
                                                });
                                assertThat(d.hasCaveat("MISSING_LEG:TOTAL_FLOW")).isTrue();
                                assertThat(d.confidence().causality())
                                        .isEqualTo(Causality.OBSERVATION);
                            });
        }
    }

    @Nested
    class Levels {
        final SignalRule breach =
                new LevelBreachRule(CONFIG.levels(), CONFIG.levelCrossing(), MODEL);
        final SignalRule reclaim =
                new LevelReclaimRule(CONFIG.levels(), CONFIG.levelCrossing(), MODEL);

        @Test
        void reclaimIsTheMirrorImageOfBreach() {
            SnapshotBuilder up =
                    SnapshotBuilder.week("2026-01-21")
                            .dailyCloses("BTC-USD", 90000.0, 91000, 92500, 94000);
            assertThat(run(breach, up)).isEmpty();
            assertThat(run(reclaim, up))
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.subjects())
                                        .containsExactly("instrument:BTC-USD", "level:93000");
                                assertThat(d.confidence().causality())
                                        .isEqualTo(Causality.OBSERVATION);
                                assertThat(d.explanation())
                                        .contains(
                                                "back at or above the configured level of 93,000");
                            });
        }

        @Test
        void noCrossingNoPreviousCloseOrNoLevelsMeansNothing() {
            assertThat(
                            run(
                                    breach,
                                    SnapshotBuilder.week("2026-01-21")
                                            .dailyCloses("BTC-USD", 90000.0, 89000, 88000)))
                    .isEmpty();
            assertThat(
                            run(
                                    breach,
                                    SnapshotBuilder.week("2026-01-21")
                                            .dailyCloses("BTC-USD", null, 95000, 88000)))
                    .as("the previous window's close is unknown")
                    .isEmpty();
            assertThat(
                            run(
                                    breach,
                                    SnapshotBuilder.week("2026-01-21")
                                            .dailyCloses("ETH-USD", 3500.0, 2900.0)))
                    .isEmpty();
        }

        @Test
        void everyConfiguredLevelCrossedIsItsOwnDetectionAndThePreviousCloseComesFromHistory() {
            Properties p = new Properties();
            p.setProperty("levels.BTC-USD", "93000, 90000,100000");
            AnalyticsConfig c = AnalyticsConfig.load(p);
            TrailingHistory h = TrailingHistory.forConfig(c.history());
            SnapshotBuilder.week("2026-01-14", h, c)
                    .dailyCloses("BTC-USD", 90000.0, 95166)
                    .build()
                    .appendTo(h);
            List<Detection> ds =
                    new LevelBreachRule(
                                    c.levels(),
                                    c.levelCrossing(),
                                    new ConfidenceModel(c.confidence(), c.history()))
                            .evaluate(
                                    SnapshotBuilder.week("2026-01-21", h, c)
                                            .dailyCloses("BTC-USD", null, 92000, 88290)
                                            .build());
            assertThat(ds)
                    .extracting(Detection::subjects)
                    .containsExactly(
                            List.of("instrument:BTC-USD", "level:90000"),
                            List.of("instrument:BTC-USD", "level:93000"));
        }
    }

    @Nested
    class Cascade {
        final SignalRule rule =
                new CascadeRiskRule(
                        CONFIG.cascade(),
                        CONFIG.groups(),
                        CONFIG.assets(),
                        CONFIG.history(),
                        CONFIG.strength(),
                        MODEL);

        private TrailingHistory outflowHistory() {
            TrailingHistory h = quietHistory(4);
            SnapshotBuilder.week("2026-01-14", h, CONFIG)
                    .flow("TOTAL", "ALL", -400e6)
                    .dailyCloses("BTC-USD", null, 96000, 95800, 96100, 95900, 96000, 95950, 95166)
                    .volume("BTC-USD", 1100)
                    .build()
                    .appendTo(h);
            return h;
        }

        @Test
        void firesOnConsecutiveOutflowsBreakdownAndRisingVolatility() {
            List<Detection> ds =
                    run(
                            rule,
                            SnapshotBuilder.week("2026-01-21", outflowHistory(), CONFIG)
                                    .flow("TOTAL", "ALL", -1.7e9)
                                    .dailyCloses(
                                            "BTC-USD", null, 92939, 90862, 89334, 90007, 88926,
                                            89473, 86000)
                                    .volume("BTC-USD", 2500));
            assertThat(ds)
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.subjects()).containsExactly("instrument:BTC-USD");
                                assertThat(d.hasCaveat(Caveats.ALGO_PARTICIPATION_UNQUANTIFIED))
                                        .isTrue();
                                assertThat(d.hasCaveat(Caveats.PARALLEL_MACRO_RESPONSE_POSSIBLE))
                                        .isTrue();
                                assertThat(d.evidence())
                                        .anySatisfy(
                                                e -> {
                                                    assertThat(e.getMetric())
                                                            .isEqualTo(
                                                                    "consecutive_outflow_windows");
                                                    assertThat(e.getValue()).isEqualTo(2.0);
                                                });
                            });
        }

        @Test
        void aSingleOutflowWindowCalmPricesOrNoVolatilityHistoryIsNotACascade() {
            assertThat(
                            run(
                                    rule,
                                    SnapshotBuilder.week("2026-01-21", quietHistory(4), CONFIG)
                                            .flow("TOTAL", "ALL", -1.7e9)
                                            .dailyCloses(
                                                    "BTC-USD", null, 92939, 90862, 89334, 90007,
                                                    88926, 89473, 86000)))
                    .as("previous week was an inflow")
                    .isEmpty();
            assertThat(
                            run(
                                    rule,
                                    SnapshotBuilder.week("2026-01-21", outflowHistory(), CONFIG)
                                            .flow("TOTAL", "ALL", -1.7e9)
                                            .dailyCloses(
                                                    "BTC-USD", null, 95000, 94800, 94500, 94000,
                                                    93800, 93500, 93200)))
                    .as("only a 2% fall")
                    .isEmpty();
            TrailingHistory flowsOnly = TrailingHistory.forConfig(CONFIG.history());
            SnapshotBuilder.week("2026-01-14", flowsOnly, CONFIG)
                    .flow("TOTAL", "ALL", -400e6)
                    .build()
                    .appendTo(flowsOnly);
            assertThat(
                            run(
                                    rule,
                                    SnapshotBuilder.week("2026-01-21", flowsOnly, CONFIG)
                                            .flow("TOTAL", "ALL", -1.7e9)
                                            .dailyCloses(
                                                    "BTC-USD", 95166.0, 92939, 90862, 89334, 90007,
                                                    88926, 89473, 86000)))
                    .as("no volatility baseline")
                    .isEmpty();
        }
    }
}
