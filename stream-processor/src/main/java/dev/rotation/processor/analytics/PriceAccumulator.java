package dev.rotation.processor.analytics;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * OHLC bars of one instrument in one window. Mutable, JSON-serialisable, bounded: closes are kept
 * per fixed time bucket (default one hour; a week holds at most 168), and if more buckets than
 * {@link #maxBuckets} ever appear the bucket size doubles and the buckets are merged, so the state
 * never grows without bound. Within a bucket the close with the latest event time wins.
 */
public final class PriceAccumulator {

    public static final long DEFAULT_BUCKET_MS = 3_600_000L;
    public static final int DEFAULT_MAX_BUCKETS = 24 * 7;

    /** Bound on distinct sources remembered (they are names, kept for caveats). */
    public static final int MAX_SOURCES = 32;

    /** The last close in one bucket. */
    public static final class Bucket {
        public long index;
        public long time;
        public double close;

        Bucket(long index, long time, double close) {
            this.index = index;
            this.time = time;
            this.close = close;
        }
    }

    public long bucketMs = DEFAULT_BUCKET_MS;
    public int maxBuckets = DEFAULT_MAX_BUCKETS;
    public int bars;
    public double firstOpen = Double.NaN;
    public long firstEventTime = Long.MAX_VALUE;
    public double lastClose = Double.NaN;
    public long lastEventTime = Long.MIN_VALUE;
    public double high = Double.NEGATIVE_INFINITY;
    public double low = Double.POSITIVE_INFINITY;
    public TreeSet<String> sources = new TreeSet<>();

    /**
     * Sorted by index. Stored as one binary field (24 bytes a bucket, {@link BucketsCodec}): the
     * accumulator is written to its state store on every bar, and up to 168 buckets as separate
     * objects made that the stage-1 hot path.
     */
    @JsonSerialize(using = BucketsCodec.Writer.class)
    @JsonDeserialize(using = BucketsCodec.Reader.class)
    public List<Bucket> buckets = new ArrayList<>();

    public PriceAccumulator() {}

    public PriceAccumulator(long bucketMs, int maxBuckets) {
        if (bucketMs <= 0 || maxBuckets < 1) {
            throw new IllegalArgumentException("bucketMs and maxBuckets must be positive");
        }
        this.bucketMs = bucketMs;
        this.maxBuckets = maxBuckets;
    }

    public static PriceAccumulator forConfig(PriceBuckets buckets) {
        return new PriceAccumulator(buckets.bucketMs(), buckets.maxBuckets());
    }

    public void add(
            String source, long eventTime, double open, double high, double low, double close) {
        Objects.requireNonNull(source, "source");
        if (!(open > 0) || !(high > 0) || !(low > 0) || !(close > 0) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("prices must be positive and finite");
        }
        bars++;
        if (eventTime < firstEventTime) {
            firstEventTime = eventTime;
            firstOpen = open;
        }
        if (eventTime >= lastEventTime) {
            lastEventTime = eventTime;
            lastClose = close;
        }
        this.high = Math.max(this.high, Math.max(high, Math.max(open, close)));
        this.low = Math.min(this.low, Math.min(low, Math.min(open, close)));
        if (sources.size() < MAX_SOURCES) {
            sources.add(source);
        }
        putBucket(Math.floorDiv(eventTime, bucketMs), eventTime, close);
        while (buckets.size() > maxBuckets) {
            coarsen();
        }
    }

    private void putBucket(long index, long time, double close) {
        int lo = 0;
        int hi = buckets.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long m = buckets.get(mid).index;
            if (m < index) {
                lo = mid + 1;
            } else if (m > index) {
                hi = mid - 1;
            } else {
                Bucket b = buckets.get(mid);
                if (time >= b.time) {
                    b.time = time;
                    b.close = close;
                }
                return;
            }
        }
        buckets.add(lo, new Bucket(index, time, close));
    }

    private void coarsen() {
        List<Bucket> old = buckets;
        bucketMs *= 2;
        buckets = new ArrayList<>();
        for (Bucket b : old) {
            putBucket(Math.floorDiv(b.time, bucketMs), b.time, b.close);
        }
    }

    /** Metrics of the window, or null when no bar was added. */
    public PriceMetrics toMetrics(String instrument, Double previousWindowClose) {
        if (bars == 0) {
            return null;
        }
        Double prev =
                previousWindowClose != null && previousWindowClose > 0 ? previousWindowClose : null;
        double ret = prev != null ? lastClose / prev - 1 : lastClose / firstOpen - 1;
        double drawdown = Math.min(0, lastClose / high - 1);
        List<Double> closes = new ArrayList<>(buckets.size());
        for (Bucket b : buckets) {
            closes.add(b.close);
        }
        List<Double> points = new ArrayList<>(closes.size() + 1);
        if (prev != null) {
            points.add(prev);
        }
        points.addAll(closes);
        return new PriceMetrics(
                instrument,
                ret,
                drawdown,
                Stats.logReturnStdev(points),
                bars,
                firstOpen,
                closes.get(0),
                lastClose,
                high,
                low,
                prev,
                firstEventTime,
                lastEventTime,
                sources,
                closes);
    }
}
