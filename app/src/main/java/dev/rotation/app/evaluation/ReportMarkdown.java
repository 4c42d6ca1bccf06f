package dev.rotation.app.evaluation;

import dev.rotation.app.evaluation.EvaluationReport.SweepPoint;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code evaluation.md}: the report's figures as tables a reader can check against the JSON. */
public final class ReportMarkdown {

    private ReportMarkdown() {}

    public static String render(EvaluationReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Detection quality\n\n");
        md.append("Produced by `").append(r.command()).append("`. ");
        md.append(
                "Every figure is a description of these runs and this history: correlation, not"
                        + " causation, and never advice.\n\n");

        EvaluationReport.Planted p = r.planted();
        md.append("## Planted scenarios\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "%d runs (seeds %d to %d) of %d weeks: %d weeks, %d events through the"
                                + " production topology; %d labels (%d incidental), %d near"
                                + " misses, %d quiet weeks.%s\n\n",
                        r.settings().runs(),
                        r.settings().firstSeed(),
                        r.settings().firstSeed() + r.settings().runs() - 1,
                        r.settings().weeks(),
                        p.weeks(),
                        p.events(),
                        p.labels().values().stream().mapToLong(Long::longValue).sum(),
                        p.incidentalLabels(),
                        p.nearMisses().values().stream().mapToLong(Long::longValue).sum(),
                        p.quietWeeks(),
                        r.settings().thresholds().isEmpty()
                                ? " Thresholds at their defaults."
                                : " Threshold overrides: " + r.settings().thresholds() + "."));
        md.append(
                "| type | labels | TP | FN | FINAL signals | FP | precision | 95% interval |"
                        + " recall | 95% interval | targets |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (TypeScore t : r.types()) {
            md.append("| ")
                    .append(t.type())
                    .append(" | ")
                    .append(t.truePositives() + t.falseNegatives())
                    .append(" | ")
                    .append(t.truePositives())
                    .append(" | ")
                    .append(t.falseNegatives())
                    .append(" | ")
                    .append(t.correctSignals() + t.falsePositives())
                    .append(" | ")
                    .append(t.falsePositives())
                    .append(" | ")
                    .append(share(t.precision()))
                    .append(" | ")
                    .append(interval(t.precision()))
                    .append(" | ")
                    .append(share(t.recall()))
                    .append(" | ")
                    .append(interval(t.recall()))
                    .append(" | ")
                    .append(targets(t))
                    .append(" |\n");
        }
        md.append(
                "\nTP: labels found; FN: labels not found; FP: FINAL signals matching no label."
                        + " Precision counts signals, recall counts labels (docs/evaluation.md).\n");
        if (!r.unscored().isEmpty()) {
            md.append("Not planted, so not scored: ");
            md.append(
                    String.join(
                            ", ",
                            r.unscored().entrySet().stream()
                                    .map(e -> e.getValue() + " " + e.getKey())
                                    .toList()));
            md.append(" FINAL signals.\n");
        }

