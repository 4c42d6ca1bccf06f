package dev.rotation.processor.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rotation.processor.query.RelativeRotation.Quadrant;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelativeRotationTest {

    private static Instant week(int n) {
        return LocalDate.of(2026, 1, 5).plusWeeks(n).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Test
    void pointsFollowTheMethodOnHandComputedFlows() {
        // BTC: -100, -100, -100, -100 (typical week 100); SOL: +10, +10, -10, +20 (typical 12.5)
        Map<Instant, Map<String, Double>> flows = new LinkedHashMap<>();
        flows.put(week(0), Map.of("BTC", -100d, "SOL", 10d));
        flows.put(week(1), Map.of("BTC", -100d, "SOL", 10d));
        flows.put(week(2), Map.of("BTC", -100d, "SOL", -10d));
        flows.put(week(3), Map.of("BTC", -100d, "SOL", 20d));

        RelativeRotation rr = RelativeRotation.of(flows, "BTC", 2, 5);

        assertThat(rr.assets())
                .extracting(RelativeRotation.AssetPath::asset)
                .containsExactly("SOL");
        var points = rr.assets().get(0).points();
        // x(t) = 100 + (SOL's 2-week sum / 12.5) - (BTC's 2-week sum / 100)
        // x(w1) = 100 + 20/12.5 + 2 = 103.6; x(w2) = 100 + 0 + 2 = 102; x(w3) = 100 + 0.8 + 2 =
        // 102.8
        assertThat(points).hasSize(2);
        assertThat(points.get(0).week()).isEqualTo(week(2));
        assertThat(points.get(0).x()).isCloseTo(102.0, within(1e-9));
        assertThat(points.get(0).y()).isCloseTo(100 + 102.0 - 103.6, within(1e-9));
        assertThat(points.get(0).quadrant()).isEqualTo(Quadrant.WEAKENING);
        assertThat(points.get(1).x()).isCloseTo(102.8, within(1e-9));
        assertThat(points.get(1).y()).isCloseTo(100.8, within(1e-9));
        assertThat(points.get(1).quadrant()).isEqualTo(Quadrant.LEADING);
    }

    @Test
    void weeksWithoutAFigureAreSkippedNeverFilledAndShortHistoriesHaveNoPoint() {
        Map<Instant, Map<String, Double>> flows = new LinkedHashMap<>();
        flows.put(week(0), Map.of("BTC", -100d, "ETH", -50d, "LINK", 3d));
        flows.put(week(1), Map.of("BTC", 100d)); // ETH missing: skipped for ETH
        flows.put(week(2), Map.of("BTC", -100d, "ETH", 50d));
        flows.put(week(3), Map.of("ETH", 50d)); // BTC missing: skipped for everyone
        flows.put(week(4), Map.of("BTC", 100d, "ETH", -50d));

        RelativeRotation rr = RelativeRotation.of(flows, "BTC", 1, 5);

        // LINK has one shared week: a point needs trailingWeeks + 1 = 2
        assertThat(rr.assets())
                .extracting(RelativeRotation.AssetPath::asset)
                .containsExactly("ETH");
        var eth = rr.assets().get(0);
        assertThat(eth.points())
                .extracting(RelativeRotation.Point::week)
                .containsExactly(week(2), week(4));
        // typical weeks: ETH 50, BTC 100; x(w0) = 100 - 1 + 1 = 100, x(w2) = 100 + 1 + 1 = 102,
        // x(w4) = 100 - 1 - 1 = 98
        assertThat(eth.points().get(0).x()).isCloseTo(102, within(1e-9));
        assertThat(eth.points().get(0).y()).isCloseTo(102, within(1e-9));
        assertThat(eth.latest().x()).isCloseTo(98, within(1e-9));
        assertThat(eth.latest().y()).isCloseTo(96, within(1e-9));
        assertThat(eth.latest().quadrant()).isEqualTo(Quadrant.LAGGING);
    }

    @Test
    void theTailKeepsTheLatestPoints() {
        Map<Instant, Map<String, Double>> flows = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            flows.put(week(i), Map.of("BTC", (double) (i % 3 - 1) * 100, "SOL", (double) i));
        }
        RelativeRotation rr = RelativeRotation.of(flows, "BTC", 4, 3);
        assertThat(rr.assets().get(0).points())
                .extracting(RelativeRotation.Point::week)
                .containsExactly(week(7), week(8), week(9));
    }

    @Test
    void quadrantsSplitAtOneHundred() {
        assertThat(Quadrant.of(100, 100)).isEqualTo(Quadrant.LEADING);
        assertThat(Quadrant.of(101, 99)).isEqualTo(Quadrant.WEAKENING);
        assertThat(Quadrant.of(99, 99)).isEqualTo(Quadrant.LAGGING);
        assertThat(Quadrant.of(99, 101)).isEqualTo(Quadrant.IMPROVING);
    }
}
