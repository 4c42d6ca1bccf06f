package dev.rotation.app.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts as PNG files, drawn with JFreeChart (headless). */
public final class ReportCharts {

    public static final String RELIABILITY = "reliability.png";
    public static final String PRECISION_RECALL = "precision-recall.png";
    public static final String FORWARD_RETURNS = "forward-returns.png";

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private ReportCharts() {}

    /** Writes the three charts into {@code dir}. */
    public static void write(EvaluationReport r, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ChartUtils.saveChartAsPNG(
                dir.resolve(RELIABILITY).toFile(), reliability(r.calibration()), WIDTH, HEIGHT);
        ChartUtils.saveChartAsPNG(
                dir.resolve(PRECISION_RECALL).toFile(), precisionRecall(r), WIDTH, HEIGHT);
        ChartUtils.saveChartAsPNG(
                dir.resolve(FORWARD_RETURNS).toFile(),
                forwardReturns(r.scorecard()),
                WIDTH,
                HEIGHT);
    }

    static JFreeChart reliability(Calibration c) {
        XYSeries observed = new XYSeries("share matched (per non-empty bin)");
        for (Calibration.Bin b : c.bins()) {
            if (b.count() > 0) {
                observed.add(b.meanConfidence(), b.observed().value());
            }
        }
        XYSeries diagonal = new XYSeries("perfect calibration");
        diagonal.add(0, 0);
        diagonal.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(observed);
        data.addSeries(diagonal);
        JFreeChart chart =
                ChartFactory.createXYLineChart(
                        "Reliability of FINAL signals' confidence (Brier "
                                + (c.brierScore() == null
                                        ? "n/a"
                                        : ReportMarkdown.fixed(c.brierScore(), 3))
                                + ")",
                        "confidence",
                        "share matching a planted label",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        XYPlot plot = chart.getXYPlot();
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1.05);
        var renderer = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, false);
        renderer.setSeriesShapesVisible(0, true);
        renderer.setSeriesShapesVisible(1, false);
        plot.setRenderer(renderer);
        return chart;
    }

    static JFreeChart precisionRecall(EvaluationReport r) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (TypeScore t : r.types()) {
            if (t.precision().value() != null) {
                data.addValue(t.precision().value(), "precision", t.type());
            }
            if (t.recall().value() != null) {
                data.addValue(t.recall().value(), "recall", t.type());
            }
        }
        JFreeChart chart =
                ChartFactory.createBarChart(
                        "Precision and recall per type on planted scenarios ("
                                + r.settings().runs()
                                + " runs)",
                        "",
                        "share",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        chart.getCategoryPlot().getRangeAxis().setRange(0, 1.05);
        chart.getCategoryPlot()
                .getDomainAxis()
                .setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return chart;
    }

    static JFreeChart forwardReturns(HistoryScorecard.Result h) {
        // mean return of the legs named, per type and horizon
        Map<String, Map<Integer, double[]>> sums = new TreeMap<>();
        for (HistoryScorecard.Row row : h.rows()) {
            for (HistoryScorecard.Horizon hz : row.horizons()) {
                for (Map.Entry<String, Double> e : hz.returns().entrySet()) {
                    double[] s =
                            sums.computeIfAbsent(row.type(), k -> new TreeMap<>())
                                    .computeIfAbsent(hz.weeks(), k -> new double[2]);
                    s[0] += e.getValue();
                    s[1]++;
                }
            }
        }
        Map<String, Long> signals = new TreeMap<>();
        h.rows().forEach(row -> signals.merge(row.type(), 1L, Long::sum));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        sums.forEach(
                (type, byWeeks) ->
                        byWeeks.forEach(
                                (weeks, s) ->
                                        data.addValue(
                                                100 * s[0] / s[1],
                                                weeks + (weeks == 1 ? " week" : " weeks"),
                                                type + " (" + signals.get(type) + " signals)")));
        JFreeChart chart =
                ChartFactory.createBarChart(
                        "Real history: mean price return of the legs named, after each FINAL"
                                + " signal (in-sample, small sample)",
                        "",
                        "return, %",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        chart.getCategoryPlot()
                .getDomainAxis()
                .setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return chart;
    }
}
