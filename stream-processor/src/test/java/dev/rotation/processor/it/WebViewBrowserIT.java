package dev.rotation.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.HttpEndpoints;
import dev.rotation.processor.query.DetectorQueries;
import dev.rotation.processor.query.QueryUnavailableException;
import dev.rotation.processor.query.RotationView;
import dev.rotation.processor.query.SignalHistory;
import dev.rotation.processor.query.SignalQuery;
import dev.rotation.processor.query.WindowSummary;
import dev.rotation.processor.query.WindowView;
import dev.rotation.processor.service.DetectorService;
import dev.rotation.processor.topology.Events;
import dev.rotation.processor.web.WebApi;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.PublishSummary;
import dev.rotation.producers.sample.SampleData;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web view in a real headless Chromium (the system's {@code chromium} and {@code chromedriver},
 * Debian packages; .ci/run installs them), against the whole pipeline on the embedded platform with
 * the bundled sample: the seed week's MICRO rotation, its US concentration and caveats, a signal's
 * revision history, and a new signal appearing live after a report is published. Screenshots go to
 * {@code target/web-view/}.
 */
@Tag("integration")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebViewBrowserIT {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final LocalDate SEED_WEEK = LocalDate.of(2026, 1, 19);
    private static final Path SCREENSHOTS = Path.of("target", "web-view");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalPlatform platform;
    private DetectorService detector;
    private ConnectionSettings connection;
    private WebDriver browser;
    private WebDriverWait wait;
    private boolean samplePublished;

    @BeforeAll
    void start() throws IOException {
        Assumptions.assumeTrue(
                CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "Skipped: the browser test needs /usr/bin/chromium and /usr/bin/chromedriver"
                        + " (Debian packages chromium and chromium-driver; .ci/run installs them"
                        + " when it runs as root with apt-get)");
        Path dir = Files.createTempDirectory(Path.of("target"), "web-view-it");
        platform = LocalPlatform.startForTests(dir.resolve("platform"));
        connection = platform.connectionSettings();
        Properties p = new Properties();
        p.setProperty("application.id", "web-view-it");
        p.setProperty("state.dir", dir.resolve("streams").toString());
        p.setProperty("http.port", "0");
        p.setProperty("window.idle.timeout", "PT3S");
        detector = new DetectorService(ProcessorConfig.load(null, Map.of(), p), connection).start();
        browser = chromium(dir.resolve("chromium-profile"));
        wait = new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofMillis(250));
        Files.createDirectories(SCREENSHOTS);
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1400,2000");
        // the driver is named, so Selenium Manager never looks for (or downloads) one
        ChromeDriverService service =
                new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        return new ChromeDriver(service, options);
    }

    /** The bundled sample, published once: by the first test that needs it. */
    private void publishSample() {
        if (!samplePublished) {
            samplePublished = true;
            publish(SampleData.load());
        }
    }

    private void publish(List<? extends SpecificRecord> records) {
        try (SchemaRegistryClient registry = connection.newRegistryClient();
                EventPublisher publisher = new EventPublisher(connection, registry, "", Map.of())) {
            publisher.publishAll(List.copyOf(records));
            PublishSummary summary = publisher.summary();
            assertThat(summary.allDelivered()).as(summary.describe()).isTrue();
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (detector != null) {
            detector.close(Duration.ofSeconds(20));
        }
        if (platform != null) {
            platform.close();
        }
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A screenshot of one element (scrolled into view), e.g. a section with its chart. */
    private void screenshot(WebElement element, String name) throws IOException {
        File shot = element.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private WebElement signalRow(String signalIdPrefix) {
        return wait.until(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector(
                                "#signals-table tbody tr[data-signal^='" + signalIdPrefix + "']")));
    }

    /**
     * A page opened while the processor starts waits for it (the API answers 503), and a page
     * opened on an empty platform shows the first week once signals arrive, without a reload. The
     * start is held back by a read side that answers "retry shortly" until it is let through to the
     * detector's own.
     */
    @Test
    @Order(0)
    void aPageOpenedBeforeTheProcessorAndTheFirstSignalShowsTheWeekOnceTheyCome()
            throws IOException {
        AtomicBoolean started = new AtomicBoolean(false);
        HttpEndpoints starting =
                new HttpEndpoints(
                        "127.0.0.1",
                        0,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        () ->
                                new HttpEndpoints.StreamsHealth(
                                        KafkaStreams.State.CREATED, 0, 0, "web-view-it"),
                        Duration.ofSeconds(30));
        try {
            starting.start(
                    startingUntil(started),
                    new WebApi(AnalyticsConfig.defaults(), null),
                    new HostInfo("127.0.0.1", starting.port()));
            browser.get("http://127.0.0.1:" + starting.port() + "/");
            wait.until(
                    ExpectedConditions.textToBePresentInElementLocated(
                            By.id("waiting"), "Waiting for the processor"));
            assertThat(browser.findElement(By.id("waiting")).getText())
                    .contains("the processor is starting; retry shortly", "tries again");
            screenshot("waiting-for-the-processor.png");

            started.set(true);
            wait.until(ExpectedConditions.textToBe(By.id("week-summary"), "No week is kept yet."));
            assertThat(browser.findElement(By.id("waiting")).isDisplayed()).isFalse();

            publishSample();
            WebDriverWait live =
                    new WebDriverWait(browser, Duration.ofMinutes(3), Duration.ofMillis(500));
            live.until(
                    ExpectedConditions.textToBePresentInElementLocated(
                            By.id("week-summary"), "Net flow, total reported"));
            assertThat(browser.findElements(By.cssSelector("#week option"))).isNotEmpty();
            // the page follows the default week as weeks close, so a week with signals comes
            live.until(
                    ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("#signals-table tbody tr[data-signal]")));
        } finally {
            starting.stop();
        }
    }

    /** The detector's read side once {@code started}; before, "retry shortly" (a 503). */
    private DetectorQueries startingUntil(AtomicBoolean started) {
        return new DetectorQueries() {
            private DetectorQueries ready() {
                if (!started.get()) {
                    throw QueryUnavailableException.notYet(
                            "the processor is starting; retry shortly");
                }
                return detector.queries();
            }

            @Override
            public List<Signal> signals(SignalQuery query) {
                return ready().signals(query);
            }

            @Override
            public List<WindowSummary> windows() {
                return ready().windows();
            }

            @Override
            public Optional<WindowView> window(Instant at) {
                return ready().window(at);
            }

            @Override
            public Optional<SignalHistory> history(String signalId) {
                return ready().history(signalId);
            }

            @Override
            public RotationView rotation() {
                return ready().rotation();
            }
        };
    }

    @Test
    @Order(1)
    void theSeedWeekShowsTheMicroRotationTheUsConcentrationAndTheCaveats()
            throws IOException, InterruptedException {
        publishSample();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(
                        () ->
                                detector.queries()
                                                .signals(
                                                        SignalQuery.all()
                                                                .withStatus(SignalStatus.FINAL)
                                                                .during(SEED_WEEK))
                                                .size()
                                        >= 8);
        browser.get(detector.webViewUrl());
        wait.until(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#week option[value='" + SEED_WEEK + "']")));
        theDefaultWeekIsAFinalWeekWithFlowsAndSignals();
        new Select(browser.findElement(By.id("week"))).selectByValue(SEED_WEEK.toString());

        WebElement rotation = signalRow("ROTATION_TO_HIGH_BETA|2026-01-19");
        assertThat(rotation.getText())
                .contains(
                        "MICRO",
                        percent1(seedWeekSignal("ROTATION_TO_HIGH_BETA|").at("/magnitude/ratio")),
                        "FINAL",
                        "CORRELATION_NOT_CAUSATION");
        assertThat(rotation.getText()).contains("cannot tell new money from rotation");
        theConfidenceComponentsAreTheApis(rotation, "ROTATION_TO_HIGH_BETA|2026-01-19");
        WebElement us = signalRow("CONCENTRATED_OUTFLOW|2026-01-19|region:US");
        assertThat(us.getText()).contains("region:US", "OBSERVATION", "99.1%");
        // every caveat in words, with its code, as the API gives them
        WebElement riskOff = signalRow("RISK_OFF_SHIFT|2026-01-19|crypto:total,metal:XAG");
        List<String> caveats = new ArrayList<>();
        seedWeekSignal("RISK_OFF_SHIFT|2026-01-19|crypto:total,metal:XAG")
                .get("caveats")
                .forEach(c -> caveats.add(c.get("code").asText()));
        assertThat(caveats).contains("INSUFFICIENT_HISTORY", "NO_CROSS_MARKET_FLOW_TRACKING");
        assertThat(riskOff.findElements(By.cssSelector("ul.caveats li code")))
                .extracting(WebElement::getText)
                .containsExactlyElementsOf(caveats);

        JsonNode seedWeek = api("weeks/" + SEED_WEEK);
        String groups = browser.findElement(By.id("groups-table")).getText();
        assertThat(groups)
                .contains("mainstream", usd(seedWeek.at("/byGroup/mainstream")), "high-beta");
        assertThat(browser.findElement(By.id("regions-table")).getText())
                .contains("US", usd(seedWeek.at("/byRegion/US")));
        assertThat(browser.findElement(By.id("prices-table")).getText())
                .contains("BTC-USD", "88,290");
        assertThat(browser.findElements(By.cssSelector("#prices-table svg polyline"))).isNotEmpty();
        assertThat(browser.findElement(By.id("week-summary")).getText())
                .contains("total reported: " + usd(seedWeek.get("totalReportedUsd")));
        assertThat(browser.findElement(By.id("caution")).getText())
                .contains("Correlations, not causes", "illustrative");
        // the relative rotation graph is the product's RS-Ratio / RS-Momentum, its method named
        wait.until(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#rr-table tr[data-asset='SOL']")));
        assertThat(browser.findElement(By.id("rr-method")).getText())
                .contains("open approximation of the JdK", "n = 5", "m = 4", "BTC");
        assertThat(browser.findElement(By.cssSelector("#rr-table tr[data-asset='SOL']")).getText())
                .contains("BTC (SOL-USD)")
                .containsAnyOf("LEADING", "WEAKENING", "LAGGING", "IMPROVING");
        // the charts drew (echarts renders into a canvas)
        wait.until(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#rotation-chart canvas")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rr-chart canvas")));
        assertThat(browser.findElement(By.id("rotation-table")).getText()).contains("2026-01-19");
        screenshot("seed-week.png");
        screenshot(browser.findElement(By.id("rotation")), "rotation-over-time.png");
        screenshot(browser.findElement(By.id("relative-rotation")), "relative-rotation.png");
        theRelativeRotationChartKeepsItsLabelsApartAndTheOpenWeekVisible();
        theConfidenceComponentsFitTheirColumnAt(1400);
        try {
            theConfidenceComponentsFitTheirColumnAt(1024);
            screenshot("seed-week-1024.png");
        } finally {
            browser.manage().window().setSize(new Dimension(1400, 2000));
        }
    }

    /**
     * The page opens on a final week that has flows and signals (not a later week with only price
     * or holder readings), and the selector says which weeks have flows.
     */
    private void theDefaultWeekIsAFinalWeekWithFlowsAndSignals()
            throws IOException, InterruptedException {
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.id("week-summary"), "Net flow, total reported"));
        String chosen =
                new Select(browser.findElement(By.id("week")))
                        .getFirstSelectedOption()
                        .getAttribute("value");
        JsonNode week = null;
        for (JsonNode w : api("weeks").get("weeks")) {
            if (w.get("start").asText().startsWith(chosen)) {
                week = w;
            }
        }
        assertThat(week).as("the page's week " + chosen).isNotNull();
        assertThat(week.get("closed").asBoolean()).as(week.toString()).isTrue();
        assertThat(week.get("flows").asBoolean()).as(week.toString()).isTrue();
        assertThat(week.get("signals").asInt()).as(week.toString()).isPositive();
        assertThat(browser.findElements(By.cssSelector("#week option")))
                .extracting(WebElement::getText)
                .allMatch(t -> t.contains("flows,"));
        assertThat(browser.findElement(By.id("week-count")).getText()).contains("with flows");
    }

    /**
     * The chart's settings as drawn (echarts keeps them): both axes end on a tick of their
     * interval, each quadrant's name sits in its outer corner, and an open week's newest point is a
     * thick ring in its asset's colour, not white on white.
     */
    @SuppressWarnings("unchecked")
    private void theRelativeRotationChartKeepsItsLabelsApartAndTheOpenWeekVisible() {
        Map<String, Object> chart =
                (Map<String, Object>)
                        ((JavascriptExecutor) browser)
                                .executeScript(
                                        "const o = echarts.getInstanceByDom(document"
                                                + ".getElementById('rr-chart')).getOption();"
                                                + "const s = o.series.slice(1);"
                                                + "return {x: o.xAxis[0], y: o.yAxis[0],"
                                                + " areas: o.series[0].markArea.data.map(d =>"
                                                + " [d[0].name, d[0].label.position]),"
                                                + " newest: s.map(x => ({color: x.color,"
                                                + " style: x.data[x.data.length - 1].itemStyle,"
                                                + " symbol: x.data[x.data.length - 1].symbol,"
                                                + " open: x.data[x.data.length - 1].value[2]"
                                                + ".endsWith('(open)')}))};");
        for (String axis : List.of("x", "y")) {
            Map<String, Object> a = (Map<String, Object>) chart.get(axis);
            double step = ((Number) a.get("interval")).doubleValue();
            for (String end : List.of("min", "max")) {
                double v = ((Number) a.get(end)).doubleValue();
                assertThat(Math.abs(v / step - Math.rint(v / step)))
                        .as(axis + " " + end + " " + v + " on a tick of " + step)
                        .isLessThan(1e-9);
            }
        }
        assertThat((List<List<String>>) chart.get("areas"))
                .containsExactlyInAnyOrder(
                        List.of("Leading", "insideTopRight"),
                        List.of("Weakening", "insideBottomRight"),
                        List.of("Lagging", "insideBottomLeft"),
                        List.of("Improving", "insideTopLeft"));
        List<Map<String, Object>> newest = (List<Map<String, Object>>) chart.get("newest");
        assertThat(newest).isNotEmpty();
        for (Map<String, Object> n : newest) {
            Map<String, Object> style = (Map<String, Object>) n.get("style");
            assertThat(style.get("borderColor")).as(n.toString()).isEqualTo(n.get("color"));
            assertThat(n.get("color")).as(n.toString()).isNotEqualTo("#fff");
            // a line's default symbol is hollow and strokes in the item's colour: white on white
            assertThat(n.get("symbol")).as(n.toString()).isEqualTo("circle");
            if (Boolean.TRUE.equals(n.get("open"))) {
                assertThat(((Number) style.get("borderWidth")).intValue())
                        .as(n.toString())
                        .isGreaterThanOrEqualTo(3);
            }
        }
    }

    /**
     * At a window {@code width} pixels wide, every confidence components table lies within its
     * cell, and none of its cells clips its text (a header such as "Weight" or a label such as
     * crypto_net_flow~XAG_return wraps instead).
     */
    @SuppressWarnings("unchecked")
    private void theConfidenceComponentsFitTheirColumnAt(int width) {
        browser.manage().window().setSize(new Dimension(width, 2000));
        wait.until(d -> d.findElement(By.tagName("body")).getRect().getWidth() <= width);
        List<String> overflows =
                (List<String>)
                        ((JavascriptExecutor) browser)
                                .executeScript(
                                        "const out = [];"
                                                + "for (const t of document.querySelectorAll("
                                                + "'#signals-table table.components')) {"
                                                + " const cell = t.closest('td').getBoundingClientRect();"
                                                + " const r = t.getBoundingClientRect();"
                                                + " if (r.left < cell.left - 0.5 || r.right > cell.right + 0.5)"
                                                + "  out.push(t.closest('tr[data-signal]').dataset.signal"
                                                + "   + ': table ' + r.left + '-' + r.right + ' in cell '"
                                                + "   + cell.left + '-' + cell.right);"
                                                + " for (const c of t.querySelectorAll('th, td'))"
                                                + "  if (c.scrollWidth > c.clientWidth + 1)"
                                                + "   out.push(t.closest('tr[data-signal]').dataset.signal"
                                                + "    + ': \"' + c.textContent + '\" clipped');"
                                                + "}"
                                                + "return out;");
        assertThat(browser.findElements(By.cssSelector("#signals-table table.components")))
                .isNotEmpty();
        assertThat(overflows).as("at " + width + "px").isEmpty();
    }

    private JsonNode api(String path) throws IOException, InterruptedException {
        return JSON.readTree(
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(detector.webViewUrl() + "api/" + path))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
    }

    /**
     * The signal's row shows its confidence components as {@code /api/weeks/{date}} gives them:
     * each term and its weight to two decimals (the page's {@code toFixed(2)}), and the cap that
     * bound the score by its code.
     */
    private void theConfidenceComponentsAreTheApis(WebElement row, String signalIdPrefix)
            throws IOException, InterruptedException {
        JsonNode week =
                JSON.readTree(
                        HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                detector.webViewUrl()
                                                                        + "api/weeks/"
                                                                        + SEED_WEEK))
                                                .timeout(Duration.ofSeconds(30))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body());
        JsonNode signal = null;
        for (JsonNode s : week.get("signals")) {
            if (s.get("signalId").asText().startsWith(signalIdPrefix)) {
                signal = s;
            }
        }
        assertThat(signal).as(signalIdPrefix + " in " + week).isNotNull();
        JsonNode k = signal.get("confidenceComponents");
        assertThat(k.isObject()).as("components of " + signal).isTrue();
        for (String term : List.of("strength", "breadth", "history", "completeness")) {
            WebElement tr =
                    row.findElement(
                            By.cssSelector("table.components tr[data-term='" + term + "']"));
            List<WebElement> cells = tr.findElements(By.tagName("td"));
            assertThat(cells.get(0).getText()).as(term).isEqualTo(fixed2(k.get(term)));
            assertThat(cells.get(1).getText())
                    .as(term + " weight")
                    .isEqualTo(fixed2(k.at("/weights/" + term)));
        }
        assertThat(
                        row.findElement(By.cssSelector("table.components tr[data-term='base'] td"))
                                .getText())
                .startsWith(fixed2(k.get("base")));
        String cap =
                row.findElement(By.cssSelector("table.components tr[data-term='cap'] td"))
                        .getText();
        if (k.get("cap").isNull()) {
            assertThat(cap).isEqualTo("none bound the score");
        } else {
            assertThat(cap)
                    .isEqualTo(
                            k.at("/cap/code").asText()
                                    + " "
                                    + fixed2(k.at("/cap/value"))
                                    + " bound the score");
        }
        assertThat(
                        row.findElement(
                                        By.cssSelector(
                                                "table.components tr[data-term='sources'] td"))
                                .getText())
                .startsWith(k.get("distinctSources").asInt() + " independent");
    }

    /** The seed week's signal whose id starts with {@code prefix}, as the API gives it. */
    private JsonNode seedWeekSignal(String prefix) throws IOException, InterruptedException {
        for (JsonNode s : api("weeks/" + SEED_WEEK).get("signals")) {
            if (s.get("signalId").asText().startsWith(prefix)) {
                return s;
            }
        }
        throw new AssertionError("no signal " + prefix + " in the seed week");
    }

    /** A net flow as the page's {@code usd} writes it: -$1.73B, +$17.1M, +$0.5M. */
    private static String usd(JsonNode n) {
        double v = n.asDouble();
        double a = Math.abs(v);
        String sign = v < 0 ? "-" : "+";
        if (a >= 1e9) {
            return sign + "$" + new BigDecimal(a / 1e9).setScale(2, RoundingMode.HALF_UP) + "B";
        }
        if (a >= 1e5) {
            return sign + "$" + new BigDecimal(a / 1e6).setScale(1, RoundingMode.HALF_UP) + "M";
        }
        return sign + "$" + new BigDecimal(a / 1e3).setScale(1, RoundingMode.HALF_UP) + "K";
    }

    /** A fraction as the page's {@code pct} writes it: 0.0099 is "1.0%". */
    private static String percent1(JsonNode n) {
        return new BigDecimal(n.asDouble() * 100).setScale(1, RoundingMode.HALF_UP).toPlainString()
                + "%";
    }

    /** A number as JavaScript's {@code toFixed(2)} writes it (exact value, halves up). */
    private static String fixed2(JsonNode n) {
        return new BigDecimal(n.asDouble()).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    @Test
    @Order(2)
    void aSignalsRevisionHistoryOpens() throws IOException {
        WebElement rotation = signalRow("ROTATION_TO_HIGH_BETA|2026-01-19");
        rotation.findElement(By.tagName("button")).click();
        WebElement timeline =
                wait.until(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("#signals-table tr.detail ol.timeline")));
        List<WebElement> revisions = timeline.findElements(By.tagName("li"));
        assertThat(revisions).isNotEmpty();
        assertThat(revisions.get(revisions.size() - 1).getAttribute("data-status"))
                .isEqualTo("FINAL");
        assertThat(revisions.get(0).getText()).contains("r1");
        assertThat(
                        browser.findElement(
                                        By.cssSelector("#signals-table tr.detail:not([hidden])"))
                                .getText())
                .contains("Evidence", "net_flow_usd");
        screenshot("revision-history.png");
    }

    @Test
    @Order(3)
    void aNewSignalAppearsLiveAfterAReportIsPublished() throws IOException {
        wait.until(
                ExpectedConditions.not(
                        ExpectedConditions.textToBe(By.id("last-update"), "not yet")));
        String week = "2026-04-06";
        Object[][] rows = {
            {Breakdown.TOTAL, "ALL", -440_000_000d},
            {Breakdown.ASSET, "BTC", -400_000_000d},
            {Breakdown.ASSET, "ETH", -100_000_000d},
            {Breakdown.ASSET, "SOL", 60_000_000d},
        };
        List<FundFlow> report =
                java.util.Arrays.stream(rows)
                        .map(
                                r ->
                                        Events.flow(
                                                "coinshares",
                                                "web-view-it-2026-04-13",
                                                week,
                                                "2026-04-10",
                                                (Breakdown) r[0],
                                                (String) r[1],
                                                (Double) r[2],
                                                rows.length))
                        .toList();
        publish(report);
        WebElement live =
                wait.until(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector(
                                        "#live-table tbody tr[data-signal^='ROTATION_TO_HIGH_BETA|"
                                                + week
                                                + "']")));
        assertThat(live.getText()).contains("PROVISIONAL", week);
        assertThat(browser.findElement(By.id("last-update")).getText()).endsWith("UTC");
        // the page was not reloaded: the open revision history is still there
        assertThat(browser.findElements(By.cssSelector("#signals-table ol.timeline"))).isNotEmpty();
        screenshot(browser.findElement(By.id("live")), "live.png");
    }
}
