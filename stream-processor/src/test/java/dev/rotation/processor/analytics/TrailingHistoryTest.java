package dev.rotation.processor.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TrailingHistoryTest {

    private static final WindowCalendar WEEKS = WindowCalendar.weekly();
    private static final EventWindow W0 =
            WEEKS.windowFor(java.time.Instant.parse("2026-01-21T00:00:00Z").toEpochMilli());

    private static EventWindow week(int offset) {
        EventWindow w = W0;
        for (int i = 0; i < -offset; i++) {
            w = WEEKS.previous(w);
        }
        for (int i = 0; i < offset; i++) {
            w = WEEKS.next(w);
        }
        return w;
    }

    @Test
    void appendIsIdempotentPerWindowOrderedAndBounded() {
        TrailingHistory h = new TrailingHistory(3);
        h.append("s", week(0), 3);
        h.append("s", week(-2), 1);
        h.append("s", week(-1), 2);
        h.append("s", week(-1), 2.5);
        assertThat(h.values("s")).containsExactly(1.0, 2.5, 3.0);
        h.append("s", week(1), 4);
        assertThat(h.values("s")).containsExactly(2.5, 3.0, 4.0);
        assertThat(h.last("s")).isEqualTo(4.0);
        h.append("s", week(2), Double.NaN);
        assertThat(h.values("s")).hasSize(3);
        assertThat(h.last("none")).isNull();
        assertThat(h.values("none")).isEmpty();
    }

    @Test
    void baselinesAndZScores() {
        TrailingHistory h = new TrailingHistory(12);
        assertThat(h.baseline("s").n()).isZero();
        assertThat(h.baseline("s").mean()).isNaN();
        h.append("s", week(-3), 1);
        assertThat(h.zScore("s", 5)).as("n < 2").isNull();
        h.append("s", week(-2), 2);
        h.append("s", week(-1), 3);
        TrailingHistory.Baseline b = h.baseline("s");
        assertThat(b.n()).isEqualTo(3);
        assertThat(b.mean()).isEqualTo(2.0);
        assertThat(b.stdev()).isCloseTo(1.0, within(1e-12));
        assertThat(h.zScore("s", 5)).isCloseTo(3.0, within(1e-12));
        h.append("flat", week(-2), 7);
        h.append("flat", week(-1), 7);
        assertThat(h.zScore("flat", 9)).as("stdev 0").isNull();
        h.append("s", week(0), 100);
        assertThat(h.baseline("s", week(0).start()).n())
                .as("a window never enters its own baseline")
                .isEqualTo(3);
    }

    @Test
    void survivesJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        TrailingHistory h = new TrailingHistory(4);
        h.append(Series.CRYPTO_TOTAL, week(-1), -1.73e9);
        h.append(Series.priceClose("BTC-USD"), week(-1), 88290);
        TrailingHistory back = json.readValue(json.writeValueAsString(h), TrailingHistory.class);
        assertThat(back.values(Series.CRYPTO_TOTAL)).containsExactly(-1.73e9);
        assertThat(back.points(Series.priceClose("BTC-USD")))
                .isEqualTo(h.points(Series.priceClose("BTC-USD")));
        assertThat(back.capacity).isEqualTo(4);
    }
}
