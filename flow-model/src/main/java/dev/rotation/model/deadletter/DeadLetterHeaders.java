package dev.rotation.model.deadletter;

/**
 * Header names on dead-letter and late-event records. The record's key and value are the original
 * bytes, untouched; these headers say why it was set aside and where it came from. Values are UTF-8
 * strings.
 */
public final class DeadLetterHeaders {
    /** Machine-readable reason code, e.g. UNKNOWN_MAGIC_BYTE, NOT_FINITE, BAD_LINE. */
    public static final String REASON = "rd.dlq.reason";

    /** Human-readable message. */
    public static final String MESSAGE = "rd.dlq.message";

    /** Which stage set the record aside: producer or processor. */
    public static final String STAGE = "rd.dlq.stage";

    /** Source topic, partition, offset and record timestamp (processor stage). */
    public static final String SOURCE_TOPIC = "rd.dlq.source.topic";

    public static final String SOURCE_PARTITION = "rd.dlq.source.partition";
    public static final String SOURCE_OFFSET = "rd.dlq.source.offset";
    public static final String SOURCE_TIMESTAMP = "rd.dlq.source.timestamp";

    /** Source file and 1-based line number (producer stage, file ingest). */
    public static final String SOURCE_FILE = "rd.dlq.source.file";

    public static final String SOURCE_LINE = "rd.dlq.source.line";

    /** The event type the record was meant to be (flows, prices, volumes, metals). */
    public static final String EVENT_TYPE = "rd.dlq.event.type";

    /**
     * Late events: how far behind the window close plus grace, the window end and the stream time.
     */
    public static final String LATENESS_MS = "rd.late.lateness.ms";

    public static final String WINDOW_END = "rd.late.window.end";
    public static final String STREAM_TIME = "rd.late.stream.time";

    public static final String STAGE_PRODUCER = "producer";
    public static final String STAGE_PROCESSOR = "processor";

    private DeadLetterHeaders() {}
}
