package dev.rotation.producers.publish;

import java.util.concurrent.locks.LockSupport;

/** Holds a loop to a target rate (events per second); a rate of 0 or less means no limit. */
public final class Pacer {
    private final double nanosPerEvent;
    private final long start = System.nanoTime();
    private long count;

    public Pacer(double eventsPerSecond) {
        this.nanosPerEvent = eventsPerSecond > 0 ? 1e9 / eventsPerSecond : 0;
    }

    /** Call once per event: parks when the loop is ahead of schedule. */
    public void acquire() {
        count++;
        if (nanosPerEvent == 0) {
            return;
        }
        long due = start + (long) (count * nanosPerEvent);
        long ahead = due - System.nanoTime();
        if (ahead > 1_000_000) {
            LockSupport.parkNanos(ahead);
        }
    }
}
