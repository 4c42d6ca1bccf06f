package dev.rotation.processor.topology;

import java.util.HashMap;
import java.util.Map;

/**
 * Event-time progress of every stage-1 task, as stage 2 sees it. Each stage-1 task owns one
 * partition of every input feed and processes them in timestamp order, but tasks progress
 * independently (one partition's backlog may be days ahead of another's). The watermark is the
 * slowest active task's stream time: a window closes only when every task still delivering has
 * moved past its end plus grace, so a fast partition cannot close a week before a slower one has
 * delivered it. A task that has not advanced for the idle timeout (wall clock) stops holding the
 * watermark back, so a partition that has simply gone quiet does not freeze the detector. Plain
 * class, no Kafka.
 */
final class SourceClocks {
    private record Clock(long streamTime, long lastAdvanceWallMs) {}

    private final long idleMs;
    private final int expectedSources;
    private final Map<String, Clock> clocks = new HashMap<>();
    private long firstSeenWallMs = -1;
    private long lastAnyAdvanceWallMs = -1;

    /**
     * @param expectedSources how many stage-1 tasks exist (the input topics' partition count);
     *     until that many have reported, or the idle timeout has passed since the first did, no
     *     window closes, so a task that is slow to start cannot be overtaken; 0 = don't wait
     */
    SourceClocks(long idleMs, int expectedSources) {
        this.idleMs = idleMs;
        this.expectedSources = expectedSources;
    }

    /**
     * Forgets everything: the state a (re)initialised stage 2 starts from before it restores the
     * stored clocks.
     */
    void clear() {
        clocks.clear();
        firstSeenWallMs = -1;
        lastAnyAdvanceWallMs = -1;
    }

    /**
     * Restores a source's progress after a restart; it counts as active from now. A restart is a
     * stall like any other: until some source advances again nothing has progressed, so if that
     * takes longer than the idle timeout (the input paused, or tasks still restoring), every source
     * gets a fresh timeout when the first one resumes instead of being passed over at once.
     */
    void restore(String source, long streamTime, long nowWallMs) {
        clocks.put(source, new Clock(streamTime, nowWallMs));
        if (firstSeenWallMs < 0) {
            firstSeenWallMs = nowWallMs;
        }
        lastAnyAdvanceWallMs = nowWallMs;
    }

    /** Records a source's stream time; true if it advanced (and should be persisted). */
    boolean observe(String source, long streamTime, long nowWallMs) {
        if (firstSeenWallMs < 0) {
            firstSeenWallMs = nowWallMs;
        }
        Clock c = clocks.get(source);
        if (c == null || streamTime > c.streamTime()) {
            if (lastAnyAdvanceWallMs >= 0 && nowWallMs - lastAnyAdvanceWallMs > idleMs) {
                // the whole pipeline was stalled (broker outage, rebalance, restore): idleness only
                // counts while the others progress, so every source gets a fresh timeout to resume
                clocks.replaceAll((k, v) -> new Clock(v.streamTime(), nowWallMs));
            }
            lastAnyAdvanceWallMs = nowWallMs;
            clocks.put(source, new Clock(streamTime, nowWallMs));
            return true;
        }
        return false;
    }

    /**
     * The slowest active source's stream time. When no source is advancing (an outage, a rebalance,
     * state being restored, or simply the end of the data) the slowest of all: a stall must never
     * let the fastest task close windows the others have not delivered. An idle source is only
     * passed over while another one is still advancing. Long.MIN_VALUE when no source has reported
     * yet.
     */
    long watermark(long nowWallMs) {
        if (clocks.size() < expectedSources && nowWallMs - firstSeenWallMs <= idleMs) {
            return Long.MIN_VALUE;
        }
        long minActive = Long.MAX_VALUE;
        long minAll = Long.MAX_VALUE;
        for (Clock c : clocks.values()) {
            minAll = Math.min(minAll, c.streamTime());
            if (nowWallMs - c.lastAdvanceWallMs() <= idleMs) {
                minActive = Math.min(minActive, c.streamTime());
            }
        }
        if (minActive != Long.MAX_VALUE) {
            return minActive;
        }
        return minAll == Long.MAX_VALUE ? Long.MIN_VALUE : minAll;
    }

    /**
     * Whether some source may still deliver events before {@code time}: a source that is advancing
     * (within the idle timeout) and has not reached it, or a source not heard from yet while the
     * start-up wait of {@link #watermark} lasts. A source that has gone quiet does not count, so a
     * missing event is still given up on once the others are past it or idle.
     *
     * @param time event time, epoch ms
     */
    boolean advancingBefore(long time, long nowWallMs) {
        if (clocks.size() < expectedSources
                && firstSeenWallMs >= 0
                && nowWallMs - firstSeenWallMs <= idleMs) {
            return true;
        }
        for (Clock c : clocks.values()) {
            if (c.streamTime() < time && nowWallMs - c.lastAdvanceWallMs() <= idleMs) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return clocks.size();
    }
}
