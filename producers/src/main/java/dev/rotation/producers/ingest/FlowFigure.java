package dev.rotation.producers.ingest;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flow figure as printed, in US dollars, with the rounding its printed digits allow: {@code
 * 483.4} millions is -483,400,000 give or take 50,000. Sums of figures are compared within the sum
 * of their roundings, so a tracker's rounded Total is not taken for a mistake.
 *
 * @param usd the figure in US dollars; negative is an outflow
 * @param rounding half a unit of the last digit printed, in US dollars (0 for a zero written in
 *     whole dollars)
 */
record FlowFigure(BigDecimal usd, BigDecimal rounding) {

    private static final BigDecimal HALF = new BigDecimal("0.5");

    /** Cells a tracker prints where it has no figure: never read as 0. */
    private static final Set<String> NO_DATA = Set.of("", "-", "–", "—", "n/a", "na", "null");

    /** Plain decimal, as a long file writes it. */
    private static final Pattern PLAIN = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    /**
     * A tracker cell: an optional sign, digits with optional thousands separators, an optional
     * fraction, the whole optionally in parentheses (negative).
     */
    private static final Pattern TRACKER =
            Pattern.compile(
                    "\\$?\\s*(\\()?\\s*([+-])?\\s*\\$?\\s*((?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)\\s*(\\))?");

    /** The minus sign of typeset text (U+2212), which web pages print and copying keeps. */
    private static final char MINUS_SIGN = '\u2212';

    /** True when a tracker prints this cell for "no figure" ({@code -}, empty, {@code n/a}). */
    static boolean noData(String cell) {
        return NO_DATA.contains(cell.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * A cell of a tracker's wide table: {@code 565.9}, {@code -565.9} (or {@code −565.9} with the
     * typeset minus sign), {@code (565.9)} and {@code (1,113.7)} (parentheses are negative), with
     * an optional {@code $} before or inside the parentheses or sign ({@code $(1,000.5)}, {@code
     * -$5.0}), in {@code unit}; the rounding is half a unit of its last printed decimal.
     *
     * @return the figure, or null when the text is not such a number
     */
    static FlowFigure tracker(String cell, FlowUnit unit) {
        String text = cell.strip().replace(MINUS_SIGN, '-');
        if (text.indexOf('$') != text.lastIndexOf('$')) {
            return null; // "$$5": one currency sign at most
        }
        Matcher m = TRACKER.matcher(text);
        if (!m.matches() || (m.group(1) == null) != (m.group(4) == null)) {
            return null;
        }
        boolean negative = m.group(1) != null || "-".equals(m.group(2));
        if (m.group(1) != null && m.group(2) != null) {
            return null; // "(-5.0)": a sign inside parentheses says the sign twice
        }
        BigDecimal printed = new BigDecimal(m.group(3).replace(",", ""));
        BigDecimal half = BigDecimal.ONE.movePointLeft(printed.scale()).multiply(HALF);
        return of(negative ? printed.negate() : printed, half, unit);
    }

    /**
     * A cell of a long file, in whole US dollars as written ({@code -483380000}); the rounding is
     * half a unit of its last non-zero digit (figures are usually rounded millions written out).
     *
     * @return the figure, or null when the text is not a plain decimal number
     */
    static FlowFigure plain(String cell) {
        String t = cell.strip();
        if (!PLAIN.matcher(t).matches()) {
            return null;
        }
        BigDecimal v = new BigDecimal(t);
        BigDecimal half =
                v.signum() == 0
                        ? BigDecimal.ZERO
                        : BigDecimal.ONE
                                .movePointLeft(v.stripTrailingZeros().scale())
                                .multiply(HALF);
        return of(v, half, FlowUnit.USD);
    }

    private static FlowFigure of(BigDecimal printed, BigDecimal half, FlowUnit unit) {
        return new FlowFigure(unit.toUsd(printed), unit.toUsd(half));
    }

    /** The figure in US dollars as the event's {@code netFlowUsd}; -0 is 0. */
    double netFlowUsd() {
        double v = usd.doubleValue();
        return v == 0 ? 0.0 : v;
    }
}
