package dev.rotation.processor.lifecycle;

import dev.rotation.model.SignalStatus;

/** What the lifecycle remembers of a signal it emitted: enough to revise or retract it. */
public record EmittedSignal(
        String signalId, int revision, SignalStatus status, String fingerprint) {}
