package dev.rotation.app.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Against the closed form (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.959964,
 * worked by hand.
 */
class WilsonIntervalTest {

    @Test
    void eightOfTen() {
        // p = 0.8, n = 10, z² = 3.841459: centre (0.8 + 0.192073) / 1.384146 = 0.716739,
        // half-width 1.959964 * sqrt(0.016 + 0.009604) / 1.384146 = 0.226589
        WilsonInterval ci = WilsonInterval.of(8, 10);
        assertThat(ci.lower()).isCloseTo(0.490162, within(1e-5));
        assertThat(ci.upper()).isCloseTo(0.943318, within(1e-5));
    }

    @Test
    void allOfTwentyStaysBelowOne() {
        // p = 1, n = 20: centre (1 + 0.096036) / 1.192073 = 0.919436, half-width
        // 1.959964 * sqrt(0.002401) / 1.192073 = 0.080564 -> [0.838872, 1]
        WilsonInterval ci = WilsonInterval.of(20, 20);
        assertThat(ci.lower()).isCloseTo(0.838872, within(1e-5));
        assertThat(ci.upper()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void noneOfFive() {
        // p = 0, n = 5: upper = (0.384146 + 1.959964 * sqrt(0.038415)) / 1.768292 = 0.434482
        WilsonInterval ci = WilsonInterval.of(0, 5);
        assertThat(ci.lower()).isCloseTo(0.0, within(1e-9));
        assertThat(ci.upper()).isCloseTo(0.434482, within(1e-5));
    }

    @Test
    void noTrialsHasNoInterval() {
        assertThat(WilsonInterval.of(0, 0)).isNull();
        assertThat(Proportion.of(0, 0).value()).isNull();
        assertThat(Proportion.of(3, 4).value()).isEqualTo(0.75);
    }

    @Test
    void moreSuccessesThanTrialsIsRefused() {
        assertThatThrownBy(() -> WilsonInterval.of(3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..2");
    }
}
