package dev.rotation.processor.topology;

import dev.rotation.model.SignalType;

/** Which signal topic a signal type is published on (see docs/operations.md). */
public enum SignalRouting {
    /** Rotations inside crypto and where the outflow concentrates. */
    ROTATION,
    /**
     * Risk appetite: risk-off/on against safe havens, de-risking, cascade risk, leverage stress.
     */
    RISK_APPETITE,
    /** Plain market observations: levels crossed. */
    MARKET;

    public static SignalRouting of(SignalType type) {
        return switch (type) {
            case ROTATION_TO_HIGH_BETA, ROTATION_TO_MAINSTREAM, CONCENTRATED_OUTFLOW -> ROTATION;
            case LEVEL_BREACH, LEVEL_RECLAIM -> MARKET;
            default -> RISK_APPETITE;
        };
    }
}
