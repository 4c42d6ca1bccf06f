package dev.rotation.model.deadletter;

/**
 * Header names on dead-letter, late-event and undelivered-alert records. The record's key and value
 * are the original bytes, untouched; these headers say why it was set aside and where it came from.
 * Values are UTF-8 strings.
 */
public final class DeadLetterHeaders {
    /** Machine-readable reason code, e.g. UNKNOWN_MAGIC_BYTE, NOT_FINITE, BAD_LINE. */
    public static final String REASON = "rd.dlq.reason";

    /** Human-readable message. */
    public static final String MESSAGE = "rd.dlq.message";

    /** Which stage set the record aside: producer, processor or notify. */
    public static final String STAGE = "rd.dlq.stage";

    /** Source topic, partition, offset and record timestamp (processor and notify stages). */
    public static final String SOURCE_TOPIC = "rd.dlq.source.topic";

    public static final String SOURCE_PARTITION = "rd.dlq.source.partition";
    public static final String SOURCE_OFFSET = "rd.dlq.source.offset";
    public static final String SOURCE_TIMESTAMP = "rd.dlq.source.timestamp";

    /** Source file and 1-based line number (producer stage, file ingest). */
    public static final String SOURCE_FILE = "rd.dlq.source.file";

    public static final String SOURCE_LINE = "rd.dlq.source.line";

    /**
     * Processing errors: the processor node that failed, and the record it was processing as text
     * (at most 16 KiB), which is not the source record when the node is past the first one (stage
     * 2) or ran from a punctuation (then there is no source record at all).
     */
    public static final String FAILED_NODE = "rd.dlq.failed.node";

    public static final String FAILED_RECORD = "rd.dlq.failed.record";

    /** The event type the record was meant to be (flows, prices, volumes, metals). */
    public static final String EVENT_TYPE = "rd.dlq.event.type";

    /**
     * Late events: how far behind the window close plus grace, the window end and the stream time.
     */
    public static final String LATENESS_MS = "rd.late.lateness.ms";

    public static final String WINDOW_END = "rd.late.window.end";
    public static final String STREAM_TIME = "rd.late.stream.time";

    /** Undelivered alerts: how many delivery attempts were made (decimal). */
    public static final String ATTEMPTS = "rd.dlq.attempts";

    /** Undelivered alerts: the last HTTP status the webhook answered, absent when none. */
    public static final String HTTP_STATUS = "rd.dlq.http.status";

    public static final String STAGE_PRODUCER = "producer";
    public static final String STAGE_PROCESSOR = "processor";

    /** The webhook notifier ({@code rotation-detector notify}). */
    public static final String STAGE_NOTIFY = "notify";

    private DeadLetterHeaders() {}
}
