package dev.rotation.processor.analytics;

/**
 * Where an asset stands on a relative rotation graph: RS-Ratio (relative trend) on the x axis,
 * RS-Momentum (the trend's rate of change) on the y axis, both centred on 100. A point on an axis
 * (exactly 100) counts on the strong side. The usual path runs clockwise: improving, leading,
 * weakening, lagging.
 */
public enum Quadrant {
    /** RS-Ratio at or above 100, RS-Momentum at or above 100: outperforming, and increasingly. */
    LEADING,
    /** RS-Ratio at or above 100, RS-Momentum below 100: outperforming, but less and less. */
    WEAKENING,
    /** RS-Ratio below 100, RS-Momentum below 100: underperforming, and increasingly. */
    LAGGING,
    /** RS-Ratio below 100, RS-Momentum at or above 100: underperforming, but less and less. */
    IMPROVING;

    /** The quadrant of a point; both coordinates must be finite. */
    public static Quadrant of(double rsRatio, double rsMomentum) {
        if (!Double.isFinite(rsRatio) || !Double.isFinite(rsMomentum)) {
            throw new IllegalArgumentException(
                    "RS-Ratio and RS-Momentum must be finite: " + rsRatio + ", " + rsMomentum);
        }
        boolean strong = rsRatio >= RelativeRotation.CENTRE;
        boolean rising = rsMomentum >= RelativeRotation.CENTRE;
        if (strong) {
            return rising ? LEADING : WEAKENING;
        }
        return rising ? IMPROVING : LAGGING;
    }

    /** Lower-case name for explanations ("leading"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
