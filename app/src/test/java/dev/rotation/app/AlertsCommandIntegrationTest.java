package dev.rotation.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.model.Alert;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroSerializer;
import dev.rotation.model.topics.TopicNames;
import dev.rotation.platform.LocalPlatform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code alerts} against the embedded platform: an absent topic is one line; a present, empty one
 * ends cleanly; alerts published with the project's serde come back as ordered JSON lines and as
 * the desk's table.
 */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AlertsCommandIntegrationTest {

    @Test
    void anAbsentTopicIsOneLineAndAnEmptyOneEndsWhenCaughtUp(@TempDir Path dir) throws Exception {
        String topic = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
        try (LocalPlatform platform = LocalPlatform.startForTests(dir)) {
            String[] args = {
                "alerts",
                "--from-beginning",
                "--topic",
                topic,
                "--bootstrap-servers",
                platform.bootstrapServers(),
                "--schema-registry-url",
                platform.registryUrl()
            };
            StringWriter err = new StringWriter();
            CommandLine cl = RotationDetector.commandLine().setErr(new PrintWriter(err, true));
            assertThat(cl.execute(args)).isEqualTo(1);
            assertThat(err.toString())
                    .isEqualTo(
                            "The topic "
                                    + topic
                                    + " does not exist on "
                                    + platform.bootstrapServers()
                                    + ": the processor creates it when it starts (./rotation-detector process), or pass --topic NAME."
                                    + System.lineSeparator());

            try (Admin admin = Admin.create(platform.connectionSettings().kafkaClientConfig())) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            // the table goes to System.out, the command's own output
            PrintStream stdout = System.out;
            ByteArrayOutputStream table = new ByteArrayOutputStream();
            int code;
            try {
                System.setOut(new PrintStream(table, true, StandardCharsets.UTF_8));
                code = RotationDetector.commandLine().execute(args);
            } finally {
                System.setOut(stdout);
            }
            assertThat(code).isZero();
            assertThat(table.toString(StandardCharsets.UTF_8))
                    .contains(
                            "0 alert(s) shown from "
                                    + topic
                                    + " on "
                                    + platform.bootstrapServers());
        }
    }

    @Test
    void publishedAlertsComeBackAsOrderedJsonLinesAndAsTheTable(@TempDir Path dir)
            throws Exception {
        Alert finalRiskOff = Alerts.riskOff(SignalStatus.FINAL);
        Alert provisionalRiskOff = Alerts.riskOff(SignalStatus.PROVISIONAL);
        Alert retractedBreach = Alerts.levelBreach(SignalStatus.RETRACTED, Alerts.SEED_WEEK);
        Alert rotation = Alerts.rotation(Alerts.SEED_WEEK);
        Alert nextWeekBtc = Alerts.cascade("BTC-USD", Alerts.SEED_WEEK.plusWeeks(1));
        Alert nextWeekEth = Alerts.cascade("ETH-USD", Alerts.SEED_WEEK.plusWeeks(1));
        try (LocalPlatform platform = LocalPlatform.startForTests(dir)) {
            platform.createTopics(List.of(new NewTopic(TopicNames.ALERTS, 3, (short) 1)));
            publish(
                    platform,
                    List.of(
                            nextWeekEth,
                            rotation,
                            provisionalRiskOff,
                            nextWeekBtc,
                            retractedBreach,
                            finalRiskOff));
            String[] connect = {
                "--bootstrap-servers", platform.bootstrapServers(),
                "--schema-registry-url", platform.registryUrl()
            };

            Output json = run(connect, "alerts", "--from-beginning", "--format", "json");
            assertThat(json.code()).isZero();
            List<JsonNode> objects = new ArrayList<>();
            for (String line : json.out().split("\\R")) {
                objects.add(MAPPER.readTree(line));
            }
            // FINAL and RETRACTED only, by week then severity, whatever partition each came from
            assertThat(objects)
                    .extracting(o -> o.get("alertId").asText())
                    .containsExactly(
                            finalRiskOff.getAlertId(),
                            retractedBreach.getAlertId(),
                            rotation.getAlertId(),
                            nextWeekBtc.getAlertId(),
                            nextWeekEth.getAlertId());
            JsonNode first = objects.get(0);
            assertThat(first.get("status").asText()).isEqualTo("FINAL");
            assertThat(Instant.parse(first.get("windowStart").asText()))
                    .isEqualTo(Alerts.monday(Alerts.SEED_WEEK));
            assertThat(Instant.parse(first.get("emittedAt").asText()))
                    .isEqualTo(finalRiskOff.getEmittedAt());
            assertThat(first.get("subjects").toString())
                    .isEqualTo("[\"crypto:total\",\"metal:XAG\"]");
            assertThat(first.get("sources").toString())
                    .isEqualTo("[\"coinshares\",\"illustrative\",\"news\"]");
            assertThat(first.get("explanation").asText()).isEqualTo(Alerts.RISK_OFF_XAG);
            // stdout is only JSON; the count goes to stderr
            assertThat(json.err())
                    .isEqualTo(
                            "5 alert(s) shown from "
                                    + TopicNames.ALERTS
                                    + " on "
                                    + platform.bootstrapServers()
                                    + " (1 PROVISIONAL not shown: --provisional shows them)"
                                    + System.lineSeparator());

            Output all =
                    run(connect, "alerts", "--from-beginning", "--format", "json", "--provisional");
            assertThat(all.out().split("\\R"))
                    .hasSize(6)
                    .satisfies(
                            lines ->
                                    assertThat(MAPPER.readTree(lines[1]).get("alertId").asText())
                                            .isEqualTo(provisionalRiskOff.getAlertId()));

            Output table = run(connect, "alerts", "--from-beginning", "--width", "140");
            assertThat(table.code()).isZero();
            assertThat(table.out())
                    .contains(
                            "Week of 2026-01-19 to 2026-01-25: 3 alerts, resting on coinshares, illustrative"
                                    + " (generated, not market data), market-data, news")
                    .contains(
                            "Week of 2026-01-26 to 2026-02-01: 2 alerts, resting on coinshares, market-data")
                    .contains("5 alert(s) shown from " + TopicNames.ALERTS);
            // the explanation wraps under its column but is whole
            assertThat(table.out().replaceAll("\\s+", " "))
                    .contains(
                            "a risk-appetite clue rather than evidence that money moved from one market to the other.");
            List<String> lines = List.of(table.out().split("\\R"));
            assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(140));
            assertThat(
                            lines.stream()
                                    .filter(
                                            l ->
                                                    l.startsWith(
                                                            "WARNING   FINAL        CASCADE_RISK")))
                    .extracting(l -> l.substring(47, 55))
                    .containsExactly("BTC-USD ", "ETH-USD ");
        }
    }

    @Test
    void aTableTooNarrowIsOneLineBeforeConnecting() {
        StringWriter err = new StringWriter();
        CommandLine cl = RotationDetector.commandLine().setErr(new PrintWriter(err, true));
        assertThat(cl.execute("alerts", "--width", "60", "--bootstrap-servers", "127.0.0.1:1"))
                .isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo(
                        "--width 60 is too narrow for the table: give at least 100, or use --format json."
                                + System.lineSeparator());
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a command printed and returned. */
    private record Output(int code, String out, String err) {}

    private static Output run(String[] connect, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl =
                RotationDetector.commandLine()
                        .setOut(new PrintWriter(out, true))
                        .setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + connect.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(connect, 0, all, args.length, connect.length);
        int code = cl.execute(all);
        return new Output(code, out.toString(), err.toString());
    }

    /**
     * Publishes {@code alerts} as the processor does: keyed by signal id, Confluent wire format.
     */
    private static void publish(LocalPlatform platform, List<Alert> alerts) throws Exception {
        ConnectionSettings settings = platform.connectionSettings();
        Map<String, Object> cfg = settings.kafkaClientConfig();
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        try (SchemaRegistryClient registry = settings.newRegistryClient();
                ConfluentAvroSerializer<Alert> values = new ConfluentAvroSerializer<>(registry);
                KafkaProducer<String, Alert> producer =
                        new KafkaProducer<>(cfg, new StringSerializer(), values)) {
            for (Alert a : alerts) {
                producer.send(new ProducerRecord<>(TopicNames.ALERTS, a.getSignalId(), a))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }
}
