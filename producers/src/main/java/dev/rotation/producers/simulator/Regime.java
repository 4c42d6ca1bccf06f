package dev.rotation.producers.simulator;

/** The market's mood for a week: it scales volatility and flow sizes and sets the drift. */
public enum Regime {
    CALM(1.0, 1.0),
    TRENDING(1.3, 1.5),
    STRESSED(1.8, 2.2);

    private final double volatilityScale;
    private final double flowScale;

    Regime(double volatilityScale, double flowScale) {
        this.volatilityScale = volatilityScale;
        this.flowScale = flowScale;
    }

    public double volatilityScale() {
        return volatilityScale;
    }

    public double flowScale() {
        return flowScale;
    }
}
