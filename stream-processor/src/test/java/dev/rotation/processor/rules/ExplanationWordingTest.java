package dev.rotation.processor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.TrailingHistory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every rule's explanation is one careful sentence: "coincided with", never a causal verb. */
class ExplanationWordingTest {

    private static final Pattern CAUSAL =
            Pattern.compile(
                    "\\b(caus(e|ed|es|ing|al)|because|drove|drive[ns]?|driving|due to|led to|leads? to|trigger(ed|s)?|"
                            + "result(ed|s)? in|forced|siphon(ed)?|fuel(l)?ed|pushed|prompted|sparked)\\b");

    @Test
    void noRuleEverExplainsWithACausalWordAndEveryTypeIsCovered() {
        AnalyticsConfig config = AnalyticsConfig.defaults();
        RuleSet rules = RuleSet.standard(config);
        List<Detection> all = new ArrayList<>();
        TrailingHistory empty = TrailingHistory.forConfig(config.history());
        all.addAll(rules.evaluate(SeedWeekGoldenTest.seedWeek(empty).build()));
        TrailingHistory h = TrailingHistory.forConfig(config.history());
        SeedWeekGoldenTest.seedWeek(h).build().appendTo(h);
        all.addAll(
                rules.evaluate(
                        SeedWeekGoldenTest.weekAfter(h)
                                .dailyCloses(
                                        "BTC-USD", null, 87609, 87901, 89233, 87824, 82244, 83066,
                                        78732)
                                .build()));
        all.addAll(
                rules.evaluate(
                        SnapshotBuilder.week("2026-02-04")
                                .flow("TOTAL", "ALL", 900e6)
                                .flow("ASSET", "SOL", -300e6)
                                .flow("ASSET", "BTC", 200e6)
                                .dailyCloses("BTC-USD", 88000.0, 91000, 94000)
                                .metal("XAU", 5000.0, "2026-02-05", 4700.0)
                                .build()));

        Set<SignalType> covered = EnumSet.noneOf(SignalType.class);
        for (Detection d : all) {
            covered.add(d.type());
            String text = d.explanation();
            assertThat(CAUSAL.matcher(text.toLowerCase(Locale.ROOT)).find()).as(text).isFalse();
            assertThat(text).as("one sentence").endsWith(".");
            assertThat(text.substring(0, text.length() - 1))
                    .as("one sentence: " + text)
                    .doesNotContain(". ");
        }
        Set<SignalType> expected =
                EnumSet.complementOf(EnumSet.of(SignalType.LEVERAGE_STRESS, SignalType.UNKNOWN));
        assertThat(covered).isEqualTo(expected);
    }
}
