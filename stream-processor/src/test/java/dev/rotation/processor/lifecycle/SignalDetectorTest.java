package dev.rotation.processor.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.rules.Detection;
import dev.rotation.processor.rules.SnapshotBuilder;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Hysteresis with the real rules: a signal is raised on the strict thresholds and, once it stands,
 * held while the window is open until its figures fall short by more than {@code hysteresis.margin}
 * (2% of each threshold by default).
 */
class SignalDetectorTest {

    static final AnalyticsConfig CONFIG = AnalyticsConfig.defaults();
    final SignalDetector detector = new SignalDetector(CONFIG);
    final SignalLifecycle lifecycle = new SignalLifecycle(CONFIG.lifecycle());

    /** A week whose only rows are two regions' outflows (and their total). */
    static WindowSnapshot regions(double us, double de) {
        return SnapshotBuilder.week("2026-01-21")
                .flow("TOTAL", "ALL", us + de)
                .flow("REGION", "US", us)
                .flow("REGION", "DE", de)
                .build();
    }

    static WindowSnapshot assets(double btc, double eth, double xrp) {
        return SnapshotBuilder.week("2026-01-21")
                .flow("ASSET", "BTC", btc)
                .flow("ASSET", "ETH", eth)
                .flow("ASSET", "XRP", xrp)
                .build();
    }

    /** What the lifecycle remembers once the signals of {@code s} have been raised. */
    Map<String, EmittedSignal> standingOn(WindowSnapshot s) {
        return lifecycle
                .onUpdate(s.window(), false, detector.open(s, Map.of()), Map.of(), id -> null, 0, 0)
                .emitted();
    }

    static List<Detection> concentrations(List<Detection> ds) {
        return ds.stream().filter(d -> d.type() == SignalType.CONCENTRATED_OUTFLOW).toList();
    }

    @Test
    void aStandingSignalIsHeldWithinTheMarginAndNotBeyondIt() {
        Map<String, EmittedSignal> standing = standingOn(regions(-810e6, -190e6)); // US 81%
        assertThat(standing).containsKey("CONCENTRATED_OUTFLOW|2026-01-19|region:US");

        // 79%: short of the 80% share, within 2% of it (78.4%)
        WindowSnapshot hovering = regions(-790e6, -210e6);
        assertThat(concentrations(detector.open(hovering, standing)))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.subjects()).containsExactly("region:US");
                            assertThat(d.hasCaveat(SignalDetector.WITHIN_HYSTERESIS_MARGIN))
                                    .isTrue();
                            assertThat(d.explanation()).contains("US held 79.0%");
                        });
        // a signal that does not stand is not raised within the margin
        assertThat(concentrations(detector.open(hovering, Map.of()))).isEmpty();
        // a closing window is judged on the strict threshold
        assertThat(concentrations(detector.settled(hovering))).isEmpty();
        // 77%: beyond the margin, the standing signal is no longer found
        assertThat(concentrations(detector.open(regions(-770e6, -230e6), standing))).isEmpty();
        // back above 80%: found on the strict threshold, without the caveat
        assertThat(concentrations(detector.open(regions(-820e6, -180e6), standing)))
                .singleElement()
                .satisfies(
                        d ->
                                assertThat(d.hasCaveat(SignalDetector.WITHIN_HYSTERESIS_MARGIN))
                                        .isFalse());
    }

    @Test
    void aHeldSignalKeepsItsSubjects() {
        Map<String, EmittedSignal> standing = standingOn(assets(-850e6, -100e6, -50e6));
        assertThat(standing).containsKey("CONCENTRATED_OUTFLOW|2026-01-19|asset:BTC");

        // BTC alone 79%: strictly the smallest set reaching 80% is now BTC and ETH; while BTC
        // alone stands within the margin, the signal keeps its subjects
        WindowSnapshot s = assets(-790e6, -150e6, -60e6);
        assertThat(concentrations(detector.open(s, standing)))
                .singleElement()
                .satisfies(d -> assertThat(d.subjects()).containsExactly("asset:BTC"));
        assertThat(concentrations(detector.settled(s)))
                .singleElement()
                .satisfies(d -> assertThat(d.subjects()).containsExactly("asset:BTC", "asset:ETH"));
    }

    @Test
    void aLevelCrossingIsHeldWithinTheMarginAndSaysSo() {
        SnapshotBuilder week = SnapshotBuilder.week("2026-01-21");
        Map<String, EmittedSignal> standing =
                standingOn(week.dailyCloses("BTC-USD", 95166.0, 92900).build());
        assertThat(standing).containsKey("LEVEL_BREACH|2026-01-19|instrument:BTC-USD,level:93000");

        WindowSnapshot back =
                SnapshotBuilder.week("2026-01-21")
                        .dailyCloses("BTC-USD", 95166.0, 92900, 93400)
                        .build();
        assertThat(detector.open(back, standing))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.type()).isEqualTo(SignalType.LEVEL_BREACH);
                            assertThat(d.explanation())
                                    .contains(
                                            "closed the window at 93,400, back at or above but within the 2.0% hysteresis margin of the configured level of 93,000");
                        });
        assertThat(detector.settled(back)).isEmpty();
        // 94,860 is 2% above the level
        assertThat(
                        detector.open(
                                SnapshotBuilder.week("2026-01-21")
                                        .dailyCloses("BTC-USD", 95166.0, 92900, 94900)
                                        .build(),
                                standing))
                .isEmpty();
    }

    @Test
    void aMarginOfZeroHoldsNothing() {
        Properties p = new Properties();
        p.setProperty("hysteresis.margin", "0");
        SignalDetector strict = new SignalDetector(AnalyticsConfig.load(p));
        Map<String, EmittedSignal> standing = standingOn(regions(-810e6, -190e6));
        assertThat(concentrations(strict.open(regions(-790e6, -210e6), standing))).isEmpty();
    }
}
