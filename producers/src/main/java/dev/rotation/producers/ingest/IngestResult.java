package dev.rotation.producers.ingest;

import dev.rotation.model.Breakdown;
import dev.rotation.model.events.InputEventType;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one file yielded: the good events in file order and the bad lines, kept apart so the caller
 * can stop (fail) or publish the good ones and dead-letter the bad ones; or, when the file as a
 * whole cannot be used, the {@link FileProblem} and nothing else.
 *
 * @param file the file as named by the caller
 * @param type the event type of the file, or null when the header could not be read
 * @param layout the layout recognised from the header, or null
 * @param events valid events, in file order (empty when {@code problem} is set)
 * @param badLines bad lines, in file order (empty when {@code problem} is set)
 * @param problem why the whole file is unusable, or null when it was read
 * @param resolvedLabels the publishers' labels read as keys, in the order first met
 * @param notes what the reader skipped or doubts without refusing a line, one sentence each, e.g.
 *     {@code line 9: 'Total' row skipped, a total of days, not a day ...} (ETF flow layouts)
 * @param conflictsAcrossFiles how many of the bad lines are {@code CONFLICTING_ROWS} with a row of
 *     another file of the same run
 */
public record IngestResult(
        String file,
        InputEventType type,
        InputLayout layout,
        List<SpecificRecord> events,
        List<BadLine> badLines,
        FileProblem problem,
        List<ResolvedLabel> resolvedLabels,
        List<String> notes,
        int conflictsAcrossFiles) {
    public IngestResult {
        events = List.copyOf(events);
        badLines = List.copyOf(badLines);
        resolvedLabels = List.copyOf(resolvedLabels);
        notes = List.copyOf(notes);
    }

    /** With no conflict across files. */
    public IngestResult(
            String file,
            InputEventType type,
            InputLayout layout,
            List<SpecificRecord> events,
            List<BadLine> badLines,
            FileProblem problem,
            List<ResolvedLabel> resolvedLabels,
            List<String> notes) {
        this(file, type, layout, events, badLines, problem, resolvedLabels, notes, 0);
    }

    /** Without notes. */
    public IngestResult(
            String file,
            InputEventType type,
            InputLayout layout,
            List<SpecificRecord> events,
            List<BadLine> badLines,
            FileProblem problem,
            List<ResolvedLabel> resolvedLabels) {
        this(file, type, layout, events, badLines, problem, resolvedLabels, List.of());
    }

    /**
     * A publisher's label the file used and the key it was read as.
     *
     * @param breakdown ASSET or REGION
     * @param label the text of the file ({@code Bitcoin}, {@code United States})
     * @param key the key it names ({@code BTC}, {@code US})
     * @param rows how many rows carried it (0 when it is the asset a wide table states once)
     * @param statedBy where a wide table's asset was stated ({@code its '# asset:' line}, {@code
     *     --asset}), or null for a label read in rows
     */
    public record ResolvedLabel(
            Breakdown breakdown, String label, String key, int rows, String statedBy) {
        /** A label read in rows. */
        public ResolvedLabel(Breakdown breakdown, String label, String key, int rows) {
            this(breakdown, label, key, rows, null);
        }

        /**
         * {@code 'Bitcoin' as BTC (2 rows)}, or {@code 'Bitcoin' as BTC (the table's asset, from
         * its '# asset:' line)}.
         */
        public String describe() {
            String where =
                    statedBy != null
                            ? "the table's asset, from " + statedBy
                            : rows + (rows == 1 ? " row" : " rows");
            return "'" + label + "' as " + key + " (" + where + ")";
        }
    }

    /** A file that could not be used at all. */
    static IngestResult unusable(FileProblem problem, InputEventType type) {
        return new IngestResult(
                problem.file(), type, null, List.of(), List.of(), problem, List.of());
    }

    /** True when the file was read (it may still have bad lines). */
    public boolean usable() {
        return problem == null;
    }

    /** True when the file was read and every line became an event. */
    public boolean clean() {
        return problem == null && badLines.isEmpty();
    }
}
