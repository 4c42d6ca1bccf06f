package dev.rotation.processor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.model.Caveat;
import dev.rotation.model.Evidence;
import dev.rotation.model.Magnitude;
import dev.rotation.model.Scale;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.FlowRow;
import dev.rotation.processor.analytics.MetalMetrics;
import dev.rotation.processor.analytics.PriceMetrics;
import dev.rotation.processor.analytics.RotationGraph;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.confidence.Confidence;
import dev.rotation.processor.confidence.ConfidenceInputs;
import dev.rotation.processor.confidence.ConfidenceModel;
import dev.rotation.processor.ops.HttpEndpoints;
import dev.rotation.processor.query.DetectorQueries;
import dev.rotation.processor.query.RotationView;
import dev.rotation.processor.query.SignalHistory;
import dev.rotation.processor.query.SignalQuery;
import dev.rotation.processor.query.SignalVersion;
import dev.rotation.processor.query.WindowSummary;
import dev.rotation.processor.query.WindowView;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web view's JSON API over real HTTP (the processor's endpoints on an ephemeral loopback port),
 * answering from a read side that holds the seed week and the week before it in memory.
 */
class WebApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant SEED = day("2026-01-19");
    private static final Instant BEFORE = day("2026-01-12");

    private final HttpClient client = HttpClient.newHttpClient();
    private final InMemoryQueries queries = new InMemoryQueries();
    private HttpEndpoints endpoints;

    private static Instant day(String d) {
        return LocalDate.parse(d).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @BeforeEach
    void start() {
        queries.add(week(BEFORE, Map.of("ASSET:BTC", 300e6, "ASSET:SOL", -5e6)), List.of());
        queries.add(
                week(
                        SEED,
                        Map.of(
                                "TOTAL:ALL", -1.73e9,
                                "ASSET:BTC", -1.09e9,
                                "ASSET:ETH", -630e6,
                                "ASSET:SOL", 17.1e6,
                                "ASSET:LINK", 3.8e6,
                                "REGION:US", -1.8e9,
                                "REGION:CH", 32.5e6)),
                List.of(
                        rotation(SEED, 1, SignalStatus.PROVISIONAL),
                        rotation(SEED, 3, SignalStatus.FINAL)));
        endpoints =
                new HttpEndpoints(
                        "127.0.0.1",
                        0,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        () ->
                                new HttpEndpoints.StreamsHealth(
                                        KafkaStreams.State.RUNNING, 0, 0, "web-api-test"),
                        Duration.ofSeconds(30));
        endpoints.start(
                queries,
                new WebApi(AnalyticsConfig.defaults(), null),
                new HostInfo("127.0.0.1", endpoints.port()));
    }

    @AfterEach
    void stop() {
        endpoints.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(r.body());
    }

    @Test
    void theWeekGivesGroupsAssetsAndRegionsApartWithTheReportedTotalAndItsSignals()
            throws Exception {
        JsonNode w = json("/api/weeks/2026-01-19");
        assertThat(w.at("/window/start").asText()).isEqualTo("2026-01-19T00:00:00Z");
        assertThat(w.at("/window/closed").asBoolean()).isTrue();
        assertThat(w.at("/totalReportedUsd").asDouble()).isEqualTo(-1.73e9);
        assertThat(w.at("/byGroup/mainstream").asDouble()).isEqualTo(-1.72e9);
        assertThat(w.at("/byGroup/high-beta").asDouble()).isEqualTo(17.1e6);
        assertThat(w.at("/byGroup/other").asDouble()).isEqualTo(3.8e6);
        assertThat(w.at("/groupOfAsset/LINK").asText()).isEqualTo("other");
        assertThat(w.at("/byRegion/US").asDouble()).isEqualTo(-1.8e9);
        assertThat(w.get("byAsset").has("US")).isFalse();
        assertThat(w.at("/bySource/0/source").asText()).isEqualTo("coinshares");
        assertThat(w.at("/bySource/0/totalReportedUsd").asDouble()).isEqualTo(-1.73e9);
        assertThat(w.at("/bySource/0/breakdowns").toString())
                .isEqualTo("[\"ASSET\",\"REGION\",\"TOTAL\"]");
        assertThat(w.at("/prices/BTC-USD/lastClose").asDouble()).isEqualTo(88290);
        assertThat(w.at("/metals/XAG/windowReturn").asDouble()).isEqualTo(0.122);
        assertThat(w.at("/metals/XAG/sources/0").asText()).isEqualTo("illustrative");
        JsonNode signal = w.at("/signals/0");
        assertThat(signal.get("type").asText()).isEqualTo("ROTATION_TO_HIGH_BETA");
        assertThat(signal.get("status").asText()).isEqualTo("FINAL");
        assertThat(signal.at("/magnitude/scale").asText()).isEqualTo("MICRO");
        assertThat(signal.at("/caveats/0/text").asText()).contains("new money");
        assertThat(signal.at("/evidence/0/metric").asText()).isEqualTo("net_flow_usd");
        assertThat(signal.get("windowStart").asText()).isEqualTo("2026-01-19T00:00:00Z");
    }

    /**
     * A signal's confidence components, as the page reads them: the model's terms, weights, base
     * and the cap that bound the score, recomputed here from the documented formula.
     */
    @Test
    void aSignalCarriesItsConfidenceComponents() throws Exception {
        JsonNode signal = json("/api/weeks/2026-01-19").at("/signals/0");
        JsonNode k = signal.get("confidenceComponents");
        double strength = 1 - 1e6 / 17.1e6; // 0.94152
        assertThat(k.get("strength").asDouble()).isCloseTo(strength, within(1e-12));
        assertThat(k.get("breadth").asDouble()).isEqualTo(0.75);
        assertThat(k.get("history").asDouble()).isEqualTo(0.0);
        assertThat(k.get("historyWindows").asInt()).isZero();
        assertThat(k.get("completeness").asDouble()).isEqualTo(1.0);
        assertThat(k.get("correlationTerm").isNull()).isTrue();
        assertThat(k.get("distinctSources").asInt()).isEqualTo(1);
        assertThat(k.at("/weights/strength").asDouble()).isEqualTo(0.35);
        assertThat(k.at("/weights/breadth").asDouble()).isEqualTo(0.20);
        assertThat(k.at("/weights/history").asDouble()).isEqualTo(0.20);
        assertThat(k.at("/weights/completeness").asDouble()).isEqualTo(0.25);
        assertThat(k.at("/weights/correlation").asDouble()).isEqualTo(0.15);
        double base = 0.35 * strength + 0.20 * 0.75 + 0.20 * 0 + 0.25 * 1; // 0.7295
        assertThat(k.get("base").asDouble()).isCloseTo(base, within(1e-12));
        assertThat(k.get("uncapped").asDouble()).isCloseTo(base, within(1e-12));
        // one source (cap 0.6) and no history (cap 0.55): the lower one bound the score
        assertThat(k.at("/cap/code").asText()).isEqualTo("INSUFFICIENT_HISTORY");
        assertThat(k.at("/cap/value").asDouble()).isEqualTo(0.55);
        assertThat(k.get("adjustment").isNull()).isTrue();
        assertThat(signal.get("confidence").asDouble()).isEqualTo(0.55);
        assertThat(signal.get("confidenceLevel").asText()).isEqualTo("MEDIUM");
        // the query endpoint serves the same signal with the same components
        assertThat(json("/signals").at("/signals/0/confidenceComponents")).isEqualTo(k);
    }

    @Test
    void weeksAreListedOldestFirstEachSayingWhetherItHasFlows() throws Exception {
        queries.add(week(day("2026-01-26"), Map.of()), List.of());
        JsonNode w = json("/api/weeks");
        assertThat(w.get("count").asInt()).isEqualTo(3);
        assertThat(w.at("/weeks/0/start").asText()).isEqualTo("2026-01-12T00:00:00Z");
        assertThat(w.at("/weeks/1/signals").asInt()).isEqualTo(1);
        assertThat(w.get("weeks"))
                .extracting(week -> week.get("flows").asBoolean())
                .containsExactly(true, true, false);
    }

    @Test
    void rotationOverTimeCarriesTheBandsAndEachWeeksReading() throws Exception {
        JsonNode r = json("/api/rotation");
        assertThat(r.get("microBelow").asDouble()).isEqualTo(0.05);
        assertThat(r.get("majorAbove").asDouble()).isEqualTo(0.25);
        assertThat(r.at("/weeks/0/rotation").isNull()).isTrue();
        assertThat(r.at("/weeks/0/byGroup/mainstream").asDouble()).isEqualTo(300e6);
        assertThat(r.at("/weeks/1/rotation/scale").asText()).isEqualTo("MICRO");
        assertThat(r.at("/weeks/1/rotation/ratio").asDouble()).isEqualTo(0.0099);
        assertThat(r.at("/weeks/1/rotation/status").asText()).isEqualTo("FINAL");
    }

    /**
     * The page's relative rotation graph is the product's: the same JSON as {@code /rotation}, from
     * the read side's {@link RotationView}. SOL against BTC over the 14 weekly closes of {@code
     * src/test/resources/rotation/rrg_reference.py} (the last week open), so the figures are the
     * script's; XAG is measured against USD.
     */
    @Test
    void relativeRotationServesTheProductsRsRatioAndRsMomentumTrails() throws Exception {
        JsonNode rr = json("/api/relative-rotation");
        assertThat(rr.get("measure").asText()).contains("RS-Ratio / RS-Momentum", "JdK");
        assertThat(rr.get("benchmark").asText()).isEqualTo("BTC");
        assertThat(rr.get("ratioWindows").asInt()).isEqualTo(5);
        assertThat(rr.get("momentumWindows").asInt()).isEqualTo(4);
        assertThat(rr.get("centre").asDouble()).isEqualTo(100.0);
        assertThat(rr.get("assets")).extracting(a -> a.get("asset").asText()).contains("SOL");
        JsonNode sol = asset(rr, "SOL");
        assertThat(sol.get("benchmark").asText()).isEqualTo("BTC");
        assertThat(sol.get("quadrant").asText()).isEqualTo("IMPROVING");
        // 12 kept FINAL weeks plus the open one: points for weeks 9 to 13, oldest first
        JsonNode points = sol.get("points");
        assertThat(points).hasSize(5);
        assertThat(points.get(0).get("windowStart").asText()).isEqualTo("2025-12-08T00:00:00Z");
        assertThat(points.get(0).get("quadrant").asText()).isEqualTo("WEAKENING");
        JsonNode last = points.get(4);
        assertThat(last.get("closed").asBoolean()).isFalse();
        assertThat(last.get("ratio").asDouble()).isCloseTo(99 / 52.5, within(1e-12));
        assertThat(last.get("rsRatio").asDouble()).isCloseTo(98.724078874338, within(1e-9));
        assertThat(last.get("rsMomentum").asDouble()).isCloseTo(101.272812935137, within(1e-9));
        assertThat(asset(rr, "XAG").get("benchmark").asText()).isEqualTo("USD");

        assertThat(get("/rotation").body()).isEqualTo(get("/api/relative-rotation").body());
        // both paths take the same benchmark parameter and refuse another benchmark alike
        for (String path : List.of("/api/relative-rotation", "/rotation")) {
            assertThat(json(path + "?benchmark=BTC")).as(path).isEqualTo(rr);
            HttpResponse<String> other = get(path + "?benchmark=ETH");
            assertThat(other.statusCode()).as(path).isEqualTo(400);
            assertThat(JSON.readTree(other.body()).get("error").asText())
                    .as(path)
                    .isEqualTo(
                            "the relative rotation graph is measured against BTC (rrg.benchmark"
                                    + " of the processor), not ETH; leave benchmark out or set"
                                    + " rrg.benchmark");
            assertThat(get(path + "?color=red").body())
                    .as(path)
                    .contains("unknown parameter 'color' (allowed: benchmark)");
        }
    }

    private static JsonNode asset(JsonNode rr, String asset) {
        for (JsonNode a : rr.get("assets")) {
            if (a.get("asset").asText().equals(asset)) {
                return a;
            }
        }
        throw new AssertionError("no trail for " + asset + " in " + rr);
    }

    @Test
    void recentGivesTheRevisionsEmittedAfterAnInstantNewestFirst() throws Exception {
        JsonNode all = json("/api/recent");
        assertThat(all.get("count").asInt()).isEqualTo(1);
        assertThat(all.get("asOf").asText()).endsWith("Z");
        String emitted = all.at("/signals/0/emittedAt").asText();
        assertThat(json("/api/recent?after=" + emitted).get("count").asInt()).isZero();
    }

    @Test
    void revisionsFallBackToWhatStageTwoKeepsWithoutATopicReader() throws Exception {
        String id = "ROTATION_TO_HIGH_BETA%7C2026-01-19%7Cgroup:high-beta,group:mainstream";
        JsonNode h = json("/api/signals/" + id + "/revisions");
        assertThat(h.get("revisionsEmitted").asInt()).isEqualTo(3);
        assertThat(h.at("/revisions/0/status").asText()).isEqualTo("FINAL");
    }

    @Test
    void mistakesAreOneLineAnswers() throws Exception {
        HttpResponse<String> bad = get("/api/weeks/19-01-2026");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("error").asText())
                .isEqualTo(
                        "week must be a date (2026-01-19) or an instant (2026-01-19T00:00:00Z), got '19-01-2026'");
        HttpResponse<String> unknown = get("/api/weeks?color=red");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown parameter 'color'");
        HttpResponse<String> missing = get("/api/weeks/2025-01-06");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("GET /api/weeks lists them");
        HttpResponse<String> nowhere = get("/api/nowhere");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.body()).contains("weeks/{date}");
    }

    /** A limit out of range says the range; UNKNOWN (the Avro reader's default) is no type. */
    @Test
    void signalQueryMistakesSayWhatIsAllowed() throws Exception {
        for (String path : List.of("/api/signals", "/signals")) {
            HttpResponse<String> huge = get(path + "?limit=99999999999999");
            assertThat(huge.statusCode()).as(path).isEqualTo(400);
            assertThat(error(huge))
                    .isEqualTo(
                            "limit must be a whole number between 1 and 10000, got"
                                    + " '99999999999999'");
            assertThat(error(get(path + "?limit=0")))
                    .isEqualTo("limit must be between 1 and 10000");
            HttpResponse<String> unknown = get(path + "?type=UNKNOWN");
            assertThat(unknown.statusCode()).as(path).isEqualTo(400);
            assertThat(error(unknown))
                    .startsWith("type must be one of [ROTATION_TO_HIGH_BETA, ")
                    .contains("QUADRANT_TRANSITION]")
                    .endsWith(", got 'UNKNOWN'")
                    .doesNotContain("UNKNOWN,", "UNKNOWN]");
            assertThat(json(path + "?type=rotation_to_high_beta").get("count").asInt())
                    .isEqualTo(1);
        }
    }

    private static String error(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(r.body()).get("error").asText();
    }

    @Test
    void thePageAndItsFilesAreServedFromTheJarAndOtherPathsAreNotFound() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body())
                .contains(
                        "Correlations, not causes", "illustrative", "<table id=\"signals-table\"");
        HttpResponse<String> charts = get("/web/echarts.min.js");
        assertThat(charts.statusCode()).isEqualTo(200);
        assertThat(charts.body()).contains("echarts");
        assertThat(get("/web/app.js").body()).contains("/api/");
        assertThat(get("/web/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    // ---- fixtures
    // --------------------------------------------------------------------------------

    /**
     * The graph of weekly closes from 6 October 2025: SOL and BTC from {@code rrg_reference.py},
     * and an XAG spot; 12 weeks kept FINAL, the 14th open.
     */
    private static final RotationView ROTATION = rotationView();

    private static RotationView rotationView() {
        double[] sol = {100, 102, 101, 99, 96, 94, 95, 98, 103, 107, 108, 106, 102, 99};
        double[] btc = {50, 50.5, 51, 50, 49.5, 50, 50.5, 51, 51.5, 52, 52.5, 53, 53, 52.5};
        double[] xag = {48, 49, 50, 51, 53, 55, 58, 60, 63, 70, 76, 90, 101, 85};
        long week = Duration.ofDays(7).toMillis();
        long first = Instant.parse("2025-10-06T00:00:00Z").toEpochMilli();
        AnalyticsConfig config = AnalyticsConfig.defaults();
        TrailingHistory history = new TrailingHistory(config.history().windows());
        for (int i = 0; i < 13; i++) {
            EventWindow w = new EventWindow(first + i * week, first + (i + 1) * week);
            history.append(Series.priceClose("SOL-USD"), w, sol[i]);
            history.append(Series.priceClose("BTC-USD"), w, btc[i]);
            history.append(Series.metalClose("XAG"), w, xag[i]);
        }
        EventWindow open = new EventWindow(first + 13 * week, first + 14 * week);
        RotationGraph graph = new RotationGraph(config.relativeRotation(), config.assets());
        return new RotationView(
                config.relativeRotation().benchmark(),
                config.relativeRotation().ratioWindows(),
                config.relativeRotation().momentumWindows(),
                List.copyOf(
                        graph.trails(
                                        history,
                                        open,
                                        Map.of("SOL-USD", sol[13], "BTC-USD", btc[13]),
                                        Map.of("XAG", xag[13]))
                                .values()));
    }

    private static WindowView week(Instant start, Map<String, Double> flows) {
        Map<String, FlowMetrics> metrics = new LinkedHashMap<>();
        long seq = 0;
        for (Map.Entry<String, Double> e : flows.entrySet()) {
            String[] k = e.getKey().split(":");
            FlowRow row =
                    new FlowRow(
                            "coinshares|r|"
                                    + e.getKey().replace(':', '|')
                                    + "|"
                                    + start.toEpochMilli()
                                    + "-"
                                    + start.plus(Duration.ofDays(7)).toEpochMilli(),
                            "coinshares",
                            "r-" + start,
                            flows.size(),
                            e.getValue(),
                            seq++,
                            false);
            metrics.put(e.getKey(), FlowMetrics.of(k[0], k[1], List.of(row), false));
        }
        PriceMetrics btc =
                new PriceMetrics(
                        "BTC-USD",
                        -0.072,
                        -0.08,
                        0.02,
                        7,
                        95000,
                        94000,
                        88290,
                        96000,
                        87000,
                        95166d,
                        start.toEpochMilli(),
                        start.toEpochMilli(),
                        Set.of("prices"),
                        List.of(94000d, 88290d));
        MetalMetrics xag =
                new MetalMetrics(
                        "XAG", 0.122, 90, 101, 90d, 102, 89, null, null, 5, Set.of("illustrative"));
        return new WindowView(
                new WindowSummary(start, start.plus(Duration.ofDays(7)), true, start, 0),
                metrics,
                Map.of("BTC-USD", btc),
                Map.of(),
                Map.of("XAG", xag),
                List.of());
    }

    /**
     * The seed week rotation's confidence as the model assesses it (docs/confidence.md, worked
     * example): strength min(1 - 50M/1.72B, 1 - 1M/17.1M), breadth 0.75, one source, no history,
     * every leg present.
     */
    private static final Confidence SEED_ROTATION_CONFIDENCE =
            new ConfidenceModel(
                            AnalyticsConfig.defaults().confidence(),
                            AnalyticsConfig.defaults().history())
                    .assess(new ConfidenceInputs(1 - 1e6 / 17.1e6, 0.75, 1, 0, 1, null, false));

    private static Signal rotation(Instant start, int revision, SignalStatus status) {
        return Signal.newBuilder()
                .setSignalId("ROTATION_TO_HIGH_BETA|2026-01-19|group:high-beta,group:mainstream")
                .setType(SignalType.ROTATION_TO_HIGH_BETA)
                .setWindowStart(start)
                .setWindowEnd(start.plus(Duration.ofDays(7)))
                .setStatus(status)
                .setRevision(revision)
                .setSubjects(List.of("group:high-beta", "group:mainstream"))
                .setMagnitude(new Magnitude(0.0099, Scale.MICRO, 17.1e6, 1.72e9))
                .setConfidence(SEED_ROTATION_CONFIDENCE.score())
                .setConfidenceLevel(SEED_ROTATION_CONFIDENCE.level())
                .setCausality(SEED_ROTATION_CONFIDENCE.causality())
                .setConfidenceComponents(SEED_ROTATION_CONFIDENCE.components())
                .setEvidence(
                        List.of(
                                new Evidence(
                                        "net_flow_usd",
                                        "group:mainstream",
                                        -1.72e9,
                                        null,
                                        null,
                                        null,
                                        "coinshares")))
                .setCaveats(
                        List.of(
                                new Caveat(
                                        "NEW_MONEY_VS_ROTATION_UNKNOWN",
                                        "The data cannot tell new money from rotation.")))
                .setSources(List.of("coinshares"))
                .setExplanation("Net outflows of $1.72B from the mainstream group coincided ...")
                .setEmittedAt(start.plus(Duration.ofDays(8 + revision)))
                .setLastEventTime(start.plus(Duration.ofDays(5)))
                .build();
    }

    /** A read side holding windows and signals in memory (the latest revision per signal). */
    private static final class InMemoryQueries implements DetectorQueries {
        private final Map<Instant, WindowView> windows = new LinkedHashMap<>();
        private final Map<String, Signal> latest = new LinkedHashMap<>();

        void add(WindowView w, List<Signal> signals) {
            signals.forEach(s -> latest.put(s.getSignalId(), s));
            List<SignalVersion> versions = new ArrayList<>();
            latest.values().stream()
                    .filter(s -> s.getWindowStart().equals(w.window().start()))
                    .forEach(
                            s ->
                                    versions.add(
                                            new SignalVersion(
                                                    s.getSignalId(),
                                                    s.getRevision(),
                                                    s.getStatus())));
            WindowSummary summary =
                    new WindowSummary(
                            w.window().start(),
                            w.window().end(),
                            w.window().closed(),
                            w.window().lastEventTime(),
                            versions.size());
            windows.put(
                    w.window().start(),
                    new WindowView(
                            summary, w.flows(), w.prices(), w.volumes(), w.metals(), versions));
        }

        @Override
        public List<Signal> signals(SignalQuery query) {
            return query.apply(latest.values());
        }

        @Override
        public RotationView rotation() {
            return ROTATION;
        }

        @Override
        public List<WindowSummary> windows() {
            return windows.values().stream().map(WindowView::window).toList();
        }

        @Override
        public Optional<WindowView> window(Instant at) {
            return windows.values().stream()
                    .filter(w -> !at.isBefore(w.window().start()) && at.isBefore(w.window().end()))
                    .findFirst();
        }

        @Override
        public Optional<SignalHistory> history(String signalId) {
            Signal s = latest.get(signalId);
            return s == null
                    ? Optional.empty()
                    : Optional.of(new SignalHistory(signalId, s.getRevision(), List.of(s)));
        }
    }
}
