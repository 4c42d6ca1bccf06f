package dev.rotation.producers.simulator;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One row of the ground-truth label file: a signal the simulator planted.
 *
 * @param windowStart Monday 00:00Z of the week (the detector's window start)
 * @param signalType the signal type (docs/signals.md) (e.g. ROTATION_TO_HIGH_BETA, LEVEL_RECLAIM)
 * @param subjects the assets, regions or instruments involved, separated by ';'
 * @param note what was planted, in numbers
 */
public record ScenarioLabel(Instant windowStart, String signalType, String subjects, String note) {

    public static final String HEADER = "window_start,signal_type,subjects,note";

    public String toCsv() {
        return windowStart + "," + signalType + "," + quote(subjects) + "," + quote(note);
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** Writes the label file (CSV with header). */
    public static void write(List<ScenarioLabel> labels, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (ScenarioLabel l : labels) {
                w.write(l.toCsv());
                w.write('\n');
            }
        }
    }
}
