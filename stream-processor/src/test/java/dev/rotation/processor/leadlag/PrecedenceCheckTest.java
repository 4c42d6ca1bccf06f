package dev.rotation.processor.leadlag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Causality;
import dev.rotation.model.Caveat;
import dev.rotation.model.Evidence;
import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.analytics.WindowCalendar;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.rules.Detection;
import dev.rotation.processor.rules.RuleSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The rules with their lead-lag check on daily windows: a planted lead (high-beta flows follow
 * mainstream flows a day later) raises the rotation to TEMPORAL_PRECEDENCE; an independent pair
 * does not; weekly history is too short to test, and the signal says so.
 */
class PrecedenceCheckTest {

    static final WindowCalendar DAYS = WindowCalendar.daily();
    static final EventWindow TODAY =
            DAYS.windowFor(Instant.parse("2026-03-02T12:00:00Z").toEpochMilli());

    static AnalyticsConfig config(int historyWindows) {
        Properties p = new Properties();
        p.setProperty("history.windows", Integer.toString(historyWindows));
        return AnalyticsConfig.load(p);
    }

    /** Mainstream flows over {@code days} FINAL days, and high-beta flows as {@code highBeta}. */
    static TrailingHistory history(int capacity, int days, IntToDoubleFunction highBeta) {
        TrailingHistory h = new TrailingHistory(capacity);
        for (int i = 0; i < days; i++) {
            long start = TODAY.start() - (days - i) * TODAY.sizeMs();
            EventWindow w = new EventWindow(start, start + TODAY.sizeMs());
            h.append(Series.flowGroup("mainstream"), w, mainstream(i));
            h.append(Series.flowGroup("high-beta"), w, highBeta.applyAsDouble(i));
        }
        return h;
    }

    /** A deterministic, irregular daily flow series in USD. */
    static double mainstream(int i) {
        return 1e8 * (Math.sin(0.9 * i) + 0.6 * Math.sin(2.3 * i + 0.4) + 0.3 * Math.cos(4.1 * i));
    }

    static double noise(int i) {
        return 3e6 * Math.sin(1.7 * i * i + 0.3);
    }

    static List<Detection> rotations(AnalyticsConfig config, TrailingHistory h) {
        FlowMetrics btc =
                new FlowMetrics("ASSET", "BTC", -4e8, Set.of("coinshares"), Set.of("r"), false);
        FlowMetrics sol =
                new FlowMetrics("ASSET", "SOL", 2e7, Set.of("coinshares"), Set.of("r"), false);
        WindowSnapshot s =
                WindowSnapshot.of(
                        TODAY, List.of(btc, sol), Map.of(), Map.of(), Map.of(), h, config.groups());
        return RuleSet.standard(config).evaluate(s).stream()
                .filter(d -> d.type() == SignalType.ROTATION_TO_HIGH_BETA)
                .toList();
    }

    static double evidence(Detection d, String metric) {
        return d.evidence().stream()
                .filter(e -> e.getMetric().equals(metric))
                .mapToDouble(Evidence::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric));
    }

    @Test
    void aPlantedLeadRaisesTheRotationToTemporalPrecedenceAndSaysItIsNotCausation() {
        AnalyticsConfig config = config(40);
        // high-beta takes in a tenth of what mainstream moved the day before, plus noise
        TrailingHistory h = history(40, 40, i -> (i == 0 ? 0 : 0.1 * mainstream(i - 1)) + noise(i));
        Detection d = rotations(config, h).get(0);
        assertThat(d.confidence().causality()).isEqualTo(Causality.TEMPORAL_PRECEDENCE);
        assertThat(d.caveats())
                .extracting(Caveat::getCode)
                .contains(PrecedenceCheck.PRECEDENCE_NOT_CAUSATION);
        assertThat(evidence(d, "granger_q")).isLessThan(0.05);
        assertThat(evidence(d, "granger_observations") + evidence(d, "granger_lag"))
                .as("40 days, less the lags, plus the lags")
                .isEqualTo(40);
        assertThat(d.caveats().stream().filter(c -> c.getCode().equals("PRECEDENCE_NOT_CAUSATION")))
                .allSatisfy(c -> assertThat(c.getText()).contains("not causation"));
    }

    @Test
    void anIndependentPairIsTestedReportedAndLeftAtCorrelation() {
        AnalyticsConfig config = config(40);
        TrailingHistory h = history(40, 40, i -> 2e7 * Math.cos(1.3 * i + 0.5) + noise(i));
        Detection d = rotations(config, h).get(0);
        assertThat(d.confidence().causality()).isEqualTo(Causality.CORRELATION_NOT_CAUSATION);
        assertThat(evidence(d, "granger_q")).isGreaterThan(0.05);
        assertThat(d.caveats())
                .extracting(Caveat::getCode)
                .doesNotContain(PrecedenceCheck.PRECEDENCE_NOT_CAUSATION);
    }

    @Test
    void weeklyHistoryIsTooShortToTestAndTheSignalSaysSo() {
        AnalyticsConfig config = AnalyticsConfig.defaults(); // 12 windows of history
        TrailingHistory h = history(12, 12, i -> i == 0 ? 0 : 0.1 * mainstream(i - 1));
        Detection d = rotations(config, h).get(0);
        assertThat(d.confidence().causality()).isEqualTo(Causality.CORRELATION_NOT_CAUSATION);
        assertThat(d.evidence()).noneMatch(e -> e.getMetric().startsWith("granger_"));
        assertThat(d.caveats())
                .filteredOn(c -> c.getCode().equals(PrecedenceCheck.LEAD_LAG_UNTESTED))
                .singleElement()
                .satisfies(
                        c ->
                                assertThat(c.getText())
                                        .contains(
                                                "Lead-lag test of flow.group.mainstream->flow.group.high-beta not run: 12 trailing window(s)"));
    }
}
