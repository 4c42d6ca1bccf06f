package dev.rotation.processor.analytics;

/** What adding a flow to a {@link FlowAccumulator} did. */
public enum AddResult {
    /** A flow with a new identity. */
    NEW,
    /** The same identity with the same value: nothing changed. */
    DUPLICATE,
    /**
     * The same identity with a different value: the new value replaced the old one (a revision).
     */
    REVISED,
    /**
     * The accumulator is full ({@link FlowAccumulator#MAX_ENTRIES}); the flow was not added. Never
     * silent: the caller must count it.
     */
    REJECTED_FULL
}
