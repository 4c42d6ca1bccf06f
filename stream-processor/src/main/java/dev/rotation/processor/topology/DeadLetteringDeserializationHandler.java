package dev.rotation.processor.topology;

import dev.rotation.model.serde.WireFormatException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undecodable input (bad bytes, magic byte not 0, unknown schema id, a schema that does not resolve
 * to the expected type) goes to the dead-letter topic and processing continues. An unreachable
 * registry is not the record's fault: the handler backs off and fails the attempt, so the stream
 * thread is replaced and the same record is retried from the last commit.
 */
public final class DeadLetteringDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG =
            LoggerFactory.getLogger(DeadLetteringDeserializationHandler.class);
    private static final long MAX_BACKOFF_MS = 30_000;

    private RejectionRouter router;
    private long backoffMs = 500;

    @Override
    public void configure(Map<String, ?> configs) {
        this.router = RejectionRouter.from(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        Throwable cause = exception;
        while (cause != null && !(cause instanceof WireFormatException)) {
            cause = cause.getCause();
        }
        if (cause instanceof WireFormatException w && !w.isPoison()) {
            router.metrics().registryUnavailable();
            LOG.warn(
                    "Schema Registry unreachable while decoding {}-{}@{}; retrying in {} ms",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    backoffMs);
            sleep(backoffMs);
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            return Response.fail();
        }
        backoffMs = 500;
        Exception reported = cause instanceof Exception e ? e : exception;
        return Response.resume(
                List.of(
                        router.undecodable(
                                context,
                                record.key(),
                                record.value(),
                                record.headers(),
                                reported)));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
