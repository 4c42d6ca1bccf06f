package dev.rotation.producers.ingest;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The unit the figures of a wide ETF flow table are written in. Trackers print US$ millions; the
 * table must say which unit it uses (a {@code # unit:} line above its header or {@code produce file
 * --unit}), so that millions are never read as dollars.
 */
public enum FlowUnit {
    /** Whole US dollars: {@code -483380000}. */
    USD("usd", 0),
    /** US dollars in millions, as trackers print them: {@code (483.4)} is -483,400,000 USD. */
    USD_MILLIONS("usd-millions", 6);

    private final String label;
    private final int powerOfTen;

    FlowUnit(String label, int powerOfTen) {
        this.label = label;
        this.powerOfTen = powerOfTen;
    }

    /** How the unit is written in a marker or option: {@code usd} or {@code usd-millions}. */
    public String label() {
        return label;
    }

    /**
     * A figure written in this unit, in US dollars (exact: {@code 565.9} millions is 565900000).
     */
    public BigDecimal toUsd(BigDecimal figure) {
        return figure.movePointRight(powerOfTen);
    }

    /**
     * The unit a marker or option names, without regard to case, spaces, hyphens and underscores:
     * {@code usd}, {@code us$}, {@code $} for dollars; {@code usd-millions}, {@code usd m}, {@code
     * us$m}, {@code us$ millions}, {@code $m} for millions.
     *
     * @return the unit, or null when the text names none of these
     */
    public static FlowUnit parse(String text) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
        return switch (t) {
            case "usd", "us$", "$" -> USD;
            case "usdmillions",
                    "usdmillion",
                    "usdm",
                    "usdmn",
                    "usdmm",
                    "us$m",
                    "us$mn",
                    "us$millions",
                    "us$million",
                    "$m",
                    "$mn",
                    "$millions" ->
                    USD_MILLIONS;
            default -> null;
        };
    }
}
