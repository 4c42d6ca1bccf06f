package dev.rotation.producers.simulator;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Metal;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import dev.rotation.producers.events.EventIds;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.avro.specific.SpecificRecord;

/**
 * A seeded, deterministic market: regime-switching random walks for crypto prices and volumes, gold
 * and silver, and weekly fund flows (asset, region and total breakdowns that add up), with planted
 * scenarios whose ground truth is {@link #labels()}.
 *
 * <p>How it stays both random and exact: the whole plan (regimes, flows, each instrument's price at
 * every week's end, volume multipliers) is drawn first from the seed, week by week. The bars are
 * then generated lazily: prices follow a Brownian bridge from the week's start to its planned end,
 * and volumes carry noise that telescopes to zero over the week. So a planted condition ("BTC down
 * 7% on double volume with redemptions") holds exactly in the generated events, while the bars in
 * between look like a random walk. Quiet weeks are built so that no planted condition holds: every
 * flow is a small inflow, metals edge up, BTC stays on its side of the level.
 *
 * <p>The same options always give the same event sequence; {@link #iterator()} streams it without
 * holding it in memory (millions of 1-second bars are fine).
 */
public final class MarketSimulator implements Iterable<SpecificRecord> {

    public static final List<String> ASSETS = List.of("BTC", "ETH", "SOL", "XRP");
    public static final List<String> REGIONS = List.of("US", "DE", "CH", "CA");
    public static final List<String> INSTRUMENTS =
            List.of("BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "MSTR");
    public static final List<Metal> METALS = List.of(Metal.XAU, Metal.XAG);

    /** Rows of each weekly report: the total, one per asset and one per region. */
    public static final int REPORT_ROWS = 1 + ASSETS.size() + REGIONS.size();

    private static final Duration WEEK = Duration.ofDays(7);
    private static final double MILLION = 1e6;
    private static final Map<String, Double> BASE_PRICE =
            Map.of(
                    "BTC-USD", 104_000.0, "ETH-USD", 3_600.0, "SOL-USD", 180.0, "XRP-USD", 2.4,
                    "MSTR", 340.0, "XAU", 4_000.0, "XAG", 50.0);

    /** Base volume per day in base units (coins, shares, troy ounces). */
    private static final Map<String, Double> BASE_DAILY_VOLUME =
            Map.of(
                    "BTC-USD", 300_000.0, "ETH-USD", 6e6, "SOL-USD", 25e6, "XRP-USD", 1.5e9, "MSTR",
                    15e6, "XAU", 2e7, "XAG", 2.5e8);

    /** Weekly volatility of log price in a calm week. */
    private static final Map<String, Double> BASE_WEEKLY_VOL =
            Map.of(
                    "BTC-USD", 0.035, "ETH-USD", 0.045, "SOL-USD", 0.06, "XRP-USD", 0.06, "MSTR",
                    0.055, "XAU", 0.015, "XAG", 0.03);

    private static final Map<String, Double> BETA =
            Map.of("BTC-USD", 1.0, "ETH-USD", 1.2, "SOL-USD", 1.6, "XRP-USD", 1.5, "MSTR", 1.5);
    private static final Map<String, String> INSTRUMENT_OF_ASSET =
            Map.of("BTC", "BTC-USD", "ETH", "ETH-USD", "SOL", "SOL-USD", "XRP", "XRP-USD");

    /**
     * @param seed the seed: same seed and options, same events
     * @param start the Monday the first week starts (00:00Z)
     * @param weeks number of weeks
     * @param barInterval length of a price/volume/metal bar; must divide a week (1s, 1m, 1h, 1d)
     * @param scenarios planted scenarios by week index
     * @param btcLevel the BTC level for LEVEL_BREACH (and that quiet weeks never cross)
     * @param variation how planted weeks vary and where near misses go ({@link Variation#NONE} for
     *     the plain simulator)
     */
    public record Options(
            long seed,
            LocalDate start,
            int weeks,
            Duration barInterval,
            Map<Integer, Scenario> scenarios,
            double btcLevel,
            Variation variation) {
        public static final LocalDate DEFAULT_START = LocalDate.of(2025, 10, 6);
        public static final double DEFAULT_BTC_LEVEL = 93_000;

        public Options {
            if (start.getDayOfWeek() != DayOfWeek.MONDAY) {
                throw new IllegalArgumentException(
                        "start must be a Monday (weeks are aligned to UTC Monday): " + start);
            }
            if (weeks < 1) {
                throw new IllegalArgumentException("weeks must be at least 1: " + weeks);
            }
            if (barInterval.isNegative()
                    || barInterval.isZero()
                    || barInterval.toMillis() < 1
                    || WEEK.toMillis() % barInterval.toMillis() != 0) {
                throw new IllegalArgumentException(
                        "bar interval must divide a week into whole milliseconds: " + barInterval);
            }
            scenarios = Collections.unmodifiableMap(new TreeMap<>(scenarios));
            if (variation == null) {
                variation = Variation.NONE;
            }
            Map<Integer, Scenario> occupied = new TreeMap<>(scenarios);
            for (Map.Entry<Integer, Scenario> e : variation.nearMisses().entrySet()) {
                if (occupied.containsKey(e.getKey())) {
                    throw new IllegalArgumentException(
                            "near miss "
                                    + e.getValue()
                                    + " at week "
                                    + e.getKey()
                                    + " falls on a planted scenario's week");
                }
                occupied.put(e.getKey(), e.getValue());
            }
            checkPlacement(occupied, weeks);
        }

        /** Without variation. */
        public Options(
                long seed,
                LocalDate start,
                int weeks,
                Duration barInterval,
                Map<Integer, Scenario> scenarios,
                double btcLevel) {
            this(seed, start, weeks, barInterval, scenarios, btcLevel, Variation.NONE);
        }

        /** Daily bars, no scenario. */
        public static Options of(long seed, int weeks) {
            return new Options(
                    seed, DEFAULT_START, weeks, Duration.ofDays(1), Map.of(), DEFAULT_BTC_LEVEL);
        }

        public Options withScenarios(Map<Integer, Scenario> s) {
            return new Options(seed, start, weeks, barInterval, s, btcLevel, variation);
        }

        public Options withVariation(Variation v) {
            return new Options(seed, start, weeks, barInterval, scenarios, btcLevel, v);
        }

        public Options withBarInterval(Duration d) {
            return new Options(seed, start, weeks, d, scenarios, btcLevel, variation);
        }

        public Options withStart(LocalDate d) {
            return new Options(seed, d, weeks, barInterval, scenarios, btcLevel, variation);
        }

        /** Week index of a date (the week containing it). */
        public int weekOf(LocalDate date) {
            long days = date.toEpochDay() - start.toEpochDay();
            if (days < 0) {
                throw new IllegalArgumentException(
                        date + " is before the simulation start " + start);
            }
            return (int) (days / 7);
        }
    }

    /** First week a default placement uses: four quiet weeks of baseline first. */
    public static final int FIRST_SCENARIO_WEEK = 4;

    /** Default spacing of scenarios, in weeks. */
    public static final int SCENARIO_SPACING = 3;

    /**
     * Places the scenarios at weeks 4, 7, 10, ... in the order given, as far as {@code weeks}
     * allows. Scenarios that do not fit are left out.
     */
    public static Map<Integer, Scenario> defaultPlacement(List<Scenario> scenarios, int weeks) {
        Map<Integer, Scenario> placed = new TreeMap<>();
        int week = FIRST_SCENARIO_WEEK;
        for (Scenario s : scenarios) {
            if (week >= weeks) {
                break;
            }
            placed.put(week, s);
            week += SCENARIO_SPACING;
        }
        return placed;
    }

    /** Weeks needed to place these scenarios with {@link #defaultPlacement}. */
    public static int weeksNeeded(int scenarioCount) {
        return scenarioCount == 0
                ? 1
                : FIRST_SCENARIO_WEEK + SCENARIO_SPACING * (scenarioCount - 1) + 1;
    }

    private static void checkPlacement(Map<Integer, Scenario> scenarios, int weeks) {
        List<int[]> occupied = new ArrayList<>();
        for (Map.Entry<Integer, Scenario> e : scenarios.entrySet()) {
            int w = e.getKey();
            if (w < 0 || w >= weeks) {
                throw new IllegalArgumentException(
                        "scenario "
                                + e.getValue()
                                + " at week "
                                + w
                                + " is outside 0.."
                                + (weeks - 1));
            }
            int first = e.getValue() == Scenario.CASCADE_RISK ? w - 1 : w;
            if (first < 0) {
                throw new IllegalArgumentException(
                        "CASCADE_RISK needs a lead-in outflow week before it; it cannot be in week 0");
            }
            for (int[] o : occupied) {
                if (first <= o[1] + 1 && w >= o[0] - 1) {
                    throw new IllegalArgumentException(
                            "scenarios must be separated by at least one quiet week: "
                                    + e.getValue()
                                    + " at week "
                                    + w
                                    + " is next to another at week "
                                    + o[1]);
                }
            }
            occupied.add(new int[] {first, w});
        }
    }

    private final Options options;
    private final String source;

    /** Qualifies event and report ids with the seed, so two seeds' events never share an id. */
    private final String idNamespace;

    private final List<WeekPlan> plan;
    private final List<ScenarioLabel> labels;

    public MarketSimulator(Options options) {
        this.options = options;
        this.source = SOURCE;
        this.idNamespace = SOURCE + "-" + options.seed();
        Planner planner = new Planner();
        this.plan = List.copyOf(planner.weeks);
        this.labels = List.copyOf(planner.labels);
    }

    public Options options() {
        return options;
    }

    /**
     * The source of every simulated event. The default sources configuration declares it as
     * generated data of the primary flow scope ({@code source.kind.simulator=illustrative}), so its
     * weeks build the trailing history and every signal resting on them carries ILLUSTRATIVE_DATA.
     */
    public static final String SOURCE = "simulator";

    /** The source of every event: {@value #SOURCE}; ids carry {@code simulator-<seed>}. */
    public String source() {
        return source;
    }

    /** The plan, one entry per week. */
    public List<WeekPlan> plan() {
        return plan;
    }

    /** Ground truth: one row per planted signal. */
    public List<ScenarioLabel> labels() {
        return labels;
    }

    /** Number of events the full run generates. */
    public long eventCount() {
        long barsPerWeek = WEEK.toMillis() / options.barInterval().toMillis();
        long perBar = 2L * INSTRUMENTS.size() + METALS.size();
        long missing = plan.stream().mapToLong(p -> p.missingVolumes().size()).sum();
        return options.weeks() * (barsPerWeek * perBar + ASSETS.size() + REGIONS.size() + 1)
                - missing * barsPerWeek;
    }

    /** A fresh, lazy iterator over the whole run, in event-time order. */
    @Override
    public Iterator<SpecificRecord> iterator() {
        return new Generator();
    }

    public Stream<SpecificRecord> stream() {
        return StreamSupport.stream(spliterator(), false);
    }

    /** Hands every event to the consumer, in order, without building a list. */
    @Override
    public void forEach(Consumer<? super SpecificRecord> action) {
        Iterator<SpecificRecord> it = iterator();
        while (it.hasNext()) {
            action.accept(it.next());
        }
    }

    // ------------------------------------------------------------------ planning

    /** Draws the whole plan from the seed, week by week. */
    private final class Planner {
        final List<WeekPlan> weeks = new ArrayList<>();
        final List<ScenarioLabel> labels = new ArrayList<>();
        private final SplittableRandom rng = new SplittableRandom(options.seed());
        private final Map<String, Double> price = new LinkedHashMap<>(BASE_PRICE);
        private Regime regime = Regime.CALM;
        private double trendSign = 1;
        private boolean btcAbove;
        private double btcAnchor;
        // the variation's own draws, so that the base plan's draws stay those of the seed
        private final SplittableRandom varied =
                new SplittableRandom(options.variation().seed() ^ 0x5DEECE66DL);
        private String concentratedRegion = "US";
        private double concentratedShare = Double.NaN;

        Planner() {
            btcAbove = price.get("BTC-USD") > options.btcLevel();
            btcAnchor =
                    btcAbove
                            ? Math.max(BASE_PRICE.get("BTC-USD"), options.btcLevel() * 1.12)
                            : options.btcLevel() * 0.9;
            for (int w = 0; w < options.weeks(); w++) {
                planWeek(w);
            }
        }

        private void planWeek(int w) {
            regime = nextRegime();
            Scenario scenario = options.scenarios().get(w);
            Scenario nearMiss = options.variation().nearMisses().get(w);
            Scenario shape = scenario != null ? scenario : nearMiss;
            boolean leadIn =
                    options.scenarios().get(w + 1) == Scenario.CASCADE_RISK
                            || options.variation().nearMisses().get(w + 1) == Scenario.CASCADE_RISK;
            Instant start = options.start().plusWeeks(w).atStartOfDay(ZoneOffset.UTC).toInstant();
            double scale = regime.flowScale();

            Map<String, Double> assets = new LinkedHashMap<>();
            Map<String, Double> returns = new LinkedHashMap<>();
            Map<String, Double> vol = new LinkedHashMap<>();
            Map<String, Double> volume = new LinkedHashMap<>();
            Map<String, Double> metalFlows = new LinkedHashMap<>();
            boolean concentrated = false;

            // defaults: a quiet week
            quietReturns(returns);
            for (String i : INSTRUMENTS) {
                vol.put(i, BASE_WEEKLY_VOL.get(i) * regime.volatilityScale());
                volume.put(i, uniform(0.9, 1.1));
            }
            quietFlows(assets, scale);
            metalsUp(returns, metalFlows, volume);

            if (leadIn) {
                spreadOutflow(assets, -uniform(200, 400) * MILLION * scale);
                for (String i : INSTRUMENTS) {
                    returns.put(i, -uniform(0.01, 0.02));
                    vol.put(i, BASE_WEEKLY_VOL.get(i));
                    volume.put(i, 0.85);
                }
                metalsDown(returns, metalFlows, volume);
            } else if (shape != null) {
                switch (shape) {
                    case ROTATION_TO_HIGH_BETA -> {
                        double btc = -uniform(400, 900) * MILLION * scale;
                        double eth = -uniform(150, 450) * MILLION * scale;
                        assets.put("BTC", btc);
                        assets.put("ETH", eth);
                        assets.put("SOL", uniform(15, 60) * MILLION);
                        // XRP leaves too, so that the top two assets stay under 80% of the gross
                        // outflow
                        assets.put("XRP", (btc + eth) * uniform(0.3, 0.4));
                        returns.put("BTC-USD", uniform(0.005, 0.02));
                        returns.put("ETH-USD", uniform(0.005, 0.02));
                        returns.put("SOL-USD", uniform(0.01, 0.04));
                        returns.put("XRP-USD", uniform(0.0, 0.02));
                        calmVolumes(volume);
                        metalsDown(returns, metalFlows, volume);
                    }
                    case ROTATION_TO_MAINSTREAM -> {
                        assets.put("BTC", uniform(200, 600) * MILLION * scale);
                        assets.put("ETH", uniform(80, 250) * MILLION * scale);
                        assets.put("SOL", -uniform(30, 120) * MILLION);
                        assets.put("XRP", -uniform(20, 80) * MILLION);
                    }
                    case RISK_OFF_SHIFT -> {
                        spreadOutflow(assets, -uniform(300, 800) * MILLION * scale);
                        for (String i : INSTRUMENTS) {
                            returns.put(i, -uniform(0.01, 0.03));
                        }
                        calmVolumes(volume);
                        returns.put("XAG", uniform(0.04, 0.09));
                        returns.put("XAU", uniform(0.02, 0.04));
                        metalFlows.put("XAG", uniform(200, 500) * MILLION);
                        metalFlows.put("XAU", uniform(300, 800) * MILLION);
                        volume.put("XAG", 1.6);
                        volume.put("XAU", 1.5);
                    }
                    case RISK_ON_SHIFT -> {
                        assets.put("BTC", uniform(200, 500) * MILLION * scale);
                        assets.put("ETH", uniform(80, 200) * MILLION * scale);
                        assets.put("SOL", uniform(10, 40) * MILLION);
                        assets.put("XRP", uniform(5, 30) * MILLION);
                        for (String i : INSTRUMENTS) {
                            returns.put(i, uniform(0.01, 0.04));
                        }
                        returns.put("XAG", -uniform(0.04, 0.09));
                        returns.put("XAU", -uniform(0.02, 0.04));
                        metalFlows.put("XAG", -uniform(200, 500) * MILLION);
                        metalFlows.put("XAU", -uniform(300, 800) * MILLION);
                        volume.put("XAG", 1.4);
                        volume.put("XAU", 1.3);
                    }
                    case DERISKING -> {
                        double btc = -uniform(300, 700) * MILLION * scale;
                        double eth = -uniform(150, 350) * MILLION * scale;
                        assets.put("BTC", btc);
                        assets.put("ETH", eth);
                        assets.put("SOL", (btc + eth) * 0.2);
                        assets.put("XRP", (btc + eth) * 0.2);
                        calmVolumes(volume);
                        returns.put("BTC-USD", -uniform(0.05, 0.09));
                        returns.put("ETH-USD", -uniform(0.06, 0.10));
                        returns.put("SOL-USD", uniform(0.0, 0.02));
                        returns.put("XRP-USD", uniform(0.0, 0.02));
                        returns.put("MSTR", uniform(0.0, 0.02));
                        volume.put("BTC-USD", uniform(1.8, 2.4));
                        volume.put("ETH-USD", uniform(1.8, 2.4));
                        metalsDown(returns, metalFlows, volume);
                    }
                    case CONCENTRATED_OUTFLOW -> {
                        spreadOutflow(assets, -uniform(400, 1000) * MILLION * scale);
                        concentrated = true;
                        calmVolumes(volume);
                        metalsDown(returns, metalFlows, volume);
                    }
                    case LEVEL_BREACH -> {
                        double target =
                                btcAbove
                                        ? options.btcLevel() * (1 - uniform(0.02, 0.04))
                                        : options.btcLevel() * (1 + uniform(0.02, 0.04));
                        returns.put("BTC-USD", target / price.get("BTC-USD") - 1);
                    }
                    case CASCADE_RISK -> {
                        spreadOutflow(assets, -uniform(500, 1200) * MILLION * scale);
                        for (String i : INSTRUMENTS) {
                            returns.put(i, -uniform(0.08, 0.14) * BETA.get(i));
                            // volatility triples against the lead-in week
                            vol.put(i, BASE_WEEKLY_VOL.get(i) * 3.0);
                        }
                        calmVolumes(volume);
                        metalsDown(returns, metalFlows, volume);
                    }
                    default -> throw new IllegalStateException("unplanned scenario " + shape);
                }
                if (options.variation().active()) {
                    vary(shape, nearMiss != null, assets, returns);
                }
            }
            round(assets);
            double total = assets.values().stream().mapToDouble(Double::doubleValue).sum();
            Map<String, Double> regions =
                    concentrated && options.variation().active()
                            ? regionsHeldBy(total, concentratedRegion, concentratedShare)
                            : regions(total, concentrated);

            boolean aboveAtStart = btcAbove;
            Map<String, Double> startPrice = new LinkedHashMap<>(price);
            Map<String, Double> endPrice = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : price.entrySet()) {
                endPrice.put(e.getKey(), e.getValue() * (1 + returns.get(e.getKey())));
            }
            if (scenario == Scenario.LEVEL_BREACH && !leadIn) {
                btcAbove = !btcAbove;
                btcAnchor = btcAbove ? options.btcLevel() * 1.12 : options.btcLevel() * 0.9;
            } else if (nearMiss == Scenario.LEVEL_BREACH && !leadIn) {
                // closes just short of the level, on its own side
            } else {
                // quiet and other weeks never close across the level
                double floor = options.btcLevel() * 1.01;
                double cap = options.btcLevel() * 0.99;
                double btc = endPrice.get("BTC-USD");
                endPrice.put("BTC-USD", btcAbove ? Math.max(btc, floor) : Math.min(btc, cap));
            }
            price.putAll(endPrice);

            WeekPlan week =
                    new WeekPlan(
                            w,
                            start,
                            regime,
                            leadIn ? null : scenario,
                            leadIn,
                            Map.copyOf(assets),
                            Map.copyOf(regions),
                            total,
                            Map.copyOf(startPrice),
                            Map.copyOf(endPrice),
                            Map.copyOf(withMetalVol(vol)),
                            Map.copyOf(volume),
                            Map.copyOf(metalFlows),
                            aboveAtStart,
                            leadIn ? null : nearMiss,
                            missingVolumes(shape),
                            barNoise());
            weeks.add(week);
            if (!leadIn && scenario != null) {
                labels.add(label(week));
            }
            if (options.variation().active()) {
                incidentalConcentrations(week);
            }
        }

        // ------------------------------------------------------------ variation

        /**
         * Redraws the deciding legs of a planted week across their range (just past the threshold
         * to well past it), or just below the threshold for a near miss.
         */
        private void vary(
                Scenario shape,
                boolean nearMiss,
                Map<String, Double> assets,
                Map<String, Double> returns) {
            PlantingThresholds t = options.variation().thresholds();
            switch (shape) {
                case ROTATION_TO_HIGH_BETA -> {
                    double leaving = logUniform(1.2 * t.rotationMinLeavingUsd(), 1300 * MILLION);
                    double btcShare = varied(0.5, 0.75);
                    assets.put("BTC", -leaving * btcShare);
                    assets.put("ETH", -leaving * (1 - btcShare));
                    double receiving =
                            nearMiss
                                    ? below(t.rotationMinReceivingUsd())
                                    : logUniform(1.2 * t.rotationMinReceivingUsd(), 60 * MILLION);
                    if (!nearMiss && varied.nextBoolean()) {
                        // the receiving leg split over SOL and XRP, each alone maybe under the
                        // minimum
                        double sol = receiving * varied(0.3, 0.7);
                        assets.put("SOL", sol);
                        assets.put("XRP", receiving - sol);
                    } else {
                        assets.put("SOL", receiving);
                        assets.put("XRP", -leaving * varied(0.3, 0.4));
                    }
                }
                case ROTATION_TO_MAINSTREAM -> {
                    double leaving =
                            nearMiss
                                    ? below(t.rotationMinLeavingUsd())
                                    : logUniform(1.2 * t.rotationMinLeavingUsd(), 250 * MILLION);
                    double solShare = varied(0.2, 0.8);
                    assets.put("SOL", -leaving * solShare);
                    assets.put("XRP", -leaving * (1 - solShare));
                }
                case RISK_OFF_SHIFT, RISK_ON_SHIFT -> {
                    double sign = shape == Scenario.RISK_OFF_SHIFT ? 1 : -1;
                    double min = t.riskShiftMinMetalReturn();
                    returns.put(
                            "XAG",
                            sign
                                    * (nearMiss
                                            ? below(min)
                                            : varied(1.2 * min, Math.max(0.09, 2 * min))));
                    returns.put(
                            "XAU",
                            sign
                                    * (nearMiss
                                            ? below(min)
                                            : varied(1.2 * min, Math.max(0.04, 2 * min))));
                    if (shape == Scenario.RISK_OFF_SHIFT && !nearMiss) {
                        spreadOutflow(
                                assets,
                                -logUniform(1.2 * t.riskShiftMinCryptoFlowUsd(), 1200 * MILLION));
                    }
                }
                case DERISKING -> {
                    // the pullback on BTC, on ETH or on both
                    int legs = varied.nextInt(3);
                    for (String asset : List.of("BTC", "ETH")) {
                        String i = INSTRUMENT_OF_ASSET.get(asset);
                        boolean pulls = legs == 2 || (legs == 0) == asset.equals("BTC");
                        double pullback =
                                nearMiss
                                        ? below(t.deriskingMinPullback())
                                        : varied(1.2 * t.deriskingMinPullback(), 0.10);
                        returns.put(i, pulls || nearMiss ? -pullback : varied(0.0, 0.02));
                        if (!nearMiss) {
                            assets.put(
                                    asset,
                                    -logUniform(1.2 * t.deriskingMinOutflowUsd(), 700 * MILLION));
                        }
                    }
                    double mainstream = assets.get("BTC") + assets.get("ETH");
                    assets.put("SOL", mainstream * 0.2);
                    assets.put("XRP", mainstream * 0.2);
                }
                case CONCENTRATED_OUTFLOW -> {
                    concentratedRegion =
                            varied.nextBoolean()
                                    ? "US"
                                    : REGIONS.get(1 + varied.nextInt(REGIONS.size() - 1));
                    concentratedShare =
                            nearMiss
                                    ? varied(
                                            t.concentrationShare() - 0.12,
                                            t.concentrationShare() - 0.02)
                                    : varied(Math.min(0.99, t.concentrationShare() + 0.03), 1.0);
                }
                case LEVEL_BREACH -> {
                    double level = options.btcLevel();
                    double distance = nearMiss ? varied(0.003, 0.01) : varied(0.003, 0.04);
                    boolean crosses = !nearMiss;
                    boolean endsAbove = btcAbove != crosses;
                    double target = level * (endsAbove ? 1 + distance : 1 - distance);
                    returns.put("BTC-USD", target / price.get("BTC-USD") - 1);
                }
                case CASCADE_RISK -> {
                    double breakdown = varied(1.2 * t.cascadeMinBreakdown(), 0.14);
                    for (String i : INSTRUMENTS) {
                        returns.put(
                                i,
                                nearMiss
                                        ? -below(t.cascadeMinBreakdown())
                                        : -breakdown * BETA.get(i));
                    }
                }
                default -> throw new IllegalStateException("unplanned scenario " + shape);
            }
        }

        /**
         * In a quarter of the planted and near-miss weeks, one instrument's volume goes missing.
         */
        private java.util.Set<String> missingVolumes(Scenario shape) {
            if (!options.variation().active() || shape == null || varied.nextDouble() >= 0.25) {
                return java.util.Set.of();
            }
            return java.util.Set.of(INSTRUMENTS.get(varied.nextInt(INSTRUMENTS.size())));
        }

        private double barNoise() {
            if (!options.variation().active() || regime == Regime.CALM) {
                return 1.0;
            }
            return varied(1.2, 2.0);
        }

        /**
         * Labels a concentration the week's flows hold by construction (top region, or top two
         * assets, with at least the threshold's share of a gross outflow past its minimum) that no
         * planted label names yet.
         */
        private void incidentalConcentrations(WeekPlan week) {
            PlantingThresholds t = options.variation().thresholds();
            List<String> heldBy = new ArrayList<>();
            heldBy.add(String.join(";", topOutflows(week.regionFlows(), 1, t)));
            heldBy.add(String.join(";", topOutflows(week.assetFlows(), 2, t)));
            for (String subjects : heldBy) {
                if (subjects.isEmpty()) {
                    continue;
                }
                boolean labelled =
                        labels.stream()
                                .anyMatch(
                                        l ->
                                                l.windowStart().equals(week.start())
                                                        && l.signalType()
                                                                .equals("CONCENTRATED_OUTFLOW")
                                                        && l.subjects().equals(subjects));
                if (!labelled) {
                    labels.add(
                            new ScenarioLabel(
                                    week.start(),
                                    "CONCENTRATED_OUTFLOW",
                                    subjects,
                                    "incidental: "
                                            + subjects.replace(';', '+')
                                            + " hold the threshold's share of the gross outflow"));
                }
            }
        }

        /** The top {@code n} outflows if they hold the concentration share, else empty. */
        private List<String> topOutflows(Map<String, Double> flows, int n, PlantingThresholds t) {
            double gross = 0;
            List<Map.Entry<String, Double>> out = new ArrayList<>();
            for (Map.Entry<String, Double> e : flows.entrySet()) {
                if (e.getValue() < 0) {
                    gross -= e.getValue();
                    out.add(e);
                }
            }
            out.sort(Map.Entry.comparingByValue());
            double top = 0;
            List<String> names = new ArrayList<>();
            for (int k = 0; k < Math.min(n, out.size()); k++) {
                top -= out.get(k).getValue();
                names.add(out.get(k).getKey());
            }
            if (gross < t.concentrationMinGrossOutflowUsd()
                    || top < t.concentrationShare() * gross) {
                return List.of();
            }
            return names.stream().sorted().toList();
        }

        /**
         * Regions adding up to the (negative) total, {@code region} holding {@code share} of the
         * gross outflow; one other region holds the rest of it and the two left take inflows.
         */
        private Map<String, Double> regionsHeldBy(double total, String region, double share) {
            double gross = -total * varied(1.0, 1.15);
            List<String> others = new ArrayList<>(REGIONS);
            others.remove(region);
            Map<String, Double> regions = new LinkedHashMap<>();
            for (String r : REGIONS) {
                regions.put(r, 0.0);
            }
            regions.put(region, roundTo10k(-share * gross));
            regions.put(others.get(0), roundTo10k(-(1 - share) * gross));
            double inflow = gross + total;
            double first = roundTo10k(inflow * varied(0.3, 0.7));
            regions.put(others.get(1), first);
            double sum =
                    regions.get(region) + regions.get(others.get(0)) + regions.get(others.get(1));
            regions.put(others.get(2), total - sum);
            return regions;
        }

        /** Just below a threshold: 30% to 90% of it. */
        private double below(double threshold) {
            return threshold * varied(0.3, 0.9);
        }

        private double varied(double lo, double hi) {
            return lo + (hi - lo) * varied.nextDouble();
        }

        /** Log-uniform between lo and hi (hi below lo is lifted to lo). */
        private double logUniform(double lo, double hi) {
            double top = Math.max(lo, hi);
            return Math.exp(varied(Math.log(lo), Math.log(top)));
        }

        /** A cascade label names the assets down past the breakdown (5% without a variation). */
        private double cascadeLabelBreakdown() {
            return options.variation().active()
                    ? options.variation().thresholds().cascadeMinBreakdown()
                    : 0.05;
        }

        private Regime nextRegime() {
            double u = rng.nextDouble();
            Regime next =
                    switch (regime) {
                        case CALM ->
                                u < 0.8
                                        ? Regime.CALM
                                        : u < 0.95 ? Regime.TRENDING : Regime.STRESSED;
                        case TRENDING ->
                                u < 0.7 ? Regime.TRENDING : u < 0.9 ? Regime.CALM : Regime.STRESSED;
                        case STRESSED ->
                                u < 0.6 ? Regime.STRESSED : u < 0.9 ? Regime.CALM : Regime.TRENDING;
                    };
            if (next == Regime.TRENDING && regime != Regime.TRENDING) {
                trendSign = rng.nextBoolean() ? 1 : -1;
            }
            return next;
        }

        private void quietReturns(Map<String, Double> returns) {
            double drift = regime == Regime.TRENDING ? 0.015 * trendSign : 0;
            double common = drift + rng.nextGaussian() * 0.02 * regime.volatilityScale();
            for (String i : INSTRUMENTS) {
                double anchor = i.equals("BTC-USD") ? btcAnchor : BASE_PRICE.get(i);
                double meanReversion = 0.3 * Math.log(anchor / price.get(i));
                double r =
                        Math.exp(BETA.get(i) * common + meanReversion + rng.nextGaussian() * 0.01)
                                - 1;
                returns.put(i, r);
            }
        }

        private void quietFlows(Map<String, Double> assets, double scale) {
            assets.put("BTC", uniform(20, 120) * MILLION * scale);
            assets.put("ETH", uniform(10, 60) * MILLION * scale);
            assets.put("SOL", uniform(1, 10) * MILLION);
            assets.put("XRP", uniform(1, 8) * MILLION);
        }

        /** An outflow spread over all four assets: the top two hold about 70%, never 80%. */
        private void spreadOutflow(Map<String, Double> assets, double total) {
            double btc = uniform(0.42, 0.48);
            double eth = uniform(0.22, 0.27);
            double sol = uniform(0.12, 0.16);
            assets.put("BTC", total * btc);
            assets.put("ETH", total * eth);
            assets.put("SOL", total * sol);
            assets.put("XRP", total * (1 - btc - eth - sol));
        }

        private void calmVolumes(Map<String, Double> volume) {
            for (String i : INSTRUMENTS) {
                volume.put(i, 0.85);
            }
        }

        private void metalsUp(
                Map<String, Double> returns,
                Map<String, Double> flows,
                Map<String, Double> volume) {
            returns.put("XAU", uniform(0.002, 0.012));
            returns.put("XAG", uniform(0.003, 0.02));
            flows.put("XAU", uniform(10, 50) * MILLION);
            flows.put("XAG", uniform(5, 30) * MILLION);
            volume.put("XAU", uniform(0.9, 1.1));
            volume.put("XAG", uniform(0.9, 1.1));
        }

        private void metalsDown(
                Map<String, Double> returns,
                Map<String, Double> flows,
                Map<String, Double> volume) {
            returns.put("XAU", -uniform(0.003, 0.015));
            returns.put("XAG", -uniform(0.005, 0.02));
            flows.put("XAU", -uniform(10, 50) * MILLION);
            flows.put("XAG", -uniform(5, 30) * MILLION);
            volume.put("XAU", 0.9);
            volume.put("XAG", 0.9);
        }

        private Map<String, Double> withMetalVol(Map<String, Double> vol) {
            Map<String, Double> all = new LinkedHashMap<>(vol);
            for (Metal m : METALS) {
                all.put(m.name(), BASE_WEEKLY_VOL.get(m.name()) * regime.volatilityScale());
            }
            return all;
        }

        /**
         * Regions add up to the total; only a concentrated week has one region holding the outflow.
         */
        private Map<String, Double> regions(double total, boolean concentrated) {
            Map<String, Double> regions = new LinkedHashMap<>();
            if (concentrated) {
                double us = roundTo10k(total * uniform(1.03, 1.1));
                double rest = total - us;
                double de = roundTo10k(rest * uniform(0.35, 0.45));
                double ch = roundTo10k(rest * uniform(0.25, 0.35));
                regions.put("US", us);
                regions.put("DE", de);
                regions.put("CH", ch);
                regions.put("CA", total - us - de - ch);
                return regions;
            }
            double us = uniform(0.45, 0.6);
            double de = uniform(0.15, 0.2);
            double ch = uniform(0.1, 0.15);
            regions.put("US", roundTo10k(total * us));
            regions.put("DE", roundTo10k(total * de));
            regions.put("CH", roundTo10k(total * ch));
            regions.put("CA", total - regions.get("US") - regions.get("DE") - regions.get("CH"));
            return regions;
        }

        private void round(Map<String, Double> flows) {
            flows.replaceAll((k, v) -> roundTo10k(v));
        }

        private double uniform(double lo, double hi) {
            return lo + (hi - lo) * rng.nextDouble();
        }

        private ScenarioLabel label(WeekPlan w) {
            Map<String, Double> a = w.assetFlows();
            String m = "%.1fM";
            return switch (w.scenario()) {
                case ROTATION_TO_HIGH_BETA ->
                        new ScenarioLabel(
                                w.start(),
                                "ROTATION_TO_HIGH_BETA",
                                "BTC;ETH;SOL",
                                String.format(
                                        Locale.ROOT,
                                        "mainstream " + m + " while SOL +" + m,
                                        (a.get("BTC") + a.get("ETH")) / MILLION,
                                        a.get("SOL") / MILLION));
                case ROTATION_TO_MAINSTREAM ->
                        new ScenarioLabel(
                                w.start(),
                                "ROTATION_TO_MAINSTREAM",
                                "BTC;ETH;SOL;XRP",
                                String.format(
                                        Locale.ROOT,
                                        "mainstream +" + m + " while high-beta " + m,
                                        (a.get("BTC") + a.get("ETH")) / MILLION,
                                        (a.get("SOL") + a.get("XRP")) / MILLION));
                case RISK_OFF_SHIFT ->
                        new ScenarioLabel(
                                w.start(),
                                "RISK_OFF_SHIFT",
                                "CRYPTO;XAG;XAU",
                                String.format(
                                        Locale.ROOT,
                                        "crypto " + m + " while XAG %+.1f%% XAU %+.1f%%",
                                        w.totalFlow() / MILLION,
                                        100 * w.weeklyReturn("XAG"),
                                        100 * w.weeklyReturn("XAU")));
                case RISK_ON_SHIFT ->
                        new ScenarioLabel(
                                w.start(),
                                "RISK_ON_SHIFT",
                                "CRYPTO;XAG;XAU",
                                String.format(
                                        Locale.ROOT,
                                        "crypto +" + m + " while XAG %+.1f%% XAU %+.1f%%",
                                        w.totalFlow() / MILLION,
                                        100 * w.weeklyReturn("XAG"),
                                        100 * w.weeklyReturn("XAU")));
                case DERISKING -> {
                    List<String> subjects = new ArrayList<>();
                    for (String asset : List.of("BTC", "ETH")) {
                        String i = INSTRUMENT_OF_ASSET.get(asset);
                        if (w.weeklyReturn(i) < 0
                                && w.volumeMultiplier().get(i) > 1.5
                                && a.get(asset) < 0) {
                            subjects.add(asset);
                        }
                    }
                    yield new ScenarioLabel(
                            w.start(),
                            "DERISKING",
                            String.join(";", subjects),
                            String.format(
                                    Locale.ROOT,
                                    "BTC %+.1f%% ETH %+.1f%% on volume x%.1f/x%.1f with "
                                            + m
                                            + " / "
                                            + m,
                                    100 * w.weeklyReturn("BTC-USD"),
                                    100 * w.weeklyReturn("ETH-USD"),
                                    w.volumeMultiplier().get("BTC-USD"),
                                    w.volumeMultiplier().get("ETH-USD"),
                                    a.get("BTC") / MILLION,
                                    a.get("ETH") / MILLION));
                }
                case CONCENTRATED_OUTFLOW ->
                        new ScenarioLabel(
                                w.start(),
                                "CONCENTRATED_OUTFLOW",
                                largestOutflow(w.regionFlows()),
                                String.format(
                                        Locale.ROOT,
                                        largestOutflow(w.regionFlows())
                                                + " "
                                                + m
                                                + " of a "
                                                + m
                                                + " net",
                                        w.regionFlows().get(largestOutflow(w.regionFlows()))
                                                / MILLION,
                                        w.totalFlow() / MILLION));
                case LEVEL_BREACH ->
                        new ScenarioLabel(
                                w.start(),
                                w.btcAboveLevelAtStart() ? "LEVEL_BREACH" : "LEVEL_RECLAIM",
                                "BTC-USD",
                                String.format(
                                        Locale.ROOT,
                                        "BTC closes %s %.0f: %.0f -> %.0f",
                                        w.btcAboveLevelAtStart() ? "below" : "above",
                                        options.btcLevel(),
                                        w.startPrice().get("BTC-USD"),
                                        w.endPrice().get("BTC-USD")));
                case CASCADE_RISK ->
                        new ScenarioLabel(
                                w.start(),
                                "CASCADE_RISK",
                                String.join(
                                        ";",
                                        ASSETS.stream()
                                                .filter(
                                                        x ->
                                                                w.weeklyReturn(
                                                                                INSTRUMENT_OF_ASSET
                                                                                        .get(x))
                                                                        < -cascadeLabelBreakdown())
                                                .toList()),
                                String.format(
                                        Locale.ROOT,
                                        "second outflow week ("
                                                + m
                                                + "), BTC %+.1f%% ETH %+.1f%%, volatility x3",
                                        w.totalFlow() / MILLION,
                                        100 * w.weeklyReturn("BTC-USD"),
                                        100 * w.weeklyReturn("ETH-USD")));
            };
        }
    }

