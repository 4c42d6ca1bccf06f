package dev.rotation.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's week summary writes flows as a desk does. */
class DemoWeekSummaryTest {

    @Test
    void flowsAreSignedDollarsInMillionsOrBillionsMostNegativeFirst() {
        assertThat(
                        DemoCommand.join(
                                Map.of(
                                        "BTC", -1.09e9,
                                        "ETH", -630e6,
                                        "XRP", -18.2e6,
                                        "SHORT_BTC", 5e5,
                                        "LINK", 3.8e6,
                                        "SOL", 17.1e6)))
                .isEqualTo(
                        "BTC -$1.09B, ETH -$630M, XRP -$18.2M, SHORT_BTC +$0.5M, LINK +$3.8M, SOL +$17.1M");
    }
}
