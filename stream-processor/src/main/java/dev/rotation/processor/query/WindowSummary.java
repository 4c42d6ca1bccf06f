package dev.rotation.processor.query;

import java.time.Instant;

/**
 * One window stage 2 keeps, without its metrics.
 *
 * @param start window start, inclusive
 * @param end window end, exclusive
 * @param closed whether the window is final (the watermark passed its end plus grace)
 * @param lastEventTime event time of the newest input that changed the window's metrics ({@link
 *     Instant#EPOCH} when none did)
 * @param signals how many distinct signals the window has emitted (any status)
 */
public record WindowSummary(
        Instant start, Instant end, boolean closed, Instant lastEventTime, int signals) {}
