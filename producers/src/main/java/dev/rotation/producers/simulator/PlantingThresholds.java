package dev.rotation.producers.simulator;

/**
 * The detector's documented thresholds, as the caller reads them from the processor's
 * configuration, that a {@link Variation} draws its planted magnitudes and near misses around. The
 * simulator holds no copy of them: the producers do not depend on the processor.
 *
 * @param rotationMinLeavingUsd a rotation's leaving group must lose at least this, USD
 * @param rotationMinReceivingUsd a rotation's receiving group's inflowing assets must take at least
 *     this, USD
 * @param riskShiftMinCryptoFlowUsd a risk shift's crypto net flow must reach this in size, USD
 * @param riskShiftMinMetalReturn a risk shift's metal return must reach this in size, a fraction
 * @param deriskingMinOutflowUsd a de-risking asset's net outflow must reach this, USD
 * @param deriskingMinPullback a de-risking instrument's return must be at most minus this
 * @param concentrationShare a concentration's top region (or top two assets) must hold this share
 *     of the gross outflow, 0..1
 * @param concentrationMinGrossOutflowUsd a concentration's breakdown must lose at least this gross,
 *     USD
 * @param cascadeMinBreakdown a cascade's window return must be at most minus this
 */
public record PlantingThresholds(
        double rotationMinLeavingUsd,
        double rotationMinReceivingUsd,
        double riskShiftMinCryptoFlowUsd,
        double riskShiftMinMetalReturn,
        double deriskingMinOutflowUsd,
        double deriskingMinPullback,
        double concentrationShare,
        double concentrationMinGrossOutflowUsd,
        double cascadeMinBreakdown) {

    public PlantingThresholds {
        if (concentrationShare <= 0.2 || concentrationShare >= 1) {
            throw new IllegalArgumentException(
                    "concentrationShare must be within (0.2, 1) for the simulator to plant around"
                            + " it: "
                            + concentrationShare);
        }
    }
}
