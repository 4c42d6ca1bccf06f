package dev.rotation.processor.leadlag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * {@link GrangerTest} against statsmodels 0.13.5's {@code grangercausalitytests} ({@code
 * ssr_ftest}). The series and the reference values are in {@code
 * src/test/resources/leadlag/granger_reference.out}, printed by {@code granger_reference.py} next
 * to it (run with Debian's python3-statsmodels); the figures below are copied from that output.
 */
class GrangerTestTest {

    /** x, y (follows x at lag 2) and z (unrelated), 60 points each, as printed by the script. */
    static double[] series(String name) throws IOException {
        try (InputStream in =
                GrangerTestTest.class.getResourceAsStream("/leadlag/granger_reference.out")) {
            List<String> lines =
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            String line =
                    lines.stream()
                            .filter(l -> l.startsWith(name + " = "))
                            .findFirst()
                            .orElseThrow();
            return Arrays.stream(line.substring(name.length() + 3).split(","))
                    .mapToDouble(s -> Double.parseDouble(s.trim()))
                    .toArray();
        }
    }

    // statsmodels: x->y lag 1..4 and x->z lag 1..4: F, p, df_denom
    static final double[][] X_Y = {
        {13.335442969923047, 0.0005743168568399919, 56},
        {75.338748839631, 3.2086304456635625e-16, 53},
        {86.04842519854967, 9.470642444573242e-20, 50},
        {39.98983400901827, 1.423868003917377e-14, 47},
    };
    static final double[][] X_Z = {
        {0.04096977607831892, 0.8403298490191013, 56},
        {1.0759101191034923, 0.3483168670630519, 53},
        {1.7733740051801714, 0.1642399964022169, 50},
        {1.2825306883064729, 0.290327065325993, 47},
    };

    @Test
    void fStatisticsPValuesAndDegreesOfFreedomMatchStatsmodels() throws IOException {
        double[] x = series("x");
        double[] y = series("y");
        double[] z = series("z");
        for (int lag = 1; lag <= 4; lag++) {
            check(GrangerTest.atLag(x, y, lag), X_Y[lag - 1], lag);
            check(GrangerTest.atLag(x, z, lag), X_Z[lag - 1], lag);
        }
    }

    private static void check(GrangerTest.Result r, double[] expected, int lag) {
        assertThat(r.lag()).isEqualTo(lag);
        assertThat(r.dfNumerator()).isEqualTo(lag);
        assertThat(r.dfDenominator()).isEqualTo((int) expected[2]);
        assertThat(r.observations()).isEqualTo(60 - lag);
        assertThat(r.fStatistic()).isCloseTo(expected[0], within(1e-8 * expected[0]));
        // tiny p-values are compared on their own scale; commons-math3's F tail loses digits
        // below 1e-15, where only the order of magnitude matters
        Offset<Double> pTolerance =
                within(expected[1] > 1e-12 ? 1e-9 : Math.max(expected[1], 1e-15));
        assertThat(r.pValue()).isCloseTo(expected[1], pTolerance);
    }

    @Test
    void theLagIsChosenByAicAsTheReferenceScriptChoosesItAndTheUnrelatedSeriesDoesNotPass()
            throws IOException {
        // granger_reference.out: AIC by lag on the common sample, lowest at 4 (x->y) and 3 (x->z);
        // the script's "noise" is deterministic and smooth, so longer lags keep fitting it
        GrangerTest.Result led = GrangerTest.selectingLag(series("x"), series("y"), 4);
        assertThat(led.lag()).isEqualTo(4);
        assertThat(led.pValue()).isLessThan(1e-10);
        GrangerTest.Result unrelated = GrangerTest.selectingLag(series("x"), series("z"), 4);
        assertThat(unrelated.lag()).isEqualTo(3);
        assertThat(unrelated.pValue()).isCloseTo(X_Z[2][1], within(1e-9));
        assertThat(unrelated.pValue()).isGreaterThan(0.05);
    }

    @Test
    void aShortSeriesLowersTheMaximumLagAndTooShortASeriesIsRefused() throws IOException {
        double[] x = Arrays.copyOf(series("x"), 9);
        double[] y = Arrays.copyOf(series("y"), 9);
        // 9 points allow lag 2 at most (3p + 2 = 8; lag 3 needs 11)
        assertThat(GrangerTest.selectingLag(x, y, 4).lag()).isLessThanOrEqualTo(2);
        assertThatThrownBy(() -> GrangerTest.atLag(x, y, 3))
                .hasMessage("a test at lag 3 needs at least 11 observations, got 9");
        assertThatThrownBy(() -> GrangerTest.atLag(x, Arrays.copyOf(y, 8), 1))
                .hasMessage("series of different lengths: 9 and 8");
    }

    @Test
    void benjaminiHochbergMatchesStatsmodelsFdrBh() {
        // granger_reference.out: multipletests([...], alpha=0.05, method="fdr_bh")
        double[] p = {0.01, 0.04, 0.03, 0.20, 0.005, 0.5};
        assertThat(BenjaminiHochberg.adjust(p))
                .containsExactly(new double[] {0.03, 0.06, 0.06, 0.24, 0.03, 0.5}, within(1e-12));
        assertThat(BenjaminiHochberg.passing(p, 0.05))
                .containsExactly(true, false, false, false, true, false);
    }
}
