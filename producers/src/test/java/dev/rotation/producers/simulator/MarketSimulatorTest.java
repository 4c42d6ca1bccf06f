package dev.rotation.producers.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import dev.rotation.model.events.InputEventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketSimulatorTest {

    private static final List<Scenario> ALL = Arrays.asList(Scenario.values());
    private static final int WEEKS = MarketSimulator.weeksNeeded(ALL.size()) + 2;

    private static MarketSimulator simulator(long seed, Duration bar) {
        MarketSimulator.Options o =
                MarketSimulator.Options.of(seed, WEEKS)
                        .withBarInterval(bar)
                        .withScenarios(MarketSimulator.defaultPlacement(ALL, WEEKS));
        return new MarketSimulator(o);
    }

    private static List<SpecificRecord> all(MarketSimulator sim) {
        List<SpecificRecord> out = new ArrayList<>();
        sim.forEach(out::add);
        return out;
    }

    @Test
    void sameSeedSameEventsDifferentSeedDifferentEvents() {
        List<SpecificRecord> a = all(simulator(42, Duration.ofHours(6)));
        List<SpecificRecord> b = all(simulator(42, Duration.ofHours(6)));
        List<SpecificRecord> c = all(simulator(43, Duration.ofHours(6)));
        assertThat(a).isEqualTo(b);
        assertThat(a).hasSize((int) simulator(42, Duration.ofHours(6)).eventCount());
        assertThat(c).hasSameSizeAs(a).isNotEqualTo(a);
        assertThat(simulator(42, Duration.ofHours(6)).labels())
                .isEqualTo(simulator(42, Duration.ofHours(6)).labels());
    }

    @Test
    void everyEventIsValidUniqueAndInEventTimeOrder() {
        List<SpecificRecord> events = all(simulator(7, Duration.ofHours(1)));
        assertThat(events).allSatisfy(e -> assertThat(InputEventType.of(e).validate(e)).isEmpty());
        // each weekly report announces its row count, and publishes exactly that many rows
        Map<String, List<FundFlow>> reports =
                events.stream()
                        .filter(FundFlow.class::isInstance)
                        .map(FundFlow.class::cast)
                        .collect(Collectors.groupingBy(FundFlow::getReportId));
        assertThat(reports)
                .isNotEmpty()
                .allSatisfy(
                        (id, rows) ->
                                assertThat(rows)
                                        .hasSize(MarketSimulator.REPORT_ROWS)
                                        .allSatisfy(
                                                f ->
                                                        assertThat(f.getReportRows())
                                                                .isEqualTo(
                                                                        MarketSimulator
                                                                                .REPORT_ROWS)));
        assertThat(events.stream().map(e -> InputEventType.of(e).eventId(e)).distinct().count())
                .isEqualTo(events.size());
        long previous = Long.MIN_VALUE;
        for (SpecificRecord e : events) {
            long eventTime = InputEventType.of(e).eventTime(e);
            assertThat(eventTime).isGreaterThanOrEqualTo(previous);
            previous = eventTime;
        }
    }

    @Test
    void everyPlantedScenarioIsLabelledAndItsConditionHoldsInTheEvents(@TempDir Path dir)
            throws Exception {
        MarketSimulator sim = simulator(2026, Duration.ofHours(4));
        List<SpecificRecord> events = all(sim);
        Map<Instant, Week> weeks = Week.aggregate(events);
        List<ScenarioLabel> labels = sim.labels();
        assertThat(labels).hasSize(ALL.size());
        assertThat(labels)
                .extracting(ScenarioLabel::signalType)
                .contains(
                        "ROTATION_TO_HIGH_BETA",
                        "ROTATION_TO_MAINSTREAM",
                        "RISK_OFF_SHIFT",
                        "RISK_ON_SHIFT",
                        "DERISKING",
                        "CONCENTRATED_OUTFLOW",
                        "CASCADE_RISK");
        assertThat(labels)
                .extracting(ScenarioLabel::signalType)
                .containsAnyOf("LEVEL_BREACH", "LEVEL_RECLAIM");

        for (ScenarioLabel label : labels) {
            Week w = weeks.get(label.windowStart());
            Week before = weeks.get(label.windowStart().minus(Duration.ofDays(7)));
            assertThat(w).as(label.toString()).isNotNull();
            assertThat(w.assets.values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(w.total, within());
            assertThat(w.regions.values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(w.total, within());
            switch (label.signalType()) {
                case "ROTATION_TO_HIGH_BETA" -> {
                    assertThat(w.asset("BTC") + w.asset("ETH")).isNegative();
                    assertThat(Math.max(w.asset("SOL"), w.asset("XRP"))).isPositive();
                }
                case "ROTATION_TO_MAINSTREAM" -> {
                    assertThat(w.asset("BTC") + w.asset("ETH")).isPositive();
                    assertThat(w.asset("SOL") + w.asset("XRP")).isNegative();
                }
                case "RISK_OFF_SHIFT" -> {
                    assertThat(w.total).isNegative();
                    assertThat(w.metalReturn("XAG", before)).isPositive();
                    assertThat(w.metalProductFlow("XAG")).isPositive();
                }
                case "RISK_ON_SHIFT" -> {
                    assertThat(w.total).isPositive();
                    assertThat(w.metalReturn("XAG", before)).isNegative();
                }
                case "DERISKING" -> {
                    assertThat(label.subjects()).contains("ETH");
                    for (String asset : label.subjects().split(";")) {
                        assertThat(w.priceReturn(asset + "-USD")).isNegative();
                        assertThat(w.volume(asset + "-USD"))
                                .isGreaterThan(1.5 * before.volume(asset + "-USD"));
                        assertThat(w.asset(asset)).isNegative();
                    }
                }
                case "CONCENTRATED_OUTFLOW" -> {
                    assertThat(w.total).isNegative();
                    double gross =
                            w.regions.values().stream()
                                    .filter(v -> v < 0)
                                    .mapToDouble(v -> -v)
                                    .sum();
                    assertThat(-w.regions.get("US") / gross).isGreaterThanOrEqualTo(0.8);
                }
                case "LEVEL_BREACH" -> {
                    assertThat(before.lastClose("BTC-USD")).isGreaterThanOrEqualTo(93_000);
                    assertThat(w.lastClose("BTC-USD")).isLessThan(93_000);
                }
                case "LEVEL_RECLAIM" -> {
                    assertThat(before.lastClose("BTC-USD")).isLessThan(93_000);
                    assertThat(w.lastClose("BTC-USD")).isGreaterThanOrEqualTo(93_000);
                }
                case "CASCADE_RISK" -> {
                    assertThat(before.total).isNegative();
                    assertThat(w.total).isNegative();
                    assertThat(w.priceReturn("ETH-USD")).isLessThan(-0.05);
                    assertThat(w.realisedVolatility("ETH-USD"))
                            .isGreaterThan(before.realisedVolatility("ETH-USD"));
                }
                default -> throw new AssertionError("unexpected label " + label);
            }
        }

        Path file = dir.resolve("labels.csv");
        ScenarioLabel.write(labels, file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("window_start,signal_type,subjects,note");
        assertThat(lines).hasSize(labels.size() + 1);
        assertThat(lines.get(1)).startsWith(labels.get(0).windowStart().toString() + ",");
    }

    @Test
    void quietWeeksPlantNoSignalCondition() {
        MarketSimulator sim = simulator(99, Duration.ofDays(1));
        Map<Instant, Week> weeks = Week.aggregate(all(sim));
        for (WeekPlan p : sim.plan()) {
            if (p.scenario() != null || p.cascadeLeadIn() || p.index() == 0) {
                continue;
            }
            Week w = weeks.get(p.start());
            Week before = weeks.get(p.start().minus(Duration.ofDays(7)));
            // no outflow anywhere: no rotation, no concentration, no de-risking, no cascade, no
            // risk-off
            assertThat(w.assets.values()).allSatisfy(v -> assertThat(v).isPositive());
            assertThat(w.regions.values()).allSatisfy(v -> assertThat(v).isPositive());
            // inflow with metals up: no risk-on either
            assertThat(w.metalReturn("XAG", before)).isPositive();
            assertThat(w.metalReturn("XAU", before)).isPositive();
            assertThat(p.btcAboveLevelAtStart()).isEqualTo(w.lastClose("BTC-USD") >= 93_000);
        }
    }

    @Test
    void placementIsChecked() {
        assertThatThrownBy(
                        () ->
                                MarketSimulator.Options.of(1, 10)
                                        .withScenarios(
                                                Map.of(
                                                        3,
                                                        Scenario.DERISKING,
                                                        4,
                                                        Scenario.RISK_OFF_SHIFT)))
                .hasMessageContaining("at least one quiet week");
        assertThatThrownBy(
                        () ->
                                MarketSimulator.Options.of(1, 10)
                                        .withScenarios(Map.of(0, Scenario.CASCADE_RISK)))
                .hasMessageContaining("lead-in");
        assertThatThrownBy(
                        () ->
                                MarketSimulator.Options.of(1, 10)
                                        .withBarInterval(Duration.ofMillis(11)))
                .hasMessageContaining("bar interval");
    }

    @Test
    void streamsLazilyAtHighRate() {
        MarketSimulator.Options o =
                MarketSimulator.Options.of(5, 1).withBarInterval(Duration.ofSeconds(1));
        MarketSimulator sim = new MarketSimulator(o);
        assertThat(sim.eventCount()).isGreaterThan(7_000_000);
        Iterator<SpecificRecord> it = sim.iterator();
        long n = 0;
        while (it.hasNext() && n < 200_000) {
            it.next();
            n++;
        }
        assertThat(n).isEqualTo(200_000);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1.0);
    }

    /** Weekly aggregates computed from the events alone, the way a detector would. */
    static final class Week {
        final Map<String, Double> assets = new HashMap<>();
        final Map<String, Double> regions = new HashMap<>();
        double total;
        final Map<String, List<PriceBar>> bars = new HashMap<>();
        final Map<String, Double> volumes = new HashMap<>();
        final Map<String, List<MetalQuote>> metals = new HashMap<>();

        static Map<Instant, Week> aggregate(List<SpecificRecord> events) {
            Map<Instant, Week> weeks = new HashMap<>();
            for (SpecificRecord e : events) {
                long ts = InputEventType.of(e).eventTime(e);
                // weeks are aligned to Monday 00:00Z; 1970-01-05 was a Monday
                long weekMs = Duration.ofDays(7).toMillis();
                long monday =
                        Math.floorDiv(ts - Duration.ofDays(4).toMillis(), weekMs) * weekMs
                                + Duration.ofDays(4).toMillis();
                Week w = weeks.computeIfAbsent(Instant.ofEpochMilli(monday), k -> new Week());
                if (e instanceof FundFlow f) {
                    if (f.getBreakdown() == Breakdown.TOTAL) {
                        w.total = f.getNetFlowUsd();
                    } else if (f.getBreakdown() == Breakdown.ASSET) {
                        w.assets.put(f.getKey(), f.getNetFlowUsd());
                    } else {
                        w.regions.put(f.getKey(), f.getNetFlowUsd());
                    }
                } else if (e instanceof PriceBar p) {
                    w.bars.computeIfAbsent(p.getInstrument(), k -> new ArrayList<>()).add(p);
                } else if (e instanceof VolumeBar v) {
                    w.volumes.merge(v.getInstrument(), v.getVolumeBase(), Double::sum);
                } else if (e instanceof MetalQuote m) {
                    w.metals.computeIfAbsent(m.getMetal().name(), k -> new ArrayList<>()).add(m);
                }
            }
            return weeks;
        }

        double asset(String a) {
            return assets.get(a);
        }

        double priceReturn(String instrument) {
            List<PriceBar> b = bars.get(instrument);
            return b.get(b.size() - 1).getClose() / b.get(0).getOpen() - 1;
        }

        double lastClose(String instrument) {
            List<PriceBar> b = bars.get(instrument);
            return b.get(b.size() - 1).getClose();
        }

        double volume(String instrument) {
            return volumes.get(instrument);
        }

        double realisedVolatility(String instrument) {
            List<Double> r =
                    bars.get(instrument).stream()
                            .map(b -> Math.log(b.getClose() / b.getOpen()))
                            .collect(Collectors.toList());
            double mean = r.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            return Math.sqrt(r.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / r.size());
        }

        double lastSpot(String metal) {
            List<MetalQuote> q = metals.get(metal);
            return q.get(q.size() - 1).getSpotUsdPerOz();
        }

        /** Week-over-week return: this week's last spot against the previous week's. */
        double metalReturn(String metal, Week before) {
            return lastSpot(metal) / before.lastSpot(metal) - 1;
        }

        double metalProductFlow(String metal) {
            return metals.get(metal).stream().mapToDouble(MetalQuote::getProductFlowUsd).sum();
        }
    }
}
