package dev.rotation.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.deadletter.DeadLetterHeaders;
import dev.rotation.model.events.InputEventType;
import dev.rotation.processor.ops.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * A processing error is set aside, never thrown again from the handler: also when the failing
 * processor ran from a punctuation and there is no source record (stage 2 taking a batch of
 * updates, which is where the single-task layout runs it).
 */
class RejectionRouterTest {
    private final ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry());
    private final RejectionRouter router =
            new RejectionRouter(
                    "rd.dead-letter",
                    "rd.late-events",
                    Map.of("rd.prices", InputEventType.PRICES),
                    metrics);

    @Test
    void aFailureFromAPunctuationIsDeadLetteredWithTheFailingUpdateAndCountedApart() {
        ProducerRecord<byte[], byte[]> out =
                router.processingError(
                        context(null, -1, -1, -1, null, null, "snapshot"),
                        new Record<>("000001768780800000", "SubjectUpdate[subject=BTC-USD]", 1L),
                        new IllegalStateException("boom"));

        assertThat(out.topic()).isEqualTo("rd.dead-letter");
        assertThat(out.key()).isNull();
        assertThat(out.value()).isNull();
        assertThat(header(out.headers(), DeadLetterHeaders.REASON)).isEqualTo("PROCESSING_ERROR");
        assertThat(header(out.headers(), DeadLetterHeaders.EVENT_TYPE)).isEqualTo("internal");
        assertThat(header(out.headers(), DeadLetterHeaders.FAILED_NODE)).isEqualTo("snapshot");
        assertThat(header(out.headers(), DeadLetterHeaders.FAILED_RECORD))
                .isEqualTo("key=000001768780800000 value=SubjectUpdate[subject=BTC-USD]");
        assertThat(header(out.headers(), DeadLetterHeaders.MESSAGE)).contains("boom");
        assertThat(out.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC)).isNull();
        assertThat(out.headers().lastHeader(DeadLetterHeaders.SOURCE_OFFSET)).isNull();
        assertThat(metrics.sum(ProcessorMetrics.INTERNAL_ERRORS, "node", "snapshot")).isEqualTo(1);
        assertThat(metrics.sum(ProcessorMetrics.DEAD_LETTERED))
                .as("not an input record: the input accounting is untouched")
                .isZero();
    }

    @Test
    void aFailureOnAnInputRecordKeepsItsBytesAndNamesWhereItWasRead() {
        byte[] key = "BTC-USD".getBytes(StandardCharsets.UTF_8);
        byte[] value = {0, 0, 0, 0, 7, 1};
        ProducerRecord<byte[], byte[]> out =
                router.processingError(
                        context("rd.prices", 2, 41, 1_000L, key, value, "aggregate"),
                        new Record<>("BTC-USD", "PriceBar", 1_000L),
                        new IllegalStateException("boom"));

        assertThat(out.key()).isEqualTo(key);
        assertThat(out.value()).isEqualTo(value);
        assertThat(header(out.headers(), DeadLetterHeaders.EVENT_TYPE)).isEqualTo("prices");
        assertThat(header(out.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("rd.prices");
        assertThat(header(out.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(header(out.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(header(out.headers(), DeadLetterHeaders.FAILED_NODE)).isEqualTo("aggregate");
        assertThat(metrics.sum(ProcessorMetrics.DEAD_LETTERED, "kind", "prices")).isEqualTo(1);
    }

    private static String header(Headers h, String key) {
        Header last = h.lastHeader(key);
        return last == null ? null : new String(last.value(), StandardCharsets.UTF_8);
    }

    private static ErrorHandlerContext context(
            String topic,
            int partition,
            long offset,
            long timestamp,
            byte[] rawKey,
            byte[] rawValue,
            String node) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return partition;
            }

            @Override
            public long offset() {
                return offset;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return node;
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            @Override
            public long timestamp() {
                return timestamp;
            }

            @Override
            public byte[] sourceRawKey() {
                return rawKey;
            }

            @Override
            public byte[] sourceRawValue() {
                return rawValue;
            }
        };
    }
}
