package dev.rotation.processor.topology;

import static dev.rotation.processor.topology.Events.dailyClose;
import static dev.rotation.processor.topology.Events.dailyVolume;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.PriceBar;
import dev.rotation.model.deadletter.DeadLetterHeaders;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing lost, nothing silent: every bad, duplicate or late record is accounted for. */
class BadInputTopologyTest {

    @Test
    void undecodableRecordsGoToTheDeadLetterTopicWithTheirBytesAndReason(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
            byte[] unknownId = {0, 0, 0, 0x7f, 0x7f, 2, 4, 6};
            byte[] tooShort = {0, 1};
            d.pipeRawPrice("BTC-USD".getBytes(StandardCharsets.UTF_8), garbage);
            d.pipeRawPrice("BTC-USD".getBytes(StandardCharsets.UTF_8), unknownId);
            d.pipeRawPrice(null, tooShort);

            List<TestRecord<byte[], byte[]>> dead = d.deadLetters();
            assertThat(dead).hasSize(3);
            assertThat(dead.get(0).value()).isEqualTo(garbage);
            assertThat(DetectorDriver.header(dead.get(0).headers(), DeadLetterHeaders.REASON))
                    .isEqualTo("UNKNOWN_MAGIC_BYTE");
            assertThat(DetectorDriver.header(dead.get(1).headers(), DeadLetterHeaders.REASON))
                    .isEqualTo("UNKNOWN_SCHEMA_ID");
            assertThat(DetectorDriver.header(dead.get(2).headers(), DeadLetterHeaders.REASON))
                    .isEqualTo("TOO_SHORT");
            assertThat(DetectorDriver.header(dead.get(1).headers(), DeadLetterHeaders.SOURCE_TOPIC))
                    .isEqualTo(d.topics.prices().name());
            assertThat(
                            DetectorDriver.header(
                                    dead.get(1).headers(), DeadLetterHeaders.SOURCE_OFFSET))
                    .isEqualTo("1");
            assertThat(DetectorDriver.header(dead.get(1).headers(), DeadLetterHeaders.STAGE))
                    .isEqualTo("processor");
            assertThat(
                            d.metrics.count(
                                    ProcessorMetrics.DEAD_LETTERED,
                                    "kind",
                                    "prices",
                                    "reason",
                                    "UNKNOWN_MAGIC_BYTE"))
                    .isEqualTo(1);

            // processing continues
            d.pipe(dailyClose("BTC-USD", "2026-01-19", 95000, 93000));
            assertThat(d.metrics.count(ProcessorMetrics.AGGREGATED, "kind", "prices")).isEqualTo(1);
        }
    }

    @Test
    void invalidEventsAreDeadLetteredWithTheValidationReason(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            PriceBar nan =
                    PriceBar.newBuilder(dailyClose("BTC-USD", "2026-01-19", 95000, 93000))
                            .setClose(Double.NaN)
                            .build();
            d.pipe(nan);
            d.pipe(dailyVolume("BTC-USD", "2026-01-19", -5, 100));
            PriceBar backwards =
                    PriceBar.newBuilder(dailyClose("ETH-USD", "2026-01-19", 3000, 3100))
                            .setIntervalEnd(java.time.Instant.ofEpochMilli(Time.day("2026-01-18")))
                            .build();
            d.pipe(backwards);
            d.pipeWithKey("WRONG-KEY", dailyClose("SOL-USD", "2026-01-19", 130, 128));
            d.pipe(
                    Events.flow(
                            "coinshares",
                            "r1",
                            "2026-01-19",
                            "2026-01-23",
                            dev.rotation.model.Breakdown.ASSET,
                            "NOTACOIN",
                            5));

            List<String> reasons =
                    d.deadLetters().stream()
                            .map(r -> DetectorDriver.header(r.headers(), DeadLetterHeaders.REASON))
                            .toList();
            assertThat(reasons)
                    .containsExactly(
                            "NOT_FINITE",
                            "NEGATIVE_VOLUME",
                            "END_BEFORE_START",
                            "KEY_MISMATCH",
                            "UNKNOWN_ASSET");
        }
    }

    @Test
    void accountingHoldsAcrossGoodBadDuplicateAndLateRecords(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            d.pipe(dailyClose("BTC-USD", "2026-01-05", 90000, 91000)); // good
            d.pipe(dailyClose("BTC-USD", "2026-01-05", 90000, 91000)); // duplicate (same eventId)
            d.pipeRawPrice(
                    "BTC-USD".getBytes(StandardCharsets.UTF_8),
                    new byte[] {1, 2, 3, 4, 5, 6}); // undecodable
            d.pipe(dailyClose("BTC-USD", "2026-01-20", 91000, 92000)); // good, moves stream time on
            d.pipe(
                    dailyClose(
                            "BTC-USD",
                            "2026-01-06",
                            91000,
                            90500)); // window of 5 Jan closed at 15 Jan: late
            d.pipe(
                    PriceBar.newBuilder(dailyClose("BTC-USD", "2026-01-21", 92000, 93000))
                            .setHigh(-1)
                            .build()); // invalid

            List<TestRecord<byte[], byte[]>> late = d.lateEvents();
            assertThat(late).hasSize(1);
            assertThat(
                            Long.parseLong(
                                    DetectorDriver.header(
                                            late.get(0).headers(), DeadLetterHeaders.LATENESS_MS)))
                    .isPositive();
            assertThat(d.deadLetters()).hasSize(2);

            ProcessorMetrics m = d.metrics;
            double consumed = m.count(ProcessorMetrics.CONSUMED, "kind", "prices");
            double aggregated = m.count(ProcessorMetrics.AGGREGATED, "kind", "prices");
            double dead = m.sum(ProcessorMetrics.DEAD_LETTERED, "kind", "prices");
            double lateCount = m.count(ProcessorMetrics.LATE, "kind", "prices");
            assertThat(consumed).isEqualTo(6);
            assertThat(aggregated).isEqualTo(3);
            assertThat(m.count(ProcessorMetrics.DUPLICATES, "kind", "prices")).isEqualTo(1);
            assertThat(dead).isEqualTo(2);
            assertThat(lateCount).isEqualTo(1);
            assertThat(consumed).isEqualTo(aggregated + dead + lateCount);
        }
    }
}
