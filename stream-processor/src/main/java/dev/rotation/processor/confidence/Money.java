package dev.rotation.processor.confidence;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Formats amounts and percentages the way desks write them. Two money forms:
 *
 * <ul>
 *   <li>{@link #usd}: an amount in a sentence, three significant figures ({@code $1.73B}, {@code
 *       -$18.2M}, {@code $630M}, {@code $45.0K}); the explanations and caveats use it;
 *   <li>{@link #signedUsd}: a net flow in a table, always signed, in millions below a billion
 *       ({@code +$0.5M}, {@code -$630M}, {@code +$17.1M}, {@code -$1.73B}).
 * </ul>
 *
 * Both round first and pick the unit from the rounded figure, so an amount just under a unit is
 * written in that unit ({@code $1.00B}, never {@code $1000M}).
 */
public final class Money {
    private static final MathContext THREE_FIGURES = new MathContext(3, RoundingMode.HALF_UP);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final String[] UNITS = {"", "K", "M", "B"};

    /** Below this a signed flow is written in thousands or dollars rather than as $0.0M. */
    private static final double SMALLEST_IN_MILLIONS = 0.095e6;

    private Money() {}

    /**
     * An amount in USD to three significant figures with a unit: {@code 1.0e9 -> "$1.00B"}, {@code
     * -1.73e9 -> "-$1.73B"}, {@code 630e6 -> "$630M"}, {@code 45e3 -> "$45.0K"}, {@code 500 ->
     * "$500"}. Negative amounts get a leading minus, positive ones no sign.
     */
    public static String usd(double v) {
        return (v < 0 ? "-" : "") + "$" + threeFigures(Math.abs(v));
    }

    /**
     * A net flow in USD as a desk writes it in a table: always signed ({@code +}, {@code -}; none
     * for zero), in billions to two decimals from $1B ({@code -1.73e9 -> "-$1.73B"}), in whole
     * millions from $100M ({@code -630e6 -> "-$630M"}), in millions to one decimal from $0.1M
     * ({@code 17.1e6 -> "+$17.1M"}, {@code 5e5 -> "+$0.5M"}), and below that as {@link #usd} does
     * ({@code 45e3 -> "+$45.0K"}).
     */
    public static String signedUsd(double v) {
        String sign = v > 0 ? "+" : v < 0 ? "-" : "";
        double a = Math.abs(v);
        if (a == 0) {
            return "$0";
        }
        if (a < SMALLEST_IN_MILLIONS) {
            return sign + "$" + threeFigures(a);
        }
        BigDecimal millions = BigDecimal.valueOf(a).movePointLeft(6);
        BigDecimal rounded =
                millions.setScale(
                        millions.compareTo(BigDecimal.valueOf(99.95)) >= 0 ? 0 : 1,
                        RoundingMode.HALF_UP);
        if (rounded.compareTo(THOUSAND) >= 0) {
            return sign + "$" + threeFigures(a);
        }
        return sign + "$" + rounded.toPlainString() + "M";
    }

    public static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** "a 7.2%" or "an 8.1%", "an 11.7%", "an 18%": the article as the number is spoken. */
    public static String aPct(double fraction) {
        String p = pct(fraction);
        String integer = p.substring(0, p.indexOf('.'));
        boolean an = integer.startsWith("8") || integer.equals("11") || integer.equals("18");
        return (an ? "an " : "a ") + p;
    }

    public static String price(double v) {
        return String.format(Locale.ROOT, "%,.2f", v).replaceAll("\\.00$", "");
    }

    /**
     * A non-negative amount rounded to three significant figures, then written in the largest unit
     * (K, M, B) that keeps the figure at 1 or more: 999.6e6 rounds to 1.00e9 and is {@code 1.00B}.
     */
    private static String threeFigures(double a) {
        BigDecimal figure = new BigDecimal(a).round(THREE_FIGURES);
        int unit = 0;
        while (unit < UNITS.length - 1 && figure.compareTo(THOUSAND) >= 0) {
            figure = figure.movePointLeft(3);
            unit++;
        }
        int decimals =
                figure.compareTo(BigDecimal.valueOf(100)) >= 0
                        ? 0
                        : figure.compareTo(BigDecimal.TEN) >= 0 ? 1 : 2;
        return figure.setScale(decimals, RoundingMode.HALF_UP).toPlainString() + UNITS[unit];
    }
}