    private static String largestOutflow(Map<String, Double> flows) {
        return flows.entrySet().stream()
                .min(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElseThrow();
    }

    private static double roundTo10k(double v) {
        return Math.round(v / 10_000.0) * 10_000.0;
    }

    // ------------------------------------------------------------------ generation

    /** Generates the bars of each week lazily, bridged to the plan. */
    private final class Generator implements Iterator<SpecificRecord> {
        private final SplittableRandom rng =
                new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + 1);
        // shuffles a varied run's report rows without touching the bars' draws
        private final SplittableRandom rowOrder =
                new SplittableRandom(options.variation().seed() * 31 + 7);
        private java.util.Set<String> missingVolumes = java.util.Set.of();
        private final long barMillis = options.barInterval().toMillis();
        private final int barsPerWeek = (int) (WEEK.toMillis() / barMillis);
        private final double barsPerDay = Duration.ofDays(1).toMillis() / (double) barMillis;
        private final int series = INSTRUMENTS.size() + METALS.size();
        private final String[] names = new String[series];
        private final double[] logPrice = new double[series];
        private final double[] target = new double[series];
        private final double[] barVol = new double[series];
        private final double[] lastClose = new double[series];
        private final double[] barVolume = new double[series];
        private final double[] noise = new double[series];
        private final double[] productFlowPerBar = new double[METALS.size()];
        private final SpecificRecord[] buffer =
                new SpecificRecord[2 * series + ASSETS.size() + REGIONS.size() + 1];
        private int bufferSize;
        private int bufferPos;
        private int week = -1;
        private int bar = 0;
        private boolean flowsEmitted;
        private boolean btcAbove;
        private boolean breachWeek;
        private long weekStartMillis;

        Generator() {
            for (int s = 0; s < INSTRUMENTS.size(); s++) {
                names[s] = INSTRUMENTS.get(s);
            }
            for (int m = 0; m < METALS.size(); m++) {
                names[INSTRUMENTS.size() + m] = METALS.get(m).name();
            }
            for (int s = 0; s < series; s++) {
                lastClose[s] = BASE_PRICE.get(names[s]);
                logPrice[s] = Math.log(lastClose[s]);
            }
            startWeek(0);
        }

        private void startWeek(int w) {
            week = w;
            bar = 0;
            flowsEmitted = false;
            if (w >= plan.size()) {
                return;
            }
            WeekPlan p = plan.get(w);
            weekStartMillis = p.start().toEpochMilli();
            btcAbove = p.btcAboveLevelAtStart();
            missingVolumes = p.missingVolumes();
            breachWeek = p.scenario() == Scenario.LEVEL_BREACH;
            for (int s = 0; s < series; s++) {
                logPrice[s] = Math.log(p.startPrice().get(names[s]));
                target[s] = Math.log(p.endPrice().get(names[s]));
                barVol[s] =
                        p.weeklyVolatility().get(names[s]) * p.barNoise() / Math.sqrt(barsPerWeek);
                barVolume[s] =
                        BASE_DAILY_VOLUME.get(names[s])
                                / barsPerDay
                                * p.volumeMultiplier().get(names[s]);
                noise[s] = 0;
            }
            for (int m = 0; m < METALS.size(); m++) {
                productFlowPerBar[m] =
                        p.metalProductFlows().get(METALS.get(m).name()) / barsPerWeek;
            }
        }

        @Override
        public boolean hasNext() {
            if (bufferPos < bufferSize) {
                return true;
            }
            fill();
            return bufferPos < bufferSize;
        }

        @Override
        public SpecificRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            SpecificRecord e = buffer[bufferPos];
            buffer[bufferPos++] = null;
            return e;
        }

