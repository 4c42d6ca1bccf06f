package dev.rotation.producers.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar on stderr, redrawn at most five times a second; silent when disabled. */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean enabled;
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw;

    Progress(PrintWriter err, boolean enabled, long total) {
        this.err = err;
        this.enabled = enabled;
        this.total = total;
    }

    void update(long done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double rate = done / Math.max((now - start) / 1e9, 1e-9);
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            err.printf(
                    Locale.ROOT,
                    "\r[%s%s] %3d%% %d/%d events %.0f events/s",
                    "#".repeat(filled),
                    " ".repeat(WIDTH - filled),
                    100 * done / total,
                    done,
                    total,
                    rate);
        } else {
            err.printf(Locale.ROOT, "\r%d events %.0f events/s", done, rate);
        }
        err.flush();
    }

    void finish() {
        if (enabled && lastDraw != 0) {
            err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
            err.flush();
        }
    }
}
