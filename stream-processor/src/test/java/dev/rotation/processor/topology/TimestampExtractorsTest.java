package dev.rotation.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Breakdown;
import dev.rotation.model.Metal;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.labels.BreakdownKeys;
import dev.rotation.processor.analytics.WindowPolicy;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.junit.jupiter.api.Test;

/**
 * Event time comes from the event by its type's contract, not from the record timestamp; a record
 * stage 1 refuses keeps the partition's time.
 */
class TimestampExtractorsTest {
    /** When the report was published: the Monday after its week. */
    private static final long PUBLISHED = Time.at("2026-01-26T09:00:00Z");

    /** The processor's default weekly windows and breakdown keys. */
    private static final InputChecks FLOW_CHECKS =
            InputChecks.flows(
                    WindowPolicy.of(Duration.ofDays(7), Duration.ofDays(2), 12),
                    BreakdownKeys.defaults());

    private static ConsumerRecord<Object, Object> record(Object value, long timestamp) {
        return record(
                value instanceof SpecificRecord e ? InputEventType.of(e).key(e) : "k",
                value,
                timestamp);
    }

    private static ConsumerRecord<Object, Object> record(Object key, Object value, long timestamp) {
        return new ConsumerRecord<>(
                "t",
                0,
                0,
                timestamp,
                TimestampType.CREATE_TIME,
                0,
                0,
                key,
                value,
                new RecordHeaders(),
                Optional.empty());
    }

    @Test
    void aWeeklyReportCountsAtTheLastInstantOfItsPeriodNotWhenItWasPublished() {
        TimestampExtractor flows = TimestampExtractors.of(FLOW_CHECKS);
        var flow =
                Events.flow(
                        "coinshares",
                        "r",
                        "2026-01-19",
                        "2026-01-23",
                        Breakdown.ASSET,
                        "BTC",
                        -1.09e9);

        assertThat(flows.extract(record(flow, PUBLISHED), 0))
                .isEqualTo(Time.at("2026-01-23T23:59:59.999Z"));
    }

    @Test
    void barsAndQuotesCountAtTheLastInstantOfTheirInterval() {
        long endOfDay = Time.at("2026-01-19T23:59:59.999Z");
        assertThat(
                        TimestampExtractors.of(InputChecks.contract(InputEventType.PRICES))
                                .extract(
                                        record(
                                                Events.dailyClose(
                                                        "BTC-USD", "2026-01-19", 95_000, 93_000),
                                                PUBLISHED),
                                        0))
                .isEqualTo(endOfDay);
        assertThat(
                        TimestampExtractors.of(InputChecks.contract(InputEventType.VOLUMES))
                                .extract(
                                        record(
                                                Events.dailyVolume(
                                                        "BTC-USD", "2026-01-19", 10, 1e6),
                                                PUBLISHED),
                                        0))
                .isEqualTo(endOfDay);
        assertThat(
                        TimestampExtractors.of(InputChecks.contract(InputEventType.METALS))
                                .extract(
                                        record(
                                                Events.metal(Metal.XAG, "2026-01-19", 94.5),
                                                PUBLISHED),
                                        0))
                .isEqualTo(endOfDay);
    }

    @Test
    void aRecordStageOneRefusesTakesThePartitionTimeSoItNeverMovesStreamTime() {
        TimestampExtractor flows = TimestampExtractors.of(FLOW_CHECKS);
        long partitionTime = Time.at("2026-01-18T23:59:59.999Z");
        var typo =
                Events.flow(
                        "coinshares",
                        "r",
                        "2026-02-23",
                        "2026-10-26",
                        Breakdown.ASSET,
                        "BTC",
                        -1.09e9);
        var unknownAsset =
                Events.flow(
                        "coinshares",
                        "r",
                        "2026-01-19",
                        "2026-01-23",
                        Breakdown.ASSET,
                        "Bitcoin",
                        -1.09e9);
        var good =
                Events.flow(
                        "coinshares",
                        "r",
                        "2026-01-19",
                        "2026-01-23",
                        Breakdown.ASSET,
                        "BTC",
                        -1.09e9);

        assertThat(flows.extract(record(typo, PUBLISHED), partitionTime)).isEqualTo(partitionTime);
        assertThat(flows.extract(record(typo, PUBLISHED), -1)).isZero();
        assertThat(flows.extract(record(unknownAsset, PUBLISHED), partitionTime))
                .isEqualTo(partitionTime);
        assertThat(flows.extract(record("ASSET:ETH", good, PUBLISHED), partitionTime))
                .isEqualTo(partitionTime);
        assertThat(flows.extract(record(good, PUBLISHED), partitionTime))
                .isEqualTo(Time.at("2026-01-23T23:59:59.999Z"));
    }

    @Test
    void aValueOfAnotherTypeOrNoValueTakesThePartitionTime() {
        TimestampExtractor flows = TimestampExtractors.of(FLOW_CHECKS);
        var bar = Events.dailyClose("BTC-USD", "2026-01-19", 95_000, 93_000);

        assertThat(flows.extract(record(bar, PUBLISHED), Time.day("2026-01-20")))
                .isEqualTo(Time.day("2026-01-20"));
        assertThat(flows.extract(record(null, -1), Time.day("2026-01-20")))
                .isEqualTo(Time.day("2026-01-20"));
        assertThat(flows.extract(record(null, -1), -1)).isZero();
    }
}
