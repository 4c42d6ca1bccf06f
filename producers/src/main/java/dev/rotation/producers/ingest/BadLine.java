package dev.rotation.producers.ingest;

import dev.rotation.model.events.InputEventType;

/**
 * A line of an input file that did not become an event.
 *
 * @param file the file as named by the caller
 * @param line 1-based line number
 * @param reason machine-readable reason code (see {@link ReasonCodes} and the validator's codes)
 * @param message what is wrong, naming the column and value
 * @param rawLine the line's text exactly as read (without the line terminator)
 * @param type the event type the file holds, or null when it could not be told
 */
public record BadLine(
        String file,
        long line,
        String reason,
        String message,
        String rawLine,
        InputEventType type) {

    /** {@code file:line: REASON message}, the form every tool prints. */
    public String describe() {
        return file + ":" + line + ": " + reason + " " + message;
    }

    @Override
    public String toString() {
        return describe();
    }
}
