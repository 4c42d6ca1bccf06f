package dev.rotation.processor.topology;

import dev.rotation.model.deadletter.DeadLetterHeaders;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.serde.WireFormatException;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the dead-letter and late-event records: the original key and value bytes, the original
 * headers, and headers naming the reason, the source topic, partition, offset and timestamp. Shared
 * by the deserialization and processing exception handlers (which Kafka Streams creates
 * reflectively, so the router reaches them through the streams configuration).
 */
public final class RejectionRouter {
    /** Streams-config key under which the router instance is handed to the handlers. */
    public static final String CONFIG_KEY = "rd.rejection.router";

    private static final Logger LOG = LoggerFactory.getLogger(RejectionRouter.class);

    private final String deadLetterTopic;
    private final String lateTopic;
    private final Map<String, InputEventType> kindsByTopic;
    private final ProcessorMetrics metrics;

    public RejectionRouter(
            String deadLetterTopic,
            String lateTopic,
            Map<String, InputEventType> kindsByTopic,
            ProcessorMetrics metrics) {
        this.deadLetterTopic = deadLetterTopic;
        this.lateTopic = lateTopic;
        this.kindsByTopic = Map.copyOf(kindsByTopic);
        this.metrics = metrics;
    }

    static RejectionRouter from(Map<String, ?> configs) {
        Object r = configs.get(CONFIG_KEY);
        if (!(r instanceof RejectionRouter router)) {
            throw new IllegalStateException(
                    "Streams configuration lacks '"
                            + CONFIG_KEY
                            + "': build the configuration with StreamsSettings so rejected records have somewhere to go");
        }
        return router;
    }

    public ProcessorMetrics metrics() {
        return metrics;
    }

    /**
     * The input type read from the topic, the topic's name for another topic, or {@code internal}
     * when there is no source record (a processor that ran from a punctuation).
     */
    String kindOf(String topic) {
        if (topic == null) {
            return INTERNAL;
        }
        InputEventType k = kindsByTopic.get(topic);
        return k == null ? topic : k.label();
    }

    /** The event type of a processing error with no source record. */
    static final String INTERNAL = "internal";

    /** How much of the failing record's text a processing error's header keeps. */
    static final int FAILED_RECORD_MAX_CHARS = 16 * 1024;

    /** A record that could not be decoded. */
    ProducerRecord<byte[], byte[]> undecodable(
            ErrorHandlerContext ctx, byte[] key, byte[] value, Headers original, Exception e) {
        String reason = e instanceof WireFormatException w ? w.reason().name() : "UNDECODABLE";
        String kind = kindOf(ctx.topic());
        metrics.consumed(kind);
        metrics.deadLettered(kind, reason);
        LOG.warn(
                "Dead-lettering undecodable record {}-{}@{}: {}",
                ctx.topic(),
                ctx.partition(),
                ctx.offset(),
                reason);
        return deadLetter(ctx, key, value, original, reason, e.getMessage(), kind);
    }

    /** A record rejected by an input processor (invalid or late); consumed was counted there. */
    ProducerRecord<byte[], byte[]> rejected(ErrorHandlerContext ctx, RejectedEventException e) {
        String kind = e.kind().label();
        if (e.route() == RejectedEventException.Route.LATE) {
            metrics.late(kind, e.latenessMs());
            Headers h = copy(ctx.headers());
            common(h, ctx, kind, e.reason(), e.getMessage());
            add(h, DeadLetterHeaders.LATENESS_MS, Long.toString(e.latenessMs()));
            add(h, DeadLetterHeaders.WINDOW_END, Long.toString(e.windowEnd()));
            add(h, DeadLetterHeaders.STREAM_TIME, Long.toString(e.streamTime()));
            return new ProducerRecord<>(
                    lateTopic, null, ctx.timestamp(), ctx.sourceRawKey(), ctx.sourceRawValue(), h);
        }
        metrics.deadLettered(kind, e.reason());
        LOG.warn(
                "Dead-lettering invalid record {}-{}@{}: {}",
                ctx.topic(),
                ctx.partition(),
                ctx.offset(),
                e.getMessage());
        return deadLetter(
                ctx,
                ctx.sourceRawKey(),
                ctx.sourceRawValue(),
                ctx.headers(),
                e.reason(),
                e.getMessage(),
                kind);
    }

    /**
     * An unexpected failure while processing one record: set it aside rather than stop or drop it.
     */
    ProducerRecord<byte[], byte[]> processingError(
            ErrorHandlerContext ctx, Record<?, ?> failing, Exception e) {
        String kind = kindOf(ctx.topic());
        if (ctx.topic() == null) {
            metrics.internalError(ctx.processorNodeId());
        } else {
            metrics.deadLettered(kind, "PROCESSING_ERROR");
        }
        LOG.error(
                "Dead-lettering record {}-{}@{} after a processing error in {}",
                ctx.topic(),
                ctx.partition(),
                ctx.offset(),
                ctx.processorNodeId(),
                e);
        ProducerRecord<byte[], byte[]> out =
                deadLetter(
                        ctx,
                        ctx.sourceRawKey(),
                        ctx.sourceRawValue(),
                        ctx.headers(),
                        "PROCESSING_ERROR",
                        String.valueOf(e),
                        kind);
        add(out.headers(), DeadLetterHeaders.FAILED_NODE, ctx.processorNodeId());
        if (failing != null) {
            String text = "key=" + failing.key() + " value=" + failing.value();
            add(
                    out.headers(),
                    DeadLetterHeaders.FAILED_RECORD,
                    text.length() > FAILED_RECORD_MAX_CHARS
                            ? text.substring(0, FAILED_RECORD_MAX_CHARS)
                            : text);
        }
        return out;
    }

    private ProducerRecord<byte[], byte[]> deadLetter(
            ErrorHandlerContext ctx,
            byte[] key,
            byte[] value,
            Headers original,
            String reason,
            String message,
            String kind) {
        Headers h = copy(original);
        common(h, ctx, kind, reason, message);
        return new ProducerRecord<>(
                deadLetterTopic,
                null,
                ctx.timestamp() >= 0 ? ctx.timestamp() : null,
                key,
                value,
                h);
    }

    private static void common(
            Headers h, ErrorHandlerContext ctx, String kind, String reason, String message) {
        add(h, DeadLetterHeaders.REASON, reason);
        add(h, DeadLetterHeaders.MESSAGE, message == null ? reason : message);
        add(h, DeadLetterHeaders.STAGE, DeadLetterHeaders.STAGE_PROCESSOR);
        add(h, DeadLetterHeaders.EVENT_TYPE, kind);
        if (ctx.topic() != null) {
            // a processor that ran from a punctuation has no source record
            add(h, DeadLetterHeaders.SOURCE_TOPIC, ctx.topic());
            add(h, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(ctx.partition()));
            add(h, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(ctx.offset()));
        }
        if (ctx.timestamp() >= 0) {
            add(h, DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(ctx.timestamp()));
        }
    }

    private static Headers copy(Headers original) {
        RecordHeaders h = new RecordHeaders();
        if (original != null) {
            for (Header header : original) {
                if (!header.key().startsWith("rd.dlq.") && !header.key().startsWith("rd.late.")) {
                    h.add(header.key(), header.value());
                }
            }
        }
        return h;
    }

    /** Adds a header; a value that is not known (null, e.g. no source topic) is left out. */
    private static void add(Headers h, String key, String value) {
        if (value != null) {
            h.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
