package dev.rotation.processor.topology;

/** The four input feeds, with the names used in metrics, store names and dead-letter headers. */
public enum InputKind {
    FLOWS("flows"),
    PRICES("prices"),
    VOLUMES("volumes"),
    METALS("metals");

    private final String label;

    InputKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
