package dev.rotation.processor.analytics;

import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;

/**
 * Thresholds of CONCENTRATED_OUTFLOW (docs/signals.md).
 *
 * @param share share of a breakdown's gross outflow the top region (or top two assets) must hold,
 *     0..1 ({@code rule.concentration.share})
 * @param minGrossOutflowUsd a breakdown's gross outflow must reach this, USD ({@code
 *     rule.concentration.min-gross-outflow-usd})
 * @param regionSumTolerance relative gap between the regions' sum and the reported total tolerated
 *     before REGIONS_NOT_EXHAUSTIVE ({@code rule.concentration.region-sum-tolerance})
 */
public record ConcentrationThresholds(
        double share, double minGrossOutflowUsd, double regionSumTolerance) {

    public static final Setting<Double> SHARE = Setting.decimal("rule.concentration.share");
    public static final Setting<Double> MIN_GROSS_OUTFLOW_USD =
            Setting.decimal("rule.concentration.min-gross-outflow-usd");
    public static final Setting<Double> REGION_SUM_TOLERANCE =
            Setting.decimal("rule.concentration.region-sum-tolerance");

    public ConcentrationThresholds {
        SHARE.requireFraction(share);
        MIN_GROSS_OUTFLOW_USD.requireNonNegative(minGrossOutflowUsd);
        REGION_SUM_TOLERANCE.requireNonNegative(regionSumTolerance);
    }

    /**
     * The thresholds a signal that already stands must keep meeting (hysteresis): the share and the
     * gross outflow lowered by {@code margin}, a fraction. The region-sum tolerance only decides a
     * caveat and stays as it is.
     */
    public ConcentrationThresholds relaxedBy(double margin) {
        return new ConcentrationThresholds(
                share * (1 - margin), minGrossOutflowUsd * (1 - margin), regionSumTolerance);
    }

    static ConcentrationThresholds from(ConfigValues values) {
        return new ConcentrationThresholds(
                values.get(SHARE),
                values.get(MIN_GROSS_OUTFLOW_USD),
                values.get(REGION_SUM_TOLERANCE));
    }
}
