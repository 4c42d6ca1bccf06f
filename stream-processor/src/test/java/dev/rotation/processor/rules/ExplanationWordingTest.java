package dev.rotation.processor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.WindowSnapshot;
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
        all.addAll(rules.evaluate(quadrantTransitionWeek(config)));

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

    /**
     * Week 13 of {@code src/test/resources/rotation/rrg_reference.py} (SOL against BTC, lagging to
     * improving), with the 13 weeks before it in the history.
     */
    static WindowSnapshot quadrantTransitionWeek(AnalyticsConfig config) {
        double[] sol = {100, 102, 101, 99, 96, 94, 95, 98, 103, 107, 108, 106, 102, 99};
        double[] btc = {50, 50.5, 51, 50, 49.5, 50, 50.5, 51, 51.5, 52, 52.5, 53, 53, 52.5};
        TrailingHistory h = TrailingHistory.forConfig(config.history());
        EventWindow last = SnapshotBuilder.week("2026-03-30").window();
        long week = last.end() - last.start();
        for (int i = 0; i < 13; i++) {
            EventWindow w =
                    new EventWindow(last.start() - (13 - i) * week, last.start() - (12 - i) * week);
            h.append(Series.priceClose("SOL-USD"), w, sol[i]);
            h.append(Series.priceClose("BTC-USD"), w, btc[i]);
        }
        return SnapshotBuilder.week("2026-03-30", h, config)
                .dailyCloses("SOL-USD", sol[12], sol[13])
                .dailyCloses("BTC-USD", btc[12], btc[13])
                .build();
    }
}
