package dev.rotation.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import dev.rotation.model.events.InputEventType;
import dev.rotation.processor.analytics.PriceAccumulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state format: what is written reads back, and state written by earlier versions still loads. */
class StateSerdeTest {
    private final StateSerde<PriceAccumulator> serde = new StateSerde<>(PriceAccumulator.class);

    @Test
    void aPriceAccumulatorRoundTripsWithItsBuckets() {
        PriceAccumulator acc = new PriceAccumulator(3_600_000L, 168);
        for (int h = 0; h < 200; h++) { // more than 168 hours: the buckets coarsen once
            acc.add(h % 2 == 0 ? "coinbase" : "kraken", 1_768_780_800_000L + h * 3_600_000L, 100 + h, 101 + h, 99 + h, 100.5 + h);
        }
        byte[] bytes = serde.serializer().serialize("t", acc);
        PriceAccumulator back = serde.deserializer().deserialize("t", bytes);

        assertThat(back.buckets).hasSameSizeAs(acc.buckets).isNotEmpty();
        for (int i = 0; i < acc.buckets.size(); i++) {
            assertThat(back.buckets.get(i).index).isEqualTo(acc.buckets.get(i).index);
            assertThat(back.buckets.get(i).time).isEqualTo(acc.buckets.get(i).time);
            assertThat(back.buckets.get(i).close).isEqualTo(acc.buckets.get(i).close);
        }
        assertThat(back.bucketMs).isEqualTo(acc.bucketMs);
        assertThat(back.toMetrics("BTC-USD", 99.0)).isEqualTo(acc.toMetrics("BTC-USD", 99.0));
        // 24 bytes a bucket plus the scalar fields, not an object per bucket
        assertThat(bytes.length).isLessThan(acc.buckets.size() * 24 + 300);
    }

    @Test
    void bucketsWrittenAsSevenBitBinaryByEarlierVersionsStillLoad() throws Exception {
        PriceAccumulator acc = new PriceAccumulator(3_600_000L, 168);
        acc.add("coinbase", 7_200_000L, 100, 101, 99, 100.5);
        acc.add("coinbase", 10_800_000L, 100.5, 103, 100, 102);
        byte[] sevenBit = new ObjectMapper(new SmileFactory()).writeValueAsBytes(acc);

        PriceAccumulator back = serde.deserializer().deserialize("t", sevenBit);

        assertThat(back.buckets).extracting(b -> b.close).containsExactly(100.5, 102.0);
    }

    @Test
    void bucketsWrittenAsObjectsByEarlierVersionsStillLoad() throws Exception {
        byte[] earlier = new ObjectMapper(new SmileFactory()).writeValueAsBytes(Map.ofEntries(
                Map.entry("bucketMs", 3_600_000L), Map.entry("maxBuckets", 168), Map.entry("bars", 2),
                Map.entry("firstOpen", 100.0), Map.entry("firstEventTime", 7_200_000L), Map.entry("lastClose", 102.0),
                Map.entry("lastEventTime", 10_800_000L), Map.entry("high", 103.0), Map.entry("low", 99.0),
                Map.entry("sources", List.of("coinbase")),
                Map.entry("buckets", List.of(Map.of("index", 2, "time", 7_200_000L, "close", 101.0),
                        Map.of("index", 3, "time", 10_800_000L, "close", 102.0)))));

        PriceAccumulator acc = serde.deserializer().deserialize("t", earlier);

        assertThat(acc.buckets).extracting(b -> b.close).containsExactly(101.0, 102.0);
        assertThat(acc.buckets).extracting(b -> b.index).containsExactly(2L, 3L);
        assertThat(acc.bars).isEqualTo(2);
    }

    @Test
    void aWindowsOwnRecordNoLongerCarriesItsSubjectsButEarlierOnesStillLoadThem() throws Exception {
        StateSerde<WindowState> windows = new StateSerde<>(WindowState.class);
        byte[] earlier = new ObjectMapper(new SmileFactory()).writeValueAsBytes(Map.of(
                "start", 1_768_780_800_000L, "end", 1_769_385_600_000L, "closed", false,
                "flows", Map.of("ASSET:BTC", Map.of("breakdown", "ASSET", "key", "BTC", "netFlowUsd", -1.09e9,
                        "sources", List.of("coinshares"), "reportIds", List.of("r1"), "revised", false)),
                "lastEventTime", 1_769_212_799_999L));

        WindowState legacy = windows.deserializer().deserialize("t", earlier);

        assertThat(legacy.hasSubjects()).isTrue();
        assertThat(legacy.flows.get("ASSET:BTC").netFlowUsd()).isEqualTo(-1.09e9);
        assertThat(legacy.subjects()).singleElement().satisfies(u -> {
            assertThat(u.kind()).isEqualTo(InputEventType.FLOWS);
            assertThat(u.subject()).isEqualTo("ASSET:BTC");
        });
        // written again, the window's record keeps only its own fields
        WindowState rewritten = windows.deserializer().deserialize("t", windows.serializer().serialize("t", legacy));
        assertThat(rewritten.hasSubjects()).isFalse();
        assertThat(rewritten.start).isEqualTo(legacy.start);
        assertThat(rewritten.lastEventTime).isEqualTo(legacy.lastEventTime);
        // and the per-subject records put it back together
        legacy.subjects().forEach(rewritten::restore);
        assertThat(rewritten.flows).isEqualTo(legacy.flows);
    }
}