        private void fill() {
            bufferPos = 0;
            bufferSize = 0;
            if (week >= plan.size()) {
                return;
            }
            if (bar == barsPerWeek) {
                if (!flowsEmitted) {
                    emitFlows();
                    return;
                }
                startWeek(week + 1);
                if (week >= plan.size()) {
                    return;
                }
            }
            long start = weekStartMillis + bar * barMillis;
            long end = start + barMillis;
            long flowsEnd = weekStartMillis + Duration.ofDays(5).toMillis();
            if (!flowsEmitted && end > flowsEnd) {
                emitFlows();
                return;
            }
            emitBar(start, end);
            bar++;
        }

        private void emitFlows() {
            flowsEmitted = true;
            WeekPlan p = plan.get(week);
            Instant periodStart = p.start();
            Instant periodEnd = p.start().plus(Duration.ofDays(5));
            LocalDate reportDate = LocalDate.ofInstant(p.start(), ZoneOffset.UTC).plusDays(7);
            String reportId = idNamespace + "-" + reportDate;
            add(
                    flow(
                            reportId,
                            reportDate,
                            periodStart,
                            periodEnd,
                            Breakdown.TOTAL,
                            "ALL",
                            p.totalFlow()));
            for (String a : ASSETS) {
                add(
                        flow(
                                reportId,
                                reportDate,
                                periodStart,
                                periodEnd,
                                Breakdown.ASSET,
                                a,
                                p.assetFlows().get(a)));
            }
            for (String r : REGIONS) {
                add(
                        flow(
                                reportId,
                                reportDate,
                                periodStart,
                                periodEnd,
                                Breakdown.REGION,
                                r,
                                p.regionFlows().get(r)));
            }
            if (options.variation().active()) {
                for (int i = bufferSize - 1; i > 0; i--) {
                    int j = rowOrder.nextInt(i + 1);
                    SpecificRecord swap = buffer[i];
                    buffer[i] = buffer[j];
                    buffer[j] = swap;
                }
            }
        }

