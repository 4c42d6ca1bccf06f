package dev.rotation.producers.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.FundFlow;
import dev.rotation.model.Metal;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import dev.rotation.model.events.InputEventType;
import dev.rotation.producers.ingest.IngestResult;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SampleDataTest {

    @Test
    void theBundleLoadsWithoutABadLineInEventTimeOrder() {
        assertThat(SampleData.badLines()).isEmpty();
        List<SpecificRecord> events = SampleData.load();
        assertThat(events)
                .isSortedAccordingTo(
                        java.util.Comparator.comparingLong(e -> InputEventType.of(e).eventTime(e)));
        assertThat(events.stream().map(e -> InputEventType.of(e).eventId(e)).distinct())
                .hasSize(events.size());

        List<FundFlow> flows =
                events.stream()
                        .filter(FundFlow.class::isInstance)
                        .map(FundFlow.class::cast)
                        .toList();
        // 12 illustrative weeks x 9 rows + the seed week's 14 + the two rows of the week after,
        // and the 124 daily rows of the US spot ETF file
        assertThat(flows).hasSize(12 * 9 + 14 + 2 + 124);
        assertThat(flows.stream().filter(f -> f.getSource().equals("illustrative")).count())
                .isEqualTo(108);
        List<FundFlow> etf =
                flows.stream().filter(f -> f.getSource().equals("us-spot-etf")).toList();
        assertThat(etf).hasSize(124);
        // daily rows name no report, so each counts on arrival
        assertThat(etf)
                .allSatisfy(
                        f -> {
                            assertThat(f.getReportId()).isNull();
                            assertThat(f.getReportRows()).isNull();
                            assertThat(f.getRegion()).isEqualTo("US");
                        });
        // each report row announces its report's row count: 9 per illustrative week, 14 and 2
        // for the real
        assertThat(flows)
                .filteredOn(f -> f.getReportId() != null)
                .allSatisfy(
                        f ->
                                assertThat(f.getReportRows())
                                        .as(f.getReportId())
                                        .isEqualTo(
                                                switch (f.getReportId()) {
                                                    case "coinshares-2026-01-26" -> 14;
                                                    case "coinshares-2026-02-02" -> 2;
                                                    default -> 9;
                                                }));
        assertThat(flows)
                .filteredOn(f -> "coinshares-2026-02-02".equals(f.getReportId()))
                .extracting(InputEventType.FLOWS::key, FundFlow::getNetFlowUsd)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("TOTAL:ALL", -1.70e9),
                        org.assertj.core.groups.Tuple.tuple("REGION:US", -1.65e9));

        // 150 daily snapshots x 4 coins
        assertThat(events.stream().filter(PriceBar.class::isInstance).count()).isEqualTo(150 * 4);
        assertThat(
                        events.stream()
                                .filter(VolumeBar.class::isInstance)
                                .map(VolumeBar.class::cast)
                                .map(VolumeBar::getInstrument)
                                .distinct())
                .containsExactlyInAnyOrder("BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD");

        List<MetalQuote> metals =
                events.stream()
                        .filter(MetalQuote.class::isInstance)
                        .map(MetalQuote.class::cast)
                        .toList();
        assertThat(metals)
                .anySatisfy(
                        m -> {
                            assertThat(m.getMetal()).isEqualTo(Metal.XAG);
                            assertThat(m.getIntervalStart())
                                    .isEqualTo(Instant.parse("2026-01-16T00:00:00Z"));
                            assertThat(m.getSource()).isEqualTo("illustrative");
                        });
        assertThat(metals).filteredOn(m -> m.getSource().equals("news")).hasSize(9);
    }

    @Test
    void seedWeekVolumesAreHigherThanTheWeekBefore() {
        double seed = weeklyVolumeUsd("BTC-USD", Instant.parse("2026-01-19T00:00:00Z"));
        double before = weeklyVolumeUsd("BTC-USD", Instant.parse("2026-01-12T00:00:00Z"));
        assertThat(seed).isGreaterThan(before * 1.2);
    }

    private static double weeklyVolumeUsd(String instrument, Instant monday) {
        Instant end = monday.plusSeconds(7 * 86_400);
        return SampleData.load().stream()
                .filter(VolumeBar.class::isInstance)
                .map(VolumeBar.class::cast)
                .filter(v -> v.getInstrument().equals(instrument))
                .filter(
                        v ->
                                !v.getIntervalStart().isBefore(monday)
                                        && v.getIntervalStart().isBefore(end))
                .mapToDouble(VolumeBar::getVolumeUsd)
                .sum();
    }

    @Test
    void everyFileIsReadWithItsExpectedLayout() {
        assertThat(SampleData.readAll()).extracting(IngestResult::layout).doesNotContainNull();
    }
}
