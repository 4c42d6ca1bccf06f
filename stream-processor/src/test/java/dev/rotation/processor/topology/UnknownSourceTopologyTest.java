package dev.rotation.processor.topology;

import static dev.rotation.processor.topology.Events.flow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Breakdown;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flow source configuration does not declare is taken, and counted by name. */
class UnknownSourceTopologyTest {

    @Test
    void rowsOfAnUndeclaredSourceAreCountedOnceEach(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            d.pipe(
                    flow(
                            "coinshares",
                            "coinshares-2026-01-26",
                            "2026-01-19",
                            "2026-01-23",
                            Breakdown.ASSET,
                            "BTC",
                            -1.09e9));
            var farside =
                    flow(
                            "farside",
                            null,
                            "2026-01-20",
                            "2026-01-20",
                            Breakdown.ASSET,
                            "BTC",
                            -483.38e6);
            d.pipe(farside);
            d.pipe(farside); // a duplicate is not a second row
            assertThat(d.metrics.count(ProcessorMetrics.UNKNOWN_SOURCES, "source", "farside"))
                    .isEqualTo(1.0);
            assertThat(d.metrics.sum(ProcessorMetrics.UNKNOWN_SOURCES))
                    .as("coinshares is declared")
                    .isEqualTo(1.0);
            assertThat(d.metrics.sum(ProcessorMetrics.AGGREGATED))
                    .as("the row is taken like any other")
                    .isEqualTo(3.0);
        }
    }
}
