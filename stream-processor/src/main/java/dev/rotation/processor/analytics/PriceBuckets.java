package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;

/**
 * The buckets a window's price bars are folded into (realised volatility, level crossings).
 *
 * @param bucketMinutes length of a bucket in minutes ({@code price.bucket-minutes}, positive)
 * @param maxBuckets buckets kept per window before they double in size ({@code price.max-buckets},
 *     at least 1)
 */
public record PriceBuckets(double bucketMinutes, int maxBuckets) {

    public static final Setting<Double> BUCKET_MINUTES = Setting.decimal("price.bucket-minutes");
    public static final Setting<Integer> MAX_BUCKETS = Setting.integer("price.max-buckets");

    public PriceBuckets {
        BUCKET_MINUTES.requirePositive(bucketMinutes);
        if (Math.round(bucketMinutes * 60_000d) < 1) {
            throw BUCKET_MINUTES.invalid(bucketMinutes, "must be at least one millisecond");
        }
        MAX_BUCKETS.requireAtLeast(maxBuckets, 1);
    }

    static PriceBuckets from(ConfigValues values) {
        return new PriceBuckets(values.get(BUCKET_MINUTES), values.get(MAX_BUCKETS));
    }

    /** The bucket length in milliseconds. */
    public long bucketMs() {
        return Math.round(bucketMinutes * 60_000d);
    }
}
