package dev.rotation.app;

import dev.rotation.model.Alert;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.util.Locale;

/** The readable alert table shared by {@code demo} and {@code alerts}. */
public final class AlertTable {
    private static final String FORMAT = "%-9s %-11s %-11s %-22s %-8s %-11s %-26s %s%n";
    private final PrintStream out;
    private final int explanationWidth;
    private boolean headerPrinted;

    public AlertTable(PrintStream out, int explanationWidth) {
        this.out = out;
        this.explanationWidth = explanationWidth;
    }

    public void header() {
        out.printf(
                Locale.ROOT,
                FORMAT,
                "SEVERITY",
                "STATUS",
                "WEEK OF",
                "TYPE",
                "SCALE",
                "CONFIDENCE",
                "CAUSALITY / CAVEATS",
                "EXPLANATION");
        headerPrinted = true;
    }

    public void row(Alert a) {
        if (!headerPrinted) {
            header();
        }
        String week = a.getWindowStart().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        String confidence =
                String.format(Locale.ROOT, "%.2f %s", a.getConfidence(), a.getConfidenceLevel());
        String caveats =
                causality(a)
                        + (a.getCaveatCodes().isEmpty()
                                ? ""
                                : " " + String.join(",", a.getCaveatCodes()));
        out.printf(
                Locale.ROOT,
                FORMAT,
                a.getSeverity(),
                a.getStatus(),
                week,
                a.getType(),
                a.getScale() == null ? "-" : a.getScale(),
                confidence,
                abbreviate(caveats, 26),
                abbreviate(explanation(a), explanationWidth));
        if (caveats.length() > 26) {
            out.printf(
                    Locale.ROOT,
                    FORMAT,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "  caveats: " + String.join(", ", a.getCaveatCodes()),
                    "");
        }
    }

    private static String causality(Alert a) {
        return switch (a.getCausality()) {
            case CORRELATION_NOT_CAUSATION -> "correlation";
            case OBSERVATION -> "observation";
            case TEMPORAL_PRECEDENCE -> "precedence";
        };
    }

    /** The signal's explanation, taken from the alert's line (which ends with the signal id). */
    static String explanation(Alert a) {
        String line = a.getLine();
        int bracket = line.indexOf("] ");
        int tail = line.lastIndexOf(" (signal ");
        return bracket >= 0 && tail > bracket ? line.substring(bracket + 2, tail) : line;
    }

    static String abbreviate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
    }
}
