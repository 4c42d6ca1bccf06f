package dev.rotation.producers.ingest;

import dev.rotation.model.events.InputEventType;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one file yielded: the good events in file order and the bad lines, kept apart so the
 * caller can stop (fail) or publish the good ones and dead-letter the bad ones.
 *
 * @param file the file as named by the caller
 * @param type the event type of the file, or null when the header could not be read
 * @param layout the layout recognised from the header, or null
 * @param events valid events, in file order
 * @param badLines bad lines, in file order
 */
public record IngestResult(String file, InputEventType type, InputLayout layout, List<SpecificRecord> events,
                           List<BadLine> badLines) {
    public IngestResult {
        events = List.copyOf(events);
        badLines = List.copyOf(badLines);
    }

    public boolean clean() {
        return badLines.isEmpty();
    }
}
