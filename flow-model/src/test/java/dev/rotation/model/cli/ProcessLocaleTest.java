package dev.rotation.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every command writes numbers the same way whatever the host's locale. */
class ProcessLocaleTest {
    private final Locale before = Locale.getDefault(Locale.Category.FORMAT);

    @AfterEach
    void restore() {
        Locale.setDefault(Locale.Category.FORMAT, before);
    }

    @Test
    void aGermanHostStillWritesADecimalPointAndCommaGrouping() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.GERMANY);
        assertThat(String.format("%.2f", 0.55)).isEqualTo("0,55");

        ProcessLocale.pin();

        assertThat(String.format("%.2f", 0.55)).isEqualTo("0.55");
        assertThat(String.format("%,d", 1_234_567)).isEqualTo("1,234,567");
        assertThat(Locale.getDefault(Locale.Category.FORMAT)).isEqualTo(Locale.US);
    }
}
