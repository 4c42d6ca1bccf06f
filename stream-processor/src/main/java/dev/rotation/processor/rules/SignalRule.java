package dev.rotation.processor.rules;

import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.WindowSnapshot;
import java.util.List;

/** A signal rule: a pure function of one window's snapshot (and its trailing history). */
public interface SignalRule {

    SignalType type();

    /** Zero or more detections; a rule may return several (one per instrument and level, say). */
    List<Detection> evaluate(WindowSnapshot snapshot);
}
