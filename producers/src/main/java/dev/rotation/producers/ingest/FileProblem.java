package dev.rotation.producers.ingest;

/**
 * What makes a whole input file unusable: it is missing or unreadable, it is not UTF-8 text, its
 * separator is not a comma, or its header matches no known layout. Nothing from such a file is
 * published, whatever {@code --on-error} says; the bad lines of a usable file are {@link BadLine}s.
 *
 * @param file the file as named by the caller
 * @param line 1-based line of the header at fault, or 0 when the problem is the file itself
 * @param reason machine-readable reason code (see {@link ReasonCodes})
 * @param message what is wrong and what to do, in one line
 */
public record FileProblem(String file, long line, String reason, String message) {

    /** {@code file[:line]: REASON message}, the form every tool prints. */
    public String describe() {
        return (line > 0 ? file + ":" + line : file) + ": " + reason + " " + message;
    }

    @Override
    public String toString() {
        return describe();
    }
}
