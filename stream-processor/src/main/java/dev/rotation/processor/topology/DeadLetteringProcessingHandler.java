package dev.rotation.processor.topology;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Routes records that an input processor rejected (invalid: dead-letter topic; too late:
 * late-events topic) with their original bytes, and sets aside any record whose processing failed
 * unexpectedly instead of dropping it or stopping the application.
 */
public final class DeadLetteringProcessingHandler implements ProcessingExceptionHandler {
    private RejectionRouter router;

    @Override
    public void configure(Map<String, ?> configs) {
        this.router = RejectionRouter.from(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof RejectedEventException rejected) {
            return Response.resume(List.of(router.rejected(context, rejected)));
        }
        return Response.resume(List.of(router.processingError(context, record, exception)));
    }
}
