package dev.rotation.app.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelMatcherTest {

    private static final Instant WEEK = Instant.parse("2025-11-03T00:00:00Z");
    private static final Instant NEXT = Instant.parse("2025-11-10T00:00:00Z");
    private static final LabelMatcher MATCHER =
            new LabelMatcher(
                    new SubjectNames(
                            Map.of(
                                    "mainstream", Set.of("BTC", "ETH"),
                                    "high-beta", Set.of("SOL", "XRP"))));

    private static FinalSignal signal(Instant w, String type, String... subjects) {
        return new FinalSignal(1, w, type, List.of(subjects), 0.6);
    }

    private static PlantedLabel label(Instant w, String type, String... subjects) {
        return new PlantedLabel(1, w, type, List.of(subjects));
    }

    @Test
    void typeWindowAndSubjectsMustAllAgree() {
        PlantedLabel derisking = label(WEEK, "DERISKING", "BTC");
        assertThat(MATCHER.matches(signal(WEEK, "DERISKING", "asset:BTC"), derisking)).isTrue();
        assertThat(MATCHER.matches(signal(WEEK, "DERISKING", "asset:ETH"), derisking)).isFalse();
        assertThat(MATCHER.matches(signal(NEXT, "DERISKING", "asset:BTC"), derisking)).isFalse();
        assertThat(MATCHER.matches(signal(WEEK, "CASCADE_RISK", "instrument:BTC-USD"), derisking))
                .isFalse();
        FinalSignal otherRun = new FinalSignal(2, WEEK, "DERISKING", List.of("asset:BTC"), 0.6);
        assertThat(MATCHER.matches(otherRun, derisking)).isFalse();
    }

    @Test
    void groupsInstrumentsAndTheCryptoTotalNameTheirLegs() {
        assertThat(
                        MATCHER.matches(
                                signal(
                                        WEEK,
                                        "ROTATION_TO_HIGH_BETA",
                                        "group:high-beta",
                                        "group:mainstream"),
                                label(WEEK, "ROTATION_TO_HIGH_BETA", "BTC", "ETH", "SOL")))
                .isTrue();
        assertThat(
                        MATCHER.matches(
                                signal(WEEK, "LEVEL_BREACH", "instrument:BTC-USD", "level:93000"),
                                label(WEEK, "LEVEL_BREACH", "BTC-USD")))
                .isTrue();
        assertThat(
                        MATCHER.matches(
                                signal(WEEK, "CASCADE_RISK", "instrument:ETH-USD"),
                                label(WEEK, "CASCADE_RISK", "BTC", "ETH")))
                .isTrue();
        assertThat(
                        MATCHER.matches(
                                signal(WEEK, "RISK_OFF_SHIFT", "crypto:total", "metal:XAG"),
                                label(WEEK, "RISK_OFF_SHIFT", "CRYPTO", "XAG", "XAU")))
                .isTrue();
        // the top-two-assets reading of a week planted as a US concentration is another finding
        assertThat(
                        MATCHER.matches(
                                signal(WEEK, "CONCENTRATED_OUTFLOW", "asset:BTC", "asset:ETH"),
                                label(WEEK, "CONCENTRATED_OUTFLOW", "US")))
                .isFalse();
    }

    @Test
    void precisionCountsSignalsAndRecallCountsLabels() {
        List<PlantedLabel> labels =
                List.of(
                        label(WEEK, "RISK_OFF_SHIFT", "CRYPTO", "XAG", "XAU"),
                        label(NEXT, "RISK_OFF_SHIFT", "CRYPTO", "XAG", "XAU"));
        List<FinalSignal> signals =
                List.of(
                        signal(WEEK, "RISK_OFF_SHIFT", "crypto:total", "metal:XAG"),
                        signal(WEEK, "RISK_OFF_SHIFT", "crypto:total", "metal:XAU"),
                        signal(
                                Instant.parse("2025-11-17T00:00:00Z"),
                                "RISK_OFF_SHIFT",
                                "crypto:total",
                                "metal:XAU"));
        LabelMatcher.Result r = MATCHER.match(signals, labels);
        TypeScore s = TypeScore.of("RISK_OFF_SHIFT", r);
        assertThat(s.truePositives()).isEqualTo(1);
        assertThat(s.falseNegatives()).isEqualTo(1);
        assertThat(s.correctSignals()).isEqualTo(2);
        assertThat(s.falsePositives()).isEqualTo(1);
        assertThat(s.precision().value())
                .isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.recall().value()).isEqualTo(0.5);
        assertThat(TypeScore.of("DERISKING", r).precision().value()).isNull();
    }
}
