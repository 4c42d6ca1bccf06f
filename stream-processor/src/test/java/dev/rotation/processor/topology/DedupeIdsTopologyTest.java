package dev.rotation.processor.topology;

import static dev.rotation.processor.topology.Events.dailyClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.processor.ops.ProcessorMetrics;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage 1 remembers the event ids it has seen per window in a key-value store, and forgets them
 * with the window's accumulators.
 */
class DedupeIdsTopologyTest {

    @Test
    void anEventIdIsRememberedInItsWindowAndForgottenWithTheWindowsAccumulators(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            d.pipe(dailyClose("BTC-USD", "2026-01-05", 90000, 91000));
            d.pipe(dailyClose("BTC-USD", "2026-01-05", 90000, 91000)); // same eventId
            assertThat(d.metrics.sum(ProcessorMetrics.DUPLICATES)).isEqualTo(1);
            assertThat(keys(d, RotationTopology.PRICES_DEDUPE))
                    .singleElement()
                    .satisfies(k -> assertThat(k).startsWith(StoreKeys.window(time("2026-01-05"))));

            // past the close of the second week after it (grace 3 days): the week of 5 Jan is
            // purged, ids and accumulators alike
            d.pipe(dailyClose("BTC-USD", "2026-02-05", 91000, 92000));
            assertThat(keys(d, RotationTopology.PRICES_DEDUPE))
                    .noneMatch(k -> k.startsWith(StoreKeys.window(time("2026-01-05"))))
                    .isNotEmpty();
            assertThat(keys(d, RotationTopology.PRICES_STORE))
                    .noneMatch(k -> k.startsWith(StoreKeys.window(time("2026-01-05"))));
        }
    }

    /** Start of the weekly window (Monday 00:00 UTC) the date opens. */
    private static long time(String monday) {
        return LocalDate.parse(monday).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static List<String> keys(DetectorDriver d, String storeName) {
        KeyValueStore<String, Object> store = d.driver.getKeyValueStore(storeName);
        List<String> keys = new ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }
}
