package dev.rotation.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.model.Scale;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalType;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.processor.service.DetectorService;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.PublishSummary;
import dev.rotation.producers.sample.SampleData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The whole pipeline on the embedded platform (real KRaft broker, real Schema Registry over HTTP):
 * the bundled sample in, the seed week's final signals out, read with read_committed like any
 * downstream service; plus the HTTP endpoints ops and desks use, and no secret in the logs. The
 * Testcontainers test in the app module runs the same scenario on containers.
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedPipelineIT {
    private static final String SECRET = "s3cr3t-Pa55w0rd-never-logged";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> logLines = java.util.Collections.synchronizedList(new ArrayList<>());
    private LocalPlatform platform;
    private DetectorService detector;
    private ConnectionSettings connection;
    private long published;
    private AbstractAppender capture;

    @BeforeAll
    void start() throws IOException {
        capture =
                new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        logLines.add(
                                event.getMessage().getFormattedMessage()
                                        + (event.getThrown() == null
                                                ? ""
                                                : " " + event.getThrown()));
                    }
                };
        capture.start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration()
                .getRootLogger()
                .addAppender(capture, org.apache.logging.log4j.Level.INFO, null);
        ctx.getConfiguration().getRootLogger().setLevel(org.apache.logging.log4j.Level.INFO);
        ctx.getConfiguration().getRootLogger().getAppenders().values().stream()
                .filter(a -> !a.getName().equals("capture"))
                .forEach(a -> ctx.getConfiguration().getRootLogger().removeAppender(a.getName()));
        ctx.updateLoggers();

        Path dir = Files.createTempDirectory(Path.of("target"), "pipeline-it");
        platform = LocalPlatform.startForTests(dir.resolve("platform"));
        ConnectionSettings plain = platform.connectionSettings();
        // credentials the embedded registry does not check: they must pass through and never be
        // printed
        connection =
                new ConnectionSettings(
                        plain.bootstrapServers(),
                        plain.registryUrl(),
                        Map.of("ssl.truststore.password", SECRET),
                        Map.of(
                                "basic.auth.credentials.source",
                                "USER_INFO",
                                "basic.auth.user.info",
                                "desk:" + SECRET));
        Properties p = new Properties();
        p.setProperty("application.id", "pipeline-it");
        p.setProperty("state.dir", dir.resolve("streams").toString());
        p.setProperty("http.port", "0");
        p.setProperty("window.idle.timeout", "PT3S");
        detector = new DetectorService(ProcessorConfig.load(null, Map.of(), p), connection).start();

        List<SpecificRecord> sample = SampleData.load();
        try (SchemaRegistryClient registry = connection.newRegistryClient();
                EventPublisher publisher = new EventPublisher(connection, registry, "", Map.of())) {
            publisher.publishAll(sample);
            PublishSummary summary = publisher.summary();
            assertThat(summary.allDelivered()).as(summary.describe()).isTrue();
            published = summary.sent();
        }
    }

    @AfterAll
    void stop() {
        if (detector != null) {
            detector.close(Duration.ofSeconds(20));
        }
        if (platform != null) {
            platform.close();
        }
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender("capture");
        ctx.getConfiguration().getRootLogger().setLevel(org.apache.logging.log4j.Level.WARN);
        ctx.updateLoggers();
    }

    @Test
    void theSeedWeekFinalSignalsReachDownstreamConsumers() {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> detector.metrics().sum(ProcessorMetrics.CONSUMED) >= published);
        List<Signal> finals = SeedWeekFinals.await(connection, detector, "pipeline-it-reader");
        Signal rotation =
                finals.stream()
                        .filter(s -> s.getType() == SignalType.ROTATION_TO_HIGH_BETA)
                        .findFirst()
                        .orElseThrow();
        assertThat(rotation.getMagnitude().getScale()).isEqualTo(Scale.MICRO);
        ProcessorMetrics m = detector.metrics();
        assertThat(m.sum(ProcessorMetrics.CONSUMED))
                .isEqualTo(
                        m.sum(ProcessorMetrics.AGGREGATED)
                                + m.sum(ProcessorMetrics.DEAD_LETTERED)
                                + m.sum(ProcessorMetrics.LATE));
    }

    @Test
    void healthReflectsTheStreamsState() throws Exception {
        await().atMost(Duration.ofMinutes(1))
                .until(() -> detector.state() == KafkaStreams.State.RUNNING);
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("streamsState").asText()).isEqualTo("RUNNING");
        assertThat(r.body()).doesNotContain(SECRET);
    }

    @Test
    void signalsEndpointFiltersAndRejectsBadQueries() throws Exception {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            HttpResponse<String> r =
                                    get(
                                            "/signals?type=ROTATION_TO_HIGH_BETA&status=FINAL&since=2026-01-19&until=2026-01-26");
                            return r.statusCode() == 200
                                    && JSON.readTree(r.body()).path("count").asInt() >= 1;
                        });
        JsonNode body =
                JSON.readTree(
                        get("/signals?type=rotation_to_high_beta&status=final&since=2026-01-19&until=2026-01-26")
                                .body());
        for (JsonNode s : body.path("signals")) {
            assertThat(s.path("type").asText()).isEqualTo("ROTATION_TO_HIGH_BETA");
            assertThat(s.path("status").asText()).isEqualTo("FINAL");
            assertThat(s.path("causality").asText()).isEqualTo("CORRELATION_NOT_CAUSATION");
        }
        assertThat(JSON.readTree(get("/signals?limit=2").body()).path("signals").size())
                .isLessThanOrEqualTo(2);

        HttpResponse<String> badType = get("/signals?type=CAUSED_BY_SILVER");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badType.body()).path("error").asText())
                .contains("type must be one of");
        assertThat(get("/signals?limit=lots").statusCode()).isEqualTo(400);
        assertThat(get("/signals?since=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/signals?colour=red").statusCode()).isEqualTo(400);
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void aPlainDateAsUntilIncludesThatDaysWindow() throws Exception {
        String seedWeek = "/signals?status=FINAL&since=2026-01-19&until=2026-01-19";
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            HttpResponse<String> r = get(seedWeek);
                            return r.statusCode() == 200
                                    && JSON.readTree(r.body()).path("count").asInt() >= 4;
                        });
        JsonNode body = JSON.readTree(get(seedWeek).body());
        List<String> types = new ArrayList<>();
        for (JsonNode s : body.path("signals")) {
            assertThat(s.path("signalId").asText()).contains("|2026-01-19|");
            types.add(s.path("type").asText());
        }
        assertThat(types)
                .contains(
                        "ROTATION_TO_HIGH_BETA",
                        "RISK_OFF_SHIFT",
                        "CONCENTRATED_OUTFLOW",
                        "LEVEL_BREACH");
        // the Sunday before: the seed week starts after it
        for (JsonNode s :
                JSON.readTree(get("/signals?status=FINAL&until=2026-01-18&limit=10000").body())
                        .path("signals")) {
            assertThat(s.path("signalId").asText()).doesNotContain("|2026-01-19|");
        }
    }

    @Test
    void theReadSideShowsAWindowsFlowsAndWhatIsKeptOfASignalsRevisions() throws Exception {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            HttpResponse<String> r = get("/windows/2026-01-19");
                            return r.statusCode() == 200
                                    && JSON.readTree(r.body()).path("closed").asBoolean();
                        });
        // any instant inside the week names it
        JsonNode week = JSON.readTree(get("/windows/2026-01-22T12:00:00Z").body());
        assertThat(week.path("start").asText()).isEqualTo("2026-01-19T00:00:00Z");
        assertThat(week.path("end").asText()).isEqualTo("2026-01-26T00:00:00Z");
        assertThat(week.path("flows").path("ASSET:SOL").path("netFlowUsd").asDouble())
                .isCloseTo(17.1e6, org.assertj.core.data.Offset.offset(0.1e6));
        assertThat(week.path("flows").path("TOTAL:ALL").path("netFlowUsd").asDouble())
                .isCloseTo(-1.73e9, org.assertj.core.data.Offset.offset(0.01e9));
        assertThat(week.path("prices").has("BTC-USD")).isTrue();
        assertThat(week.path("metals").has("XAG")).isTrue();
        List<String> listed = new ArrayList<>();
        JSON.readTree(get("/windows").body())
                .path("windows")
                .forEach(w -> listed.add(w.path("start").asText()));
        assertThat(listed).contains("2026-01-19T00:00:00Z");

        JsonNode rotation = null;
        for (JsonNode v : week.path("signalVersions")) {
            if (v.path("signalId").asText().startsWith("ROTATION_TO_HIGH_BETA|")) {
                rotation = v;
            }
        }
        assertThat(rotation)
                .as("the week's versions name its rotation signal: %s", week.path("signalVersions"))
                .isNotNull();
        String id = rotation.path("signalId").asText();
        HttpResponse<String> r =
                get(
                        "/signals/"
                                + java.net.URLEncoder.encode(
                                        id, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode history = JSON.readTree(r.body());
        assertThat(history.path("signalId").asText()).isEqualTo(id);
        assertThat(history.path("revisionsEmitted").asInt())
                .isEqualTo(rotation.path("revision").asInt())
                .isGreaterThanOrEqualTo(1);
        JsonNode latest = history.path("kept").get(history.path("kept").size() - 1);
        assertThat(latest.path("revision").asInt())
                .isEqualTo(history.path("revisionsEmitted").asInt());
        assertThat(latest.path("status").asText()).isEqualTo(rotation.path("status").asText());

        assertThat(get("/signals/NO_SUCH_SIGNAL%7C2026-01-19%7Cnothing").statusCode())
                .isEqualTo(404);
        assertThat(get("/windows/1999-01-04").statusCode()).isEqualTo(404);
        assertThat(get("/windows/last-tuesday").statusCode()).isEqualTo(400);
    }

    @Test
    void metricsAreInPrometheusTextFormatAndPromtoolAcceptsThem() throws Exception {
        await().atMost(Duration.ofMinutes(2))
                .until(() -> detector.metrics().sum(ProcessorMetrics.CONSUMED) >= published);
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body())
                .contains("rd_events_consumed_total{kind=\"prices\"}")
                .contains("rd_windows_open")
                .contains("jvm_memory_used_bytes")
                .contains("kafka_stream_");
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(
                Files.isExecutable(promtool),
                "promtool not installed (apt-get install prometheus)");
        Process check =
                new ProcessBuilder(promtool.toString(), "check", "metrics")
                        .redirectErrorStream(true)
                        .start();
        check.getOutputStream().write(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String output =
                new String(
                        check.getInputStream().readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // promtool exits 1 on lint problems (naming advice) as well as on parse errors; a parse
        // error is what would stop Prometheus from scraping
        assertThat(output)
                .doesNotContainIgnoringCase("error while linting")
                .doesNotContain("text format parsing error");
    }

    @Test
    void noConfiguredSecretIsEverLogged() {
        await().atMost(Duration.ofMinutes(1))
                .until(() -> detector.state() == KafkaStreams.State.RUNNING);
        List<String> lines;
        synchronized (logLines) {
            lines = new ArrayList<>(logLines);
        }
        assertThat(lines).isNotEmpty();
        assertThat(lines).noneMatch(line -> line.contains(SECRET));
        assertThat(connection.toString()).doesNotContain(SECRET).contains("[hidden]");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(detector.httpBase() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
