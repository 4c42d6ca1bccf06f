package dev.rotation.processor.confidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Money as desks write it: in a sentence ({@code usd}) and as a signed flow ({@code signedUsd}).
 */
class MoneyTest {

    @ParameterizedTest(name = "usd({0}) = {1}")
    @CsvSource({
        "1.0e9, $1.00B",
        "-1.73e9, -$1.73B",
        "1.09e9, $1.09B",
        "17.1e6, $17.1M",
        "630e6, $630M",
        // rounding carries into the next unit or decade: never $1000M, $100.0M or $10.00M
        "999.6e6, $1.00B",
        "999.4e6, $999M",
        "99.96e6, $100M",
        "9.996e6, $10.0M",
        "999.7e3, $1.00M",
        "45e3, $45.0K",
        "500, $500",
        "5.5, $5.50",
        "0, $0.00",
        "1.234e12, $1230B"
    })
    void usdInASentence(double amount, String written) {
        assertThat(Money.usd(amount)).isEqualTo(written);
    }

    @ParameterizedTest(name = "signedUsd({0}) = {1}")
    @CsvSource({
        "1.0e9, +$1.00B",
        "-1.73e9, -$1.73B",
        "5e5, +$0.5M",
        "17.1e6, +$17.1M",
        "-630e6, -$630M",
        "-18.2e6, -$18.2M",
        "3.8e6, +$3.8M",
        "-1.1e6, -$1.1M",
        // at the edges of a unit the rounded figure picks the unit
        "999.5e6, +$1.00B",
        "-999.4e6, -$999M",
        "99.96e6, +$100M",
        "99.94e6, +$99.9M",
        "95e3, +$0.1M",
        // small flows keep their figure rather than showing as $0.0M
        "94e3, +$94.0K",
        "-12345, -$12.3K",
        "640, +$640",
        "-0.5, -$0.50",
        "0, $0"
    })
    void signedUsdAsAFlowInATable(double amount, String written) {
        assertThat(Money.signedUsd(amount)).isEqualTo(written);
    }
}
