package dev.rotation.processor.query;

import dev.rotation.model.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The detector's read side: the signals, windows and metrics that stage 2 (the cross-asset
 * snapshot) keeps, without its store layout. The HTTP endpoints, the demo and the web view read
 * through it; how the state is stored stays private to the topology.
 *
 * <p>Stage 2 is one task, so its state lives on one instance of the application at a time. Every
 * method throws {@link QueryUnavailableException} when this instance cannot answer: the exception
 * names the instance that can (the caller forwards the question there) or says that no instance can
 * yet (rebalancing, restoring: retry shortly).
 */
public interface DetectorQueries {

    /**
     * The latest revision of every kept signal that matches the query, newest window first, then by
     * type and signalId; at most {@link SignalQuery#limit()} of them. Signals are kept for {@code
     * signals.retention.windows} windows.
     */
    List<Signal> signals(SignalQuery query);

    /** The windows stage 2 keeps, oldest first, without their metrics. */
    List<WindowSummary> windows();

    /**
     * The kept window that contains {@code at} (start inclusive, end exclusive) with every
     * subject's metrics; empty when no data reached such a window or it has been purged.
     */
    Optional<WindowView> window(Instant at);

    /**
     * What is kept of one signal's revisions (see {@link SignalHistory}); empty for an unknown or
     * purged id.
     */
    Optional<SignalHistory> history(String signalId);

    /**
     * The relative rotation graph of the assets with prices: each asset's RS-Ratio / RS-Momentum
     * trail over the trailing FINAL windows and the newest open window (see {@link RotationView});
     * assets with fewer than {@code rrg.ratio-windows + rrg.momentum-windows} windows of closes are
     * left out.
     */
    RotationView rotation();
}
