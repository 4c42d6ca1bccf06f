package dev.rotation.app.evaluation;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.Signal;
import dev.rotation.model.events.InputEventType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.config.ProcessorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * What followed each FINAL signal on real history: the detector runs (offline, production topology)
 * on the real series only, and for each FINAL signal the legs it names are followed over the next
 * 1, 2 and 4 weeks: price returns of the assets, groups or metals named, and the flows of the
 * following weeks per source. Per type, the share of signals after which a stated expectation held.
 * A description of what followed, in-sample and on a small sample; never a forecast.
 *
 * <p>Series whose source configuration marks illustrative ({@code source.kind.<name>=illustrative},
 * docs/signals.md "Sources and scopes") are left out and counted. Flows are read per source and
 * window, so a further real source (e.g. {@code us-spot-etf}'s daily rows, summed into their week)
 * joins the flow columns without change.
 */
public final class HistoryScorecard {

    /** Horizons after the signal's window closes, in weeks. */
    public static final List<Integer> HORIZONS = List.of(1, 2, 4);

    /** A price this many days older than the instant asked for is too stale to use. */
    private static final Duration STALE = Duration.ofDays(4);

    /** Below this many signals a figure is called a small sample. */
    public static final int SMALL_SAMPLE = 30;

    /**
     * One horizon after one signal.
     *
     * @param weeks the horizon in weeks after the window's end
     * @param returns price return of each leg (asset, group mean or metal), a fraction; a leg
     *     without prices at both ends is absent
     * @param flows net flow per source over the horizon's weeks, USD; absent when a source did not
     *     report every week of it
     * @param hit whether the type's expectation held; null when the legs it needs have no data
     */
    public record Horizon(
            int weeks, Map<String, Double> returns, Map<String, Double> flows, Boolean hit) {}

    /**
     * One FINAL signal and what followed it.
     *
     * @param windowStart its window's start, ISO-8601
     * @param type its type
     * @param subjects its subjects
     * @param confidence its confidence
     * @param horizons what followed after 1, 2 and 4 weeks
     */
    public record Row(
            String windowStart,
            String type,
            List<String> subjects,
            double confidence,
            List<Horizon> horizons) {}

    /**
     * Per type and horizon, how often the expectation held.
     *
     * @param type the signal type
     * @param expectation the expectation, in words
     * @param weeks the horizon
     * @param hitRate hits out of signals with data, with its Wilson interval
     * @param smallSample true below {@link #SMALL_SAMPLE} signals
     */
    public record HitRate(
            String type, String expectation, int weeks, Proportion hitRate, boolean smallSample) {}

    /**
     * @param sources the real sources the detector read
     * @param excluded events left out per input type, because their source is illustrative
     * @param rows one per FINAL signal
     * @param hitRates per type with an expectation and per horizon
     */
    public record Result(
            List<String> sources,
            Map<String, Long> excluded,
            List<Row> rows,
            List<HitRate> hitRates) {}

    private final AnalyticsConfig analytics;
    private final Map<String, NavigableMap<Instant, Double>> prices = new TreeMap<>();
    private final Map<String, NavigableMap<Instant, Double>> weeklyFlows = new TreeMap<>();

    private HistoryScorecard(AnalyticsConfig analytics) {
        this.analytics = analytics;
    }

    /**
     * @param events the bundled history (every source; illustrative ones are left out here)
     * @param config the processor configuration the detector runs with
     */
    public static Result score(List<SpecificRecord> events, ProcessorConfig config) {
        HistoryScorecard card = new HistoryScorecard(config.analytics());
        List<SpecificRecord> real = new ArrayList<>();
        Map<String, Long> excluded = new TreeMap<>();
        Set<String> sources = new java.util.TreeSet<>();
        for (SpecificRecord e : events) {
            String source = source(e);
            if (card.analytics.sources().isIllustrative(source)) {
                excluded.merge(InputEventType.of(e).label(), 1L, Long::sum);
                continue;
            }
            sources.add(source);
            real.add(e);
            card.index(e);
        }
        List<Row> rows = new ArrayList<>();
        for (Signal s : detect(real, config)) {
            rows.add(card.row(s));
        }
        return new Result(List.copyOf(sources), excluded, rows, hitRates(rows));
    }

    private static List<Signal> detect(List<SpecificRecord> events, ProcessorConfig config) {
        Path state;
        try {
            state = Files.createTempDirectory("rotation-scorecard-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OfflineDetector d = new OfflineDetector(config, state)) {
            d.pipeAll(events);
            return d.finals();
        }
    }

    private static String source(SpecificRecord e) {
        Object s = e.get(e.getSchema().getField("source").pos());
        return s == null ? "" : s.toString();
    }

    private void index(SpecificRecord e) {
        if (e instanceof PriceBar p) {
            prices.computeIfAbsent(p.getInstrument(), k -> new TreeMap<>())
                    .put(p.getIntervalEnd(), p.getClose());
        } else if (e instanceof MetalQuote m) {
            prices.computeIfAbsent(m.getMetal().name(), k -> new TreeMap<>())
                    .put(m.getIntervalEnd(), m.getSpotUsdPerOz());
        } else if (e instanceof FundFlow f) {
            indexFlow(f);
        }
    }

    /**
     * Per source and week, the sums of its TOTAL, ASSET and PROVIDER rows. A week's flow is the
     * TOTAL rows' sum where the source reports a total, else its ASSET rows' (a daily source's
     * all-issuer rows), else its PROVIDER rows': one breakdown only, never added across.
     */
    private final Map<String, Map<Instant, Map<Breakdown, Double>>> flowParts = new TreeMap<>();

    private void indexFlow(FundFlow f) {
        Instant week = weekOf(f.getPeriodStart());
        Map<Breakdown, Double> parts =
                flowParts
                        .computeIfAbsent(f.getSource(), k -> new TreeMap<>())
                        .computeIfAbsent(week, k -> new java.util.EnumMap<>(Breakdown.class));
        parts.merge(f.getBreakdown(), f.getNetFlowUsd(), Double::sum);
        for (Breakdown b : List.of(Breakdown.TOTAL, Breakdown.ASSET, Breakdown.PROVIDER)) {
            if (parts.containsKey(b)) {
                weeklyFlows
                        .computeIfAbsent(f.getSource(), k -> new TreeMap<>())
                        .put(week, parts.get(b));
                break;
            }
        }
    }

    private static Instant weekOf(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC)
                .with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    private Row row(Signal s) {
        List<Horizon> horizons = new ArrayList<>();
        for (int weeks : HORIZONS) {
            horizons.add(horizon(s, weeks));
        }
        return new Row(
                s.getWindowStart().toString(),
                s.getType().name(),
                List.copyOf(s.getSubjects()),
                s.getConfidence(),
                horizons);
    }

    private Horizon horizon(Signal s, int weeks) {
        Instant from = s.getWindowEnd();
        Instant to = from.plus(Duration.ofDays(7L * weeks));
        Map<String, Double> returns = new LinkedHashMap<>();
        for (String leg : legs(s)) {
            Double r = legReturn(leg, from, to);
            if (r != null) {
                returns.put(leg, r);
            }
        }
        Map<String, Double> flows = new LinkedHashMap<>();
        for (Map.Entry<String, NavigableMap<Instant, Double>> e : weeklyFlows.entrySet()) {
            NavigableMap<Instant, Double> following = e.getValue().subMap(from, true, to, false);
            if (following.size() == weeks) {
                flows.put(e.getKey(), following.values().stream().mapToDouble(v -> v).sum());
            }
        }
        return new Horizon(weeks, returns, flows, Expectations.hit(s, returns, flows));
    }

    /** The legs whose prices follow a signal: assets, groups ("group:x"), metals, instruments. */
    private List<String> legs(Signal s) {
        List<String> legs = new ArrayList<>();
        for (String subject : s.getSubjects()) {
            int colon = subject.indexOf(':');
            String kind = colon < 0 ? "" : subject.substring(0, colon);
            String value = subject.substring(colon + 1);
            switch (kind) {
                case "asset", "benchmark" -> legs.add(analytics.assets().instrumentFor(value));
                case "instrument", "metal" -> legs.add(value);
                case "group" -> legs.add(subject);
                case "crypto" -> legs.add(analytics.assets().instrumentFor("BTC"));
                default -> {
                    // a level, a holder or a region has no price of its own
                }
            }
        }
        return legs.stream().distinct().toList();
    }

    private Double legReturn(String leg, Instant from, Instant to) {
        if (leg.startsWith("group:")) {
            List<Double> members = new ArrayList<>();
            for (String asset : analytics.groups().group(leg.substring("group:".length()))) {
                Double r = priceReturn(analytics.assets().instrumentFor(asset), from, to);
                if (r != null) {
                    members.add(r);
                }
            }
            return members.isEmpty()
                    ? null
                    : members.stream().mapToDouble(v -> v).average().orElseThrow();
        }
        return priceReturn(leg, from, to);
    }

    private Double priceReturn(String series, Instant from, Instant to) {
        Double a = priceAt(series, from);
        Double b = priceAt(series, to);
        return a == null || b == null ? null : b / a - 1;
    }

    /** The latest price at or before {@code t}, if not older than {@link #STALE}. */
    private Double priceAt(String series, Instant t) {
        NavigableMap<Instant, Double> p = prices.get(series);
        if (p == null) {
            return null;
        }
        Map.Entry<Instant, Double> e = p.floorEntry(t);
        return e == null || e.getKey().isBefore(t.minus(STALE)) ? null : e.getValue();
    }

    private static List<HitRate> hitRates(List<Row> rows) {
        List<HitRate> out = new ArrayList<>();
        Map<String, List<Row>> byType = new TreeMap<>();
        rows.forEach(r -> byType.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<Row>> e : byType.entrySet()) {
            String expectation = Expectations.describe(e.getKey());
            if (expectation == null) {
                continue;
            }
            for (int i = 0; i < HORIZONS.size(); i++) {
                long hits = 0;
                long n = 0;
                for (Row r : e.getValue()) {
                    Boolean hit = r.horizons().get(i).hit();
                    if (hit != null) {
                        n++;
                        hits += hit ? 1 : 0;
                    }
                }
                out.add(
                        new HitRate(
                                e.getKey(),
                                expectation,
                                HORIZONS.get(i),
                                Proportion.of(hits, n),
                                n < SMALL_SAMPLE));
            }
        }
        return out;
    }
}
