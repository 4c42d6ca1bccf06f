package dev.rotation.processor.query;

import dev.rotation.model.SignalStatus;

/**
 * What stage 2's lifecycle remembers of a signal it emitted for a window: its id and the revision
 * and status of its latest record (revisions count from 1, one per record emitted).
 */
public record SignalVersion(String signalId, int revision, SignalStatus status) {}
