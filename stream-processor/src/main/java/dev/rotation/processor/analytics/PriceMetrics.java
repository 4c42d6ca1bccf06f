package dev.rotation.processor.analytics;

import java.util.List;
import java.util.Set;

/**
 * Price metrics of one instrument in one window.
 *
 * @param windowReturn last close / previous window's close - 1 when that close is known, else last
 *     close / first open - 1
 * @param drawdownFromHigh last close / window high - 1 (never positive)
 * @param realisedVolatility sample standard deviation of the log returns between consecutive bucket
 *     closes (the previous window's close first, when known); per bucket, not annualised; null when
 *     fewer than two returns exist
 * @param previousClose the previous window's last close, when known
 * @param bucketCloses the last close of each bucket, in time order
 */
public record PriceMetrics(
        String instrument,
        double windowReturn,
        double drawdownFromHigh,
        Double realisedVolatility,
        int bars,
        double firstOpen,
        double firstClose,
        double lastClose,
        double high,
        double low,
        Double previousClose,
        long firstEventTime,
        long lastEventTime,
        Set<String> sources,
        List<Double> bucketCloses)
        implements SubjectMetrics {

    public PriceMetrics {
        sources = Set.copyOf(sources);
        bucketCloses = List.copyOf(bucketCloses);
    }
}
