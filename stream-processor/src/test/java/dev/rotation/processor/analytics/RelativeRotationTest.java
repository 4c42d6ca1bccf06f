package dev.rotation.processor.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * {@link RelativeRotation} against a worked example computed independently with numpy: {@code
 * src/test/resources/rotation/rrg_reference.py} prints {@code rrg_reference.out} next to it, and
 * the figures below are copied from that output (n = 5 ratio windows, m = 4 momentum windows).
 */
class RelativeRotationTest {

    private static final Offset<Double> EXACT = within(1e-9);

    /** The script's closes: an asset and its benchmark over 14 windows. */
    static final double[] ASSET = {100, 102, 101, 99, 96, 94, 95, 98, 103, 107, 108, 106, 102, 99};

    static final double[] BENCHMARK = {
        50, 50.5, 51, 50, 49.5, 50, 50.5, 51, 51.5, 52, 52.5, 53, 53, 52.5
    };

    static double[] ratios() {
        double[] r = new double[ASSET.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ASSET[i] / BENCHMARK[i];
        }
        return r;
    }

    @Test
    void matchesTheReferenceScriptAndGoesRoundTheFourQuadrants() {
        List<RelativeRotation.Point> points = new RelativeRotation(5, 4).points(ratios());

        // rrg_reference.out: index ratio rs_ratio rs_momentum quadrant
        double[][] expected = {
            {8, 2.000000000000, 101.527769710354, 101.121005397962},
            {9, 2.057692307692, 101.399797952894, 98.781812414531},
            {10, 2.057142857143, 100.922050240199, 98.976372704333},
            {11, 2.000000000000, 99.869654253146, 99.076263504515},
            {12, 1.924528301887, 98.477063528113, 98.880550025381},
            {13, 1.885714285714, 98.724078874338, 101.272812935137},
        };
        assertThat(points).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            RelativeRotation.Point p = points.get(i);
            assertThat(p.index()).isEqualTo((int) expected[i][0]);
            assertThat(p.ratio()).isCloseTo(expected[i][1], within(1e-11));
            assertThat(p.rsRatio()).isCloseTo(expected[i][2], EXACT);
            assertThat(p.rsMomentum()).isCloseTo(expected[i][3], EXACT);
        }
        assertThat(points.stream().map(RelativeRotation.Point::quadrant).toList())
                .containsExactly(
                        Quadrant.LEADING,
                        Quadrant.WEAKENING,
                        Quadrant.WEAKENING,
                        Quadrant.LAGGING,
                        Quadrant.LAGGING,
                        Quadrant.IMPROVING);
    }

    @Test
    void firstPointNeedsRatioPlusMomentumWindows() {
        RelativeRotation rrg = new RelativeRotation(5, 4);
        assertThat(rrg.minimumRatios()).isEqualTo(9);
        double[] r = ratios();
        assertThat(rrg.points(java.util.Arrays.copyOf(r, 8))).isEmpty();
        assertThat(rrg.points(java.util.Arrays.copyOf(r, 9)))
                .singleElement()
                .satisfies(p -> assertThat(p.index()).isEqualTo(8));
    }

    /** Hand-computed: a flat ratio has z = 0 everywhere, so the point sits on the centre. */
    @Test
    void aFlatRatioSitsOnTheCentreAndCountsAsLeading() {
        double[] flat = {1.5, 1.5, 1.5, 1.5, 1.5};
        List<RelativeRotation.Point> points = new RelativeRotation(3, 2).points(flat);
        assertThat(points).hasSize(1);
        assertThat(points.get(0).rsRatio()).isEqualTo(100.0);
        assertThat(points.get(0).rsMomentum()).isEqualTo(100.0);
        assertThat(points.get(0).quadrant()).isEqualTo(Quadrant.LEADING);
    }

    /**
     * Hand-computed with n = 3, m = 2 on ratios 1, 2, 3, 3, 3: RS-Ratio at index 2 = 100 + (3 − 2)
     * / 1 = 101; at index 3 the window 2, 3, 3 has mean 8/3 and sd 1/√3, so 100 + (1/3)·√3 =
     * 100.577…; ROC at 3 = 100 × (100.577…/101 − 1) = −0.4181…; at index 4 the window 3, 3, 3 is
     * flat: RS-Ratio 100, ROC = 100 × (100/100.577… − 1) = −0.5740…; the two ROCs have mean
     * −0.4960…, sd 0.1102…, and RS-Momentum = 100 + (−0.5740… + 0.4960…)/0.1102… = 100 − 1/√2 =
     * 99.2929 (two values: z = ±1/√2).
     */
    @Test
    void handComputedShortSeries() {
        List<RelativeRotation.Point> points =
                new RelativeRotation(3, 2).points(new double[] {1, 2, 3, 3, 3});
        assertThat(points).hasSize(1);
        RelativeRotation.Point p = points.get(0);
        assertThat(p.rsRatio()).isEqualTo(100.0);
        assertThat(p.rsMomentum()).isCloseTo(100 - 1 / Math.sqrt(2), EXACT);
        assertThat(p.quadrant()).isEqualTo(Quadrant.WEAKENING);
    }

    @Test
    void rejectsNonPositiveRatiosAndTooShortWindows() {
        assertThatThrownBy(() -> new RelativeRotation(5, 4).points(new double[] {1, 0, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new RelativeRotation(1, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quadrantBoundariesCountOnTheStrongSide() {
        assertThat(Quadrant.of(100, 100)).isEqualTo(Quadrant.LEADING);
        assertThat(Quadrant.of(100, 99.9)).isEqualTo(Quadrant.WEAKENING);
        assertThat(Quadrant.of(99.9, 99.9)).isEqualTo(Quadrant.LAGGING);
        assertThat(Quadrant.of(99.9, 100)).isEqualTo(Quadrant.IMPROVING);
    }
}
