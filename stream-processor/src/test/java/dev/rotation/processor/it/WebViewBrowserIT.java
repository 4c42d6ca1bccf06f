package dev.rotation.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.query.SignalQuery;
import dev.rotation.processor.service.DetectorService;
import dev.rotation.processor.topology.Events;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.PublishSummary;
import dev.rotation.producers.sample.SampleData;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
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
        publish(SampleData.load());
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

    @Test
    @Order(1)
    void theSeedWeekShowsTheMicroRotationTheUsConcentrationAndTheCaveats()
            throws IOException, InterruptedException {
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
        new Select(browser.findElement(By.id("week"))).selectByValue(SEED_WEEK.toString());

        WebElement rotation = signalRow("ROTATION_TO_HIGH_BETA|2026-01-19");
        assertThat(rotation.getText())
                .contains("MICRO", "1.0%", "FINAL", "CORRELATION_NOT_CAUSATION");
        assertThat(rotation.getText()).contains("cannot tell new money from rotation");
        theConfidenceComponentsAreTheApis(rotation, "ROTATION_TO_HIGH_BETA|2026-01-19");
        WebElement us = signalRow("CONCENTRATED_OUTFLOW|2026-01-19|region:US");
        assertThat(us.getText()).contains("region:US", "OBSERVATION", "99.1%");
        // every caveat in words, with its code
        WebElement riskOff = signalRow("RISK_OFF_SHIFT|2026-01-19|crypto:total,metal:XAG");
        assertThat(riskOff.findElements(By.cssSelector("ul.caveats li code")))
                .extracting(WebElement::getText)
                .contains("SINGLE_SOURCE", "INSUFFICIENT_HISTORY", "NO_CROSS_MARKET_FLOW_TRACKING");

        String groups = browser.findElement(By.id("groups-table")).getText();
        assertThat(groups).contains("mainstream", "-$1.72B", "high-beta");
        assertThat(browser.findElement(By.id("regions-table")).getText()).contains("US", "-$1.80B");
        assertThat(browser.findElement(By.id("prices-table")).getText())
                .contains("BTC-USD", "88,290");
        assertThat(browser.findElements(By.cssSelector("#prices-table svg polyline"))).isNotEmpty();
        assertThat(browser.findElement(By.id("week-summary")).getText())
                .contains("total reported: -$1.73B");
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
