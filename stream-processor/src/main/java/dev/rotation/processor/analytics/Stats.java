package dev.rotation.processor.analytics;

import java.util.List;

/** Small statistics used by the window metrics and the history baselines. */
public final class Stats {

    private Stats() {}

    public static double mean(double[] xs) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    /** Sample standard deviation (n - 1); NaN below two values. */
    public static double sampleStdev(double[] xs) {
        if (xs.length < 2) {
            return Double.NaN;
        }
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (xs.length - 1));
    }

    /** Sample stdev of the log returns between consecutive points; null below two returns. */
    public static Double logReturnStdev(List<Double> points) {
        if (points.size() < 3) {
            return null;
        }
        double[] r = new double[points.size() - 1];
        for (int i = 1; i < points.size(); i++) {
            r[i - 1] = Math.log(points.get(i) / points.get(i - 1));
        }
        return sampleStdev(r);
    }

    /** Pearson correlation; NaN when fewer than two pairs or a series is constant. */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series of different lengths");
        }
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
