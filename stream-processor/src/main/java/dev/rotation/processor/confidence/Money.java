package dev.rotation.processor.confidence;

import java.util.Locale;

/** Formats amounts the way the explanations and caveats print them ($1.73B, -$18.2M). */
public final class Money {

    private Money() {}

    public static String usd(double v) {
        double a = Math.abs(v);
        String sign = v < 0 ? "-" : "";
        if (a >= 1e9) {
            return sign + "$" + fmt(a / 1e9) + "B";
        }
        if (a >= 1e6) {
            return sign + "$" + fmt(a / 1e6) + "M";
        }
        if (a >= 1e3) {
            return sign + "$" + fmt(a / 1e3) + "K";
        }
        return sign + "$" + fmt(a);
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

    private static String fmt(double x) {
        return String.format(Locale.ROOT, x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : "%.2f", x);
    }
}