        md.append("\n## Calibration\n\n");
        Calibration c = r.calibration();
        md.append(
                String.format(
                        Locale.ROOT,
                        "Brier score %s over %d scored FINAL signals (0 is perfect; a constant"
                                + " 0.5 scores 0.25).\n\n",
                        c.brierScore() == null ? "n/a" : fixed(c.brierScore(), 4),
                        c.signals()));
        md.append(
                "| confidence | signals | matched | mean confidence | share matched | 95% interval |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Calibration.Bin b : c.bins()) {
            if (b.count() == 0) {
                continue;
            }
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %.1f–%.1f | %d | %d | %s | %s | %s |\n",
                            b.lower(),
                            b.upper(),
                            b.count(),
                            b.matched(),
                            fixed(b.meanConfidence(), 3),
                            share(b.observed()),
                            interval(b.observed())));
        }
        md.append("\nEmpty bins are left out.\n");

        if (!r.sweep().isEmpty()) {
            md.append("\n## Threshold sweep\n\n");
            md.append("On the first ")
                    .append(r.settings().sweepRuns())
                    .append(" runs, the other thresholds as above.\n\n");
            md.append(
                    "| key | value | type | precision | 95% interval | recall | 95% interval |\n");
            md.append("|---|---|---|---|---|---|---|\n");
            for (SweepPoint s : r.sweep()) {
                md.append("| ")
                        .append(s.key())
                        .append(" | ")
                        .append(s.value())
                        .append(" | ")
                        .append(s.type())
                        .append(" | ")
                        .append(share(s.precision()))
                        .append(" | ")
                        .append(interval(s.precision()))
                        .append(" | ")
                        .append(share(s.recall()))
                        .append(" | ")
                        .append(interval(s.recall()))
                        .append(" |\n");
            }
        }

        HistoryScorecard.Result h = r.scorecard();
        md.append("\n## Real history: what followed\n\n");
        md.append("Sources read: ").append(String.join(", ", h.sources())).append(". ");
        md.append("Left out as illustrative: ")
                .append(
                        h.excluded().isEmpty()
                                ? "nothing"
                                : String.join(
                                        ", ",
                                        h.excluded().entrySet().stream()
                                                .map(e -> e.getValue() + " " + e.getKey())
                                                .toList()))
                .append(" events. ")
                .append(h.rows().size())
                .append(" FINAL signals. In-sample, small sample: a description of what")
                .append(" followed, not a forecast.\n\n");
        md.append("| type | expectation | weeks | held | n | share | 95% interval |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (HistoryScorecard.HitRate hr : h.hitRates()) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %d | %d | %d | %s | %s |\n",
                            hr.type(),
                            hr.expectation(),
                            hr.weeks(),
                            hr.hitRate().successes(),
                            hr.hitRate().trials(),
                            share(hr.hitRate()) + (hr.smallSample() ? " (small sample)" : ""),
                            interval(hr.hitRate())));
        }
        md.append(
                "\n| window | type | subjects | conf | after 1 week | after 2 weeks | after 4 weeks |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (HistoryScorecard.Row row : h.rows()) {
            md.append("| ")
                    .append(row.windowStart(), 0, 10)
                    .append(" | ")
                    .append(row.type())
                    .append(" | ")
                    .append(String.join(", ", row.subjects()))
                    .append(" | ")
                    .append(fixed(row.confidence(), 2));
            for (HistoryScorecard.Horizon hz : row.horizons()) {
                md.append(" | ").append(horizon(hz));
            }
            md.append(" |\n");
        }
        md.append("\nReturns are price returns from the window's end; flows are net USD per source")
                .append(" over the horizon's weeks; ✓/✗ says whether the expectation held.\n");
        md.append("\nCharts: `reliability.png`, `precision-recall.png`, `forward-returns.png`.\n");
        return md.toString();
    }

    private static String horizon(HistoryScorecard.Horizon h) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Double> e : h.returns().entrySet()) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(e.getKey()).append(String.format(Locale.ROOT, " %+.1f%%", 100 * e.getValue()));
        }
        for (Map.Entry<String, Double> e : h.flows().entrySet()) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(e.getKey()).append(String.format(Locale.ROOT, " %+.2fB", e.getValue() / 1e9));
        }
        if (h.hit() != null) {
            s.append(h.hit() ? " ✓" : " ✗");
        }
        return s.length() == 0 ? "n/a" : s.toString();
    }

    private static String targets(TypeScore t) {
        List<String> missed = new java.util.ArrayList<>();
        List<String> unmeasured = new java.util.ArrayList<>();
        if (t.recall().value() == null) {
            unmeasured.add("recall (no label planted)");
        } else if (t.recall().value() < EvaluationReport.RECALL_TARGET) {
            missed.add("recall");
        }
        if (t.precision().value() == null) {
            unmeasured.add("precision (no FINAL signal)");
        } else if (t.precision().value() < EvaluationReport.PRECISION_TARGET) {
            missed.add("precision");
        }
        List<String> parts = new java.util.ArrayList<>();
        if (!missed.isEmpty()) {
            parts.add("missed: " + String.join(", ", missed));
        }
        if (!unmeasured.isEmpty()) {
            parts.add("not measured: " + String.join(", ", unmeasured));
        }
        return parts.isEmpty() ? "met" : String.join("; ", parts);
    }

    /** A share with three decimals, or n/a. */
    public static String share(Proportion p) {
        return p.value() == null ? "n/a" : fixed(p.value(), 3);
    }

    public static String interval(Proportion p) {
        return p.interval() == null
                ? "n/a"
                : "["
                        + fixed(p.interval().lower(), 3)
                        + ", "
                        + fixed(p.interval().upper(), 3)
                        + "]";
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
