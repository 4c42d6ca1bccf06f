package dev.rotation.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The harness works end to end on a tiny input. It measures nothing: numbers come from run.sh. */
class BenchHarnessSmokeTest {

    @Test
    void everySerdeBenchmarkTypeHasASampleThatRoundTrips() throws Exception {
        for (String type : SampleRecords.TYPES) {
            assertThat(SerdeBenchmark.wireSize(type)).as(type).isGreaterThan(5);
        }
    }

    @Test
    void extraInstrumentsMultiplyPriceAndVolumeSubjectsOnly() {
        List<SpecificRecord> one = Workloads.simulator(1, Duration.ofDays(1)).stream().toList();
        long copies = 0;
        for (SpecificRecord ignored : Workloads.withExtraInstruments(one, 10)) {
            copies++;
        }
        long bars =
                one.stream()
                        .filter(
                                e ->
                                        e instanceof dev.rotation.model.PriceBar
                                                || e instanceof dev.rotation.model.VolumeBar)
                        .count();
        assertThat(copies).isEqualTo(one.size() + 9 * bars);
        assertThat(Workloads.subjects(10)).isEqualTo(Workloads.subjects(1) + 9 * 10);
    }

    @Test
    void helpPrintsTheUsageOnceUnderTheCommandsName() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertThat(
                        BenchHarness.run(
                                new String[] {"--help"},
                                new PrintStream(buf, true, StandardCharsets.UTF_8)))
                .isZero();
        String usage = buf.toString(StandardCharsets.UTF_8);
        assertThat(usage).startsWith("Usage: rotation-detector bench [options]");
        assertThat(usage.split("Usage:", -1)).hasSize(2);
    }

    @Test
    void unknownFlagsAreAUsageError() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertThat(
                        BenchHarness.run(
                                new String[] {"--only", "nonsense"},
                                new PrintStream(buf, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(buf.toString(StandardCharsets.UTF_8))
                .as("one line, not the usage")
                .startsWith("Unknown section 'nonsense'")
                .endsWith(". Run with --help for every flag." + System.lineSeparator())
                .doesNotContain("Usage:");
    }

    @Test
    @Tag("integration")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void throughputSectionRunsOnATinyInput(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit =
                BenchHarness.run(
                        new String[] {
                            "--only",
                            "throughput",
                            "--events",
                            "300",
                            "--guarantees",
                            "at_least_once",
                            "--out",
                            dir.resolve("results").toString(),
                            "--work-dir",
                            dir.resolve("work").toString()
                        },
                        new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertThat(exit).as(buf.toString(StandardCharsets.UTF_8)).isZero();
        String md = Files.readString(dir.resolve("results").resolve("throughput.md"));
        assertThat(md)
                .contains("detector (full topology)")
                .contains("pass-through baseline")
                .contains("at_least_once");
    }
}
