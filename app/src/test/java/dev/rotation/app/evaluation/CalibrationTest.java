package dev.rotation.app.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rotation.app.evaluation.Calibration.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static final List<Outcome> OUTCOMES =
            List.of(
                    new Outcome(0.9, true),
                    new Outcome(0.6, false),
                    new Outcome(0.55, true),
                    new Outcome(0.2, false),
                    new Outcome(1.0, true));

    @Test
    void brierScoreByHand() {
        // (0.1² + 0.6² + 0.45² + 0.2² + 0²) / 5 = (0.01 + 0.36 + 0.2025 + 0.04 + 0) / 5 = 0.1225
        assertThat(Calibration.brierScore(OUTCOMES)).isCloseTo(0.1225, within(1e-12));
        assertThat(Calibration.brierScore(List.of())).isNull();
    }

    @Test
    void perfectAndConstantForecasts() {
        assertThat(Calibration.brierScore(List.of(new Outcome(1, true), new Outcome(0, false))))
                .isZero();
        assertThat(Calibration.brierScore(List.of(new Outcome(0.5, true), new Outcome(0.5, false))))
                .isEqualTo(0.25);
    }

    @Test
    void decileBinsCountAndShareMatches() {
        Calibration c = Calibration.of(OUTCOMES, Calibration.DECILES);
        assertThat(c.bins()).hasSize(10);
        assertThat(c.signals()).isEqualTo(5);
        // 0.55 and 0.6 fall in [0.5, 0.6) and [0.6, 0.7)
        assertThat(c.bins().get(5).count()).isEqualTo(1);
        assertThat(c.bins().get(5).matched()).isEqualTo(1);
        assertThat(c.bins().get(6).count()).isEqualTo(1);
        assertThat(c.bins().get(6).observed().value()).isEqualTo(0.0);
        // 0.9 and 1.0 share the last bin, which includes 1.0
        Calibration.Bin last = c.bins().get(9);
        assertThat(last.count()).isEqualTo(2);
        assertThat(last.meanConfidence()).isCloseTo(0.95, within(1e-12));
        assertThat(last.observed().value()).isEqualTo(1.0);
        assertThat(c.bins().get(0).meanConfidence()).isNull();
        assertThat(c.brierScore()).isCloseTo(0.1225, within(1e-12));
    }

    @Test
    void confidenceOutsideTheUnitIntervalIsRefused() {
        assertThatThrownBy(() -> Calibration.of(List.of(new Outcome(1.2, true)), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.2");
    }
}
