package dev.rotation.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's flags for the scaling, latency and settings runs. */
class HarnessOptionsTest {

    @Test
    void instancesLatencyPartitionsAndProcessorSettingsAreRead() {
        HarnessOptions o =
                HarnessOptions.parse(
                        new String[] {
                            "--instances", "1,3",
                            "--latency-partitions", "1",
                            "--set", "streams.max.task.idle.ms=-1",
                            "--set", "window.update.interval = PT0.1S"
                        });
        assertThat(o.instances()).isEqualTo(List.of(1, 3));
        assertThat(o.latencyPartitions()).isEqualTo(1);
        assertThat(o.settings())
                .isEqualTo(
                        Map.of(
                                "streams.max.task.idle.ms", "-1",
                                "window.update.interval", "PT0.1S"));
    }

    @Test
    void theDefaultsAreThreeInstancesAndThreeLatencyPartitionsAndNoSettings() {
        HarnessOptions o = HarnessOptions.parse(new String[0]);
        assertThat(o.instances()).isEqualTo(List.of(1, 2, 3));
        assertThat(o.latencyPartitions()).isEqualTo(3);
        assertThat(o.settings()).isEmpty();
    }

    @Test
    void aSettingWithoutAKeyIsAUsageError() {
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--set", "=1"}))
                .isInstanceOf(HarnessOptions.UsageException.class)
                .hasMessage("--set takes KEY=VALUE (a processor setting), got '=1'");
    }

    @Test
    void aProcessorSettingReachesTheDetectorsConfiguration(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        HarnessOptions o =
                HarnessOptions.parse(new String[] {"--set", "streams.max.task.idle.ms=-1"});
        var config = Pipeline.detectorConfig(dir, "app", "p.", 1, "exactly_once_v2", 1, o);
        assertThat(config.streamsOverrides()).containsEntry("max.task.idle.ms", "-1");
    }

    @Test
    void aSettingTheConfigurationRefusesStopsTheHarnessInOneLineBeforeAnyRun() throws Exception {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        int exit =
                BenchHarness.run(
                        new String[] {"--only", "throughput", "--set", "windw.size=P1D"},
                        new java.io.PrintStream(
                                buf, true, java.nio.charset.StandardCharsets.UTF_8));
        String printed = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(2);
        assertThat(printed).startsWith("--set: ").contains("windw.size").doesNotContain("==");
        assertThat(printed.strip().lines()).hasSize(1);
    }
}