        private FundFlow flow(
                String reportId,
                LocalDate reportDate,
                Instant start,
                Instant end,
                Breakdown b,
                String key,
                double value) {
            return new FundFlow(
                    EventIds.fundFlow(idNamespace, reportId, b, key, start, end),
                    source,
                    reportId,
                    reportDate,
                    start,
                    end,
                    b,
                    key,
                    value,
                    null,
                    b == Breakdown.ASSET ? key : null,
                    b == Breakdown.REGION ? key : null,
                    null,
                    REPORT_ROWS);
        }

        private void emitBar(long startMillis, long endMillis) {
            Instant start = Instant.ofEpochMilli(startMillis);
            Instant end = Instant.ofEpochMilli(endMillis);
            int remaining = barsPerWeek - bar;
            boolean last = remaining == 1;
            for (int s = 0; s < series; s++) {
                // Brownian bridge step towards the week's planned close
                double x = logPrice[s];
                double step = (target[s] - x) / remaining;
                double next =
                        last
                                ? target[s]
                                : x
                                        + step
                                        + barVol[s]
                                                * Math.sqrt((remaining - 1.0) / remaining)
                                                * rng.nextGaussian();
                logPrice[s] = next;
                double open = lastClose[s];
                double close = Math.exp(next);
                if (s == 0) {
                    close = btcClose(close, last);
                }
                double wick = barVol[s] * 0.5;
                double high = Math.max(open, close) * (1 + Math.abs(rng.nextGaussian()) * wick);
                double low =
                        Math.min(open, close)
                                * (1 - Math.min(0.5, Math.abs(rng.nextGaussian()) * wick));
                lastClose[s] = close;
                // volume noise telescopes: the week's bars sum to exactly base x multiplier
                double e = last ? 0 : (rng.nextDouble() - 0.5) * 0.6;
                double volumeFactor = 1 + e - noise[s];
                noise[s] = e;
                double vol = barVolume[s] * volumeFactor;
                if (s < INSTRUMENTS.size()) {
                    String instrument = names[s];
                    add(
                            new PriceBar(
                                    EventIds.priceBar(idNamespace, instrument, start, end),
                                    source,
                                    instrument,
                                    start,
                                    end,
                                    open,
                                    high,
                                    low,
                                    close));
                    if (missingVolumes.contains(instrument)) {
                        continue;
                    }
                    add(
                            new VolumeBar(
                                    EventIds.volumeBar(idNamespace, instrument, start, end),
                                    source,
                                    instrument,
                                    start,
                                    end,
                                    vol,
                                    vol * close));
                } else {
                    int m = s - INSTRUMENTS.size();
                    Metal metal = METALS.get(m);
                    add(
                            new MetalQuote(
                                    EventIds.metalQuote(idNamespace, metal, start, end),
                                    source,
                                    metal,
                                    start,
                                    end,
                                    close,
                                    high,
                                    low,
                                    vol,
                                    productFlowPerBar[m] * volumeFactor));
                }
            }
        }

        /** Keeps BTC's closes on its side of the level, except once in a LEVEL_BREACH week. */
        private double btcClose(double raw, boolean last) {
            double level = options.btcLevel();
            boolean crossed = btcAbove ? raw < level : raw >= level;
            if (crossed && breachWeek) {
                btcAbove = !btcAbove;
                breachWeek = false;
                return raw;
            }
            if (crossed && !last) {
                return btcAbove ? level * 1.002 : level * 0.998;
            }
            return raw;
        }

        private void add(SpecificRecord e) {
            buffer[bufferSize++] = e;
        }
    }
}
