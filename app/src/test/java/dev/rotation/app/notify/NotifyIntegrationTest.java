package dev.rotation.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.app.RotationDetector;
import dev.rotation.app.notify.WebhookReceiver.Answer;
import dev.rotation.model.Alert;
import dev.rotation.model.Severity;
import dev.rotation.model.SignalType;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.deadletter.DeadLetterHeaders;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.serde.ConfluentAvroSerializer;
import dev.rotation.model.topics.TopicNames;
import dev.rotation.platform.LocalPlatform;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code notify} against a real embedded broker and registry and a real HTTP receiver: signed
 * bodies, retries through server errors and a timeout, rejected and undecodable alerts set aside
 * with their reason, filters, and no alert lost when the notifier is stopped or SIGKILLed
 * mid-stream and started again. Each test has its own topic prefix and consumer group.
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NotifyIntegrationTest {
    private static final String SECRET = "integration-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration AT_MOST = Duration.ofSeconds(90);

    @TempDir static Path dir;
    private static LocalPlatform platform;
    private static SchemaRegistryClient registry;

    @BeforeAll
    static void startPlatform() {
        platform = LocalPlatform.startForTests(dir.resolve("platform"));
        registry = platform.connectionSettings().newRegistryClient();
    }

    @AfterAll
    static void stopPlatform() {
        registry.close();
        platform.close();
    }

    // ---- the scenarios ------------------------------------------------------------------------

    @Test
    void everyAlertArrivesSignedThroughServerErrorsAndATimeout() throws Exception {
        String prefix = prefix();
        List<Alert> alerts = alerts(12);
        publish(prefix, alerts);
        // the first three requests fail with 500, the fourth gets no answer in time
        Function<Integer, Answer> script =
                i ->
                        i < 3
                                ? Answer.status(500)
                                : i == 3 ? Answer.hang(Duration.ofSeconds(3)) : Answer.ok();
        try (WebhookReceiver receiver = new WebhookReceiver((i, key) -> script.apply(i))) {
            NotifierSettings settings =
                    settings(
                            prefix,
                            receiver.url(),
                            5,
                            Duration.ofMillis(500),
                            AlertFilter.all(),
                            AlertPayload.Format.JSON);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            NotifyMetrics metrics = new NotifyMetrics(meters);
            try (Running running = Running.start(settings, metrics)) {
                await("every alert delivered and committed")
                        .atMost(AT_MOST)
                        .pollInterval(Duration.ofMillis(100))
                        .until(
                                () ->
                                        receiver.deliveredKeys().equals(ids(alerts))
                                                && committed(settings, prefix) == alerts.size());
            }

            List<WebhookReceiver.Request> requests = receiver.requests();
            assertThat(requests).hasSize(alerts.size() + 4);
            for (WebhookReceiver.Request r : requests) {
                assertThat(r.header(WebhookSigner.HEADER)).isEqualTo(hmac(r.body()));
                JsonNode body = JSON.readTree(r.bodyText());
                assertThat(r.header(WebhookClient.IDEMPOTENCY_KEY))
                        .isEqualTo(body.get("alertId").asText());
                assertThat(body.get("windowStart").asText()).isEqualTo("2026-01-19T00:00:00Z");
                assertThat(r.header("Content-Type")).isEqualTo("application/json");
            }
            // the first alert took five attempts: 500, 500, 500, no answer, 200
            assertThat(requests.subList(0, 5))
                    .extracting(r -> r.header(WebhookClient.IDEMPOTENCY_KEY))
                    .containsOnly(alerts.get(0).getAlertId());
            // delivered one at a time, in the topic's order
            assertThat(
                            requests.stream()
                                    .filter(WebhookReceiver.Request::delivered)
                                    .map(r -> r.header(WebhookClient.IDEMPOTENCY_KEY))
                                    .toList())
                    .containsExactlyElementsOf(alerts.stream().map(Alert::getAlertId).toList());
            assertThat(metrics.deliveredCount()).isEqualTo(alerts.size());
            assertThat(
                            meters.find(NotifyMetrics.RETRIED)
                                    .tag("cause", "HTTP_500")
                                    .counter()
                                    .count())
                    .isEqualTo(3);
            assertThat(meters.find(NotifyMetrics.RETRIED).tag("cause", "TIMEOUT").counter().count())
                    .isEqualTo(1);
            assertThat(metrics.total(NotifyMetrics.DEAD_LETTERED)).isZero();
            assertThat(meters.find(NotifyMetrics.LATENCY).timer().count()).isEqualTo(alerts.size());
            assertThat(endOffset(prefix + TopicNames.ALERTS_UNDELIVERED)).isZero();
        }
    }

    @Test
    void rejectedUndecodableAndExhaustedAlertsAreSetAsideWithTheirReasonAndDeliveryGoesOn()
            throws Exception {
        String prefix = prefix();
        List<Alert> alerts = alerts(4);
        Alert rejected = alerts.get(1);
        Alert unlucky = alerts.get(2);
        byte[] garbage = "not an alert".getBytes(StandardCharsets.UTF_8);
        List<byte[]> values = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            String topic = createAlertsTopic(prefix);
            for (int i = 0; i < alerts.size(); i++) {
                if (i == 2) {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add("origin", "test".getBytes(StandardCharsets.UTF_8));
                    producer.send(
                                    new ProducerRecord<>(
                                            topic, null, "junk".getBytes(), garbage, headers))
                            .get(30, TimeUnit.SECONDS);
                    values.add(garbage);
                }
                byte[] value = serialize(topic, alerts.get(i));
                producer.send(new ProducerRecord<>(topic, key(alerts.get(i)), value))
                        .get(30, TimeUnit.SECONDS);
                values.add(value);
            }
        }
        // offsets: 0 alert0, 1 rejected, 2 garbage, 3 unlucky, 4 alert3
        try (WebhookReceiver receiver =
                new WebhookReceiver(
                        (i, key) ->
                                key.equals(rejected.getAlertId())
                                        ? Answer.status(400, "{\"error\":\"bad payload\"}")
                                        : key.equals(unlucky.getAlertId())
                                                ? Answer.status(503)
                                                : Answer.ok())) {
            NotifierSettings settings =
                    settings(
                            prefix,
                            receiver.url(),
                            3,
                            Duration.ofSeconds(5),
                            AlertFilter.all(),
                            AlertPayload.Format.JSON);
            NotifyMetrics metrics = new NotifyMetrics(new SimpleMeterRegistry());
            try (Running running = Running.start(settings, metrics)) {
                await("the rest delivered and everything committed")
                        .atMost(AT_MOST)
                        .pollInterval(Duration.ofMillis(100))
                        .until(
                                () ->
                                        receiver.deliveredKeys()
                                                        .equals(
                                                                Set.of(
                                                                        alerts.get(0).getAlertId(),
                                                                        alerts.get(3).getAlertId()))
                                                && committed(settings, prefix) == 5);
            }

            List<ConsumerRecord<byte[], byte[]>> aside =
                    readAll(prefix + TopicNames.ALERTS_UNDELIVERED, 3);
            assertThat(aside).hasSize(3);
            ConsumerRecord<byte[], byte[]> first = aside.get(0);
            assertThat(first.key()).isEqualTo(key(rejected));
            assertThat(first.value()).isEqualTo(values.get(1));
            assertThat(header(first, DeadLetterHeaders.REASON)).isEqualTo("WEBHOOK_REJECTED");
            assertThat(header(first, DeadLetterHeaders.HTTP_STATUS)).isEqualTo("400");
            assertThat(header(first, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
            assertThat(header(first, DeadLetterHeaders.MESSAGE))
                    .contains("rejected the alert: HTTP 400: {\"error\":\"bad payload\"}")
                    .doesNotContain("/hooks/rd");
            assertThat(header(first, DeadLetterHeaders.STAGE)).isEqualTo("notify");
            assertThat(header(first, DeadLetterHeaders.SOURCE_TOPIC))
                    .isEqualTo(prefix + TopicNames.ALERTS);
            assertThat(header(first, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(first, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");

            ConsumerRecord<byte[], byte[]> second = aside.get(1);
            assertThat(second.value()).isEqualTo(garbage);
            assertThat(header(second, DeadLetterHeaders.REASON)).isEqualTo("UNKNOWN_MAGIC_BYTE");
            assertThat(header(second, DeadLetterHeaders.ATTEMPTS)).isEqualTo("0");
            assertThat(header(second, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("2");
            assertThat(header(second, "origin")).isEqualTo("test");
            assertThat(second.headers().lastHeader(DeadLetterHeaders.HTTP_STATUS)).isNull();

            ConsumerRecord<byte[], byte[]> third = aside.get(2);
            assertThat(third.value()).isEqualTo(values.get(3));
            assertThat(header(third, DeadLetterHeaders.REASON))
                    .isEqualTo("WEBHOOK_RETRIES_EXHAUSTED");
            assertThat(header(third, DeadLetterHeaders.HTTP_STATUS)).isEqualTo("503");
            assertThat(header(third, DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
            assertThat(header(third, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("3");

            // delivery went on after each: the last alert was offered after the unlucky one's
            // attempts
            List<String> order =
                    receiver.requests().stream()
                            .map(r -> r.header(WebhookClient.IDEMPOTENCY_KEY))
                            .toList();
            assertThat(order)
                    .containsExactly(
                            alerts.get(0).getAlertId(),
                            rejected.getAlertId(),
                            unlucky.getAlertId(),
                            unlucky.getAlertId(),
                            unlucky.getAlertId(),
                            alerts.get(3).getAlertId());
            assertThat(metrics.total(NotifyMetrics.DEAD_LETTERED)).isEqualTo(3);
            assertThat(metrics.deliveredCount()).isEqualTo(2);
        }

        // what ops see with `alerts --topic rd.alerts.undelivered`: each alert with why it was
        // set aside, and the record that is no alert counted at its offset instead of a crash
        String[] undelivered = {
            "alerts",
            "--topic",
            prefix + TopicNames.ALERTS_UNDELIVERED,
            "--from-beginning",
            "--provisional",
            "--bootstrap-servers",
            platform.connectionSettings().bootstrapServers(),
            "--schema-registry-url",
            platform.connectionSettings().registryUrl()
        };
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code =
                RotationDetector.commandLine()
                        .setOut(new java.io.PrintWriter(out, true))
                        .setErr(new java.io.PrintWriter(err, true))
                        .execute(concat(undelivered, "--format", "json"));
        assertThat(code).as(err.toString()).isZero();
        Map<String, JsonNode> byAlert = new java.util.HashMap<>();
        for (String line : out.toString().strip().split("\\R")) {
            JsonNode n = JSON.readTree(line);
            byAlert.put(n.get("alertId").asText(), n.get("undelivered"));
        }
        assertThat(byAlert).containsOnlyKeys(rejected.getAlertId(), unlucky.getAlertId());
        assertThat(byAlert.get(rejected.getAlertId()).get("reason").asText())
                .isEqualTo("WEBHOOK_REJECTED");
        assertThat(byAlert.get(rejected.getAlertId()).get("httpStatus").asInt()).isEqualTo(400);
        assertThat(byAlert.get(rejected.getAlertId()).get("attempts").asInt()).isEqualTo(1);
        assertThat(byAlert.get(unlucky.getAlertId()).get("reason").asText())
                .isEqualTo("WEBHOOK_RETRIES_EXHAUSTED");
        assertThat(byAlert.get(unlucky.getAlertId()).get("attempts").asInt()).isEqualTo(3);
        assertThat(err.toString())
                .contains(
                        "1 record(s) of "
                                + prefix
                                + TopicNames.ALERTS_UNDELIVERED
                                + " are not alerts")
                .contains("partition 0 offset 1: UNKNOWN_MAGIC_BYTE after 0 attempt(s)")
                .contains("2 alert(s) shown");

        java.io.StringWriter table = new java.io.StringWriter();
        assertThat(
                        RotationDetector.commandLine()
                                .setOut(new java.io.PrintWriter(table, true))
                                .setErr(new java.io.PrintWriter(new java.io.StringWriter(), true))
                                .execute(concat(undelivered, "--format", "table")))
                .isZero();
        assertThat(table.toString())
                .contains("Why undelivered:")
                .contains(
                        "(alert "
                                + rejected.getAlertId()
                                + "): WEBHOOK_REJECTED after 1 attempt(s), last HTTP 400: ")
                .contains(
                        "(alert "
                                + unlucky.getAlertId()
                                + "): WEBHOOK_RETRIES_EXHAUSTED after 3 attempt(s), last HTTP 503");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void filteredAlertsAreCommittedAndCountedAndSlackGetsText() throws Exception {
        String prefix = prefix();
        List<Alert> alerts =
                List.of(
                        TestAlerts.alert(1, Severity.INFO, SignalType.CONCENTRATED_OUTFLOW),
                        TestAlerts.alert(2, Severity.WARNING, SignalType.CONCENTRATED_OUTFLOW),
                        TestAlerts.alert(3, Severity.CRITICAL, SignalType.DERISKING),
                        TestAlerts.alert(4, Severity.WARNING, SignalType.LEVEL_BREACH),
                        TestAlerts.alert(5, Severity.NOTICE, SignalType.DERISKING),
                        TestAlerts.alert(6, Severity.WARNING, SignalType.DERISKING));
        publish(prefix, alerts);
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            AlertFilter filter =
                    new AlertFilter(
                            Severity.WARNING,
                            EnumSet.of(SignalType.CONCENTRATED_OUTFLOW, SignalType.DERISKING));
            NotifierSettings settings =
                    settings(
                            prefix,
                            receiver.url(),
                            3,
                            Duration.ofSeconds(5),
                            filter,
                            AlertPayload.Format.SLACK);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            NotifyMetrics metrics = new NotifyMetrics(meters);
            try (Running running = Running.start(settings, metrics)) {
                await("all handled")
                        .atMost(AT_MOST)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> committed(settings, prefix) == alerts.size());
            }

            List<WebhookReceiver.Request> requests = receiver.requests();
            assertThat(requests)
                    .extracting(r -> r.header(WebhookClient.IDEMPOTENCY_KEY))
                    .containsExactly(
                            alerts.get(1).getAlertId(),
                            alerts.get(2).getAlertId(),
                            alerts.get(5).getAlertId());
            for (WebhookReceiver.Request r : requests) {
                JsonNode body = JSON.readTree(r.bodyText());
                assertThat(body.size()).isEqualTo(1);
                assertThat(body.get("text").asText())
                        .endsWith("alert " + r.header(WebhookClient.IDEMPOTENCY_KEY));
                assertThat(r.header(WebhookSigner.HEADER)).isEqualTo(hmac(r.body()));
            }
            assertThat(meters.find(NotifyMetrics.FILTERED).tag("by", "severity").counter().count())
                    .isEqualTo(2);
            assertThat(meters.find(NotifyMetrics.FILTERED).tag("by", "type").counter().count())
                    .isEqualTo(1);
            assertThat(metrics.deliveredCount()).isEqualTo(3);
        }
    }

    @Test
    void stoppedWhileRetryingItCommitsNothingAndTheNextRunDeliversTheAlert() throws Exception {
        String prefix = prefix();
        List<Alert> alerts = alerts(3);
        publish(prefix, alerts);
        try (WebhookReceiver receiver = new WebhookReceiver((i, key) -> Answer.status(503))) {
            NotifierSettings settings =
                    settings(
                            prefix,
                            receiver.url(),
                            1000,
                            Duration.ofSeconds(5),
                            AlertFilter.all(),
                            AlertPayload.Format.JSON);
            try (Running running =
                    Running.start(settings, new NotifyMetrics(new SimpleMeterRegistry()))) {
                await("the first alert retried")
                        .atMost(AT_MOST)
                        .until(() -> receiver.requests().size() >= 3);
            }
            // the group's start was committed when it joined; nothing after it
            assertThat(committed(settings, prefix)).isZero();

            receiver.script((i, key) -> Answer.ok());
            NotifyMetrics second = new NotifyMetrics(new SimpleMeterRegistry());
            try (Running running = Running.start(settings, second)) {
                await("every alert delivered by the next run")
                        .atMost(AT_MOST)
                        .pollInterval(Duration.ofMillis(100))
                        .until(
                                () ->
                                        receiver.deliveredKeys().equals(ids(alerts))
                                                && committed(settings, prefix) == alerts.size());
            }
            assertThat(second.deliveredCount()).isEqualTo(alerts.size());
        }
    }

    @Test
    void killedMidStreamAndStartedAgainItLosesNoAlert() throws Exception {
        String prefix = prefix();
        List<Alert> alerts = alerts(30);
        publish(prefix, alerts);
        String group = "notify-kill-" + prefix;
        try (WebhookReceiver receiver =
                new WebhookReceiver(
                        (i, key) -> new Answer(200, Duration.ofMillis(150), "", Map.of()))) {
            Path logs = dir.resolve(prefix);
            Files.createDirectories(logs);

            Process first = startChild(receiver.url(), prefix, group, logs.resolve("first.log"));
            try {
                await("some alerts delivered by the first run")
                        .atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(50))
                        .until(
                                () -> {
                                    assertThat(first.isAlive())
                                            .as(
                                                    "first run exited:%n%s",
                                                    Files.readString(logs.resolve("first.log")))
                                            .isTrue();
                                    return receiver.deliveredKeys().size() >= 8;
                                });
            } finally {
                first.destroyForcibly(); // SIGKILL: no hook, no close, no last commit
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            int beforeRestart = receiver.deliveredKeys().size();
            assertThat(beforeRestart).isLessThan(alerts.size());

            Path secondLog = logs.resolve("second.log");
            Process second = startChild(receiver.url(), prefix, group, secondLog);
            try {
                await("every alert delivered after the restart")
                        .atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(100))
                        .until(
                                () -> {
                                    assertThat(second.isAlive())
                                            .as(
                                                    "second run exited:%n%s",
                                                    Files.readString(secondLog))
                                            .isTrue();
                                    return receiver.deliveredKeys().equals(ids(alerts))
                                            && committedOffset(group, prefix + TopicNames.ALERTS)
                                                    == alerts.size();
                                });
                // its metrics endpoint counts what this run delivered
                Matcher url =
                        Pattern.compile("Metrics (http://\\S+/metrics)\\.")
                                .matcher(Files.readString(secondLog));
                assertThat(url.find()).as(Files.readString(secondLog)).isTrue();
                String scrape =
                        HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(URI.create(url.group(1))).build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body();
                assertThat(scrape).contains("rd_notify_delivered_total");
            } finally {
                second.destroy(); // SIGTERM: a clean stop
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(Files.readString(secondLog)).contains("Stopped: delivered ");

            List<WebhookReceiver.Request> requests = receiver.requests();
            for (WebhookReceiver.Request r : requests) {
                assertThat(r.header(WebhookClient.IDEMPOTENCY_KEY))
                        .isEqualTo(JSON.readTree(r.bodyText()).get("alertId").asText());
                assertThat(r.header(WebhookSigner.HEADER)).isEqualTo(hmac(r.body()));
            }
            Map<String, Long> times =
                    requests.stream()
                            .collect(
                                    Collectors.groupingBy(
                                            r -> r.header(WebhookClient.IDEMPOTENCY_KEY),
                                            Collectors.counting()));
            assertThat(times.keySet()).isEqualTo(ids(alerts));
            // offsets are committed alert by alert: only the one in flight at the kill comes again
            assertThat(times.values().stream().filter(n -> n > 1).count()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void startedBeforeTheAlertsTopicExistsItWaitsForItAndDelivers() throws Exception {
        String prefix = prefix();
        List<Alert> alerts = alerts(2);
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            NotifierSettings settings =
                    settings(
                            prefix,
                            receiver.url(),
                            3,
                            Duration.ofSeconds(5),
                            AlertFilter.all(),
                            AlertPayload.Format.JSON);
            try (Running running =
                    Running.start(settings, new NotifyMetrics(new SimpleMeterRegistry()), false)) {
                assertThat(endOffset(prefix + TopicNames.ALERTS_UNDELIVERED))
                        .as("the undelivered topic is created at start")
                        .isZero();
                publish(prefix, alerts);
                await("the alerts delivered once the topic exists")
                        .atMost(AT_MOST)
                        .pollInterval(Duration.ofMillis(100))
                        .until(
                                () ->
                                        receiver.deliveredKeys().equals(ids(alerts))
                                                && committed(settings, prefix) == alerts.size());
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A notifier running on its own thread, stopped and closed by {@link #close()}. */
    private static final class Running implements AutoCloseable {
        private final AlertNotifier notifier;
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Running(AlertNotifier notifier) {
            this.notifier = notifier;
            this.thread = new Thread(this::run, "test-notifier");
        }

        static Running start(NotifierSettings settings, NotifyMetrics metrics) {
            return start(settings, metrics, true);
        }

        static Running start(NotifierSettings settings, NotifyMetrics metrics, boolean topicThere) {
            AlertNotifier notifier =
                    new AlertNotifier(settings, platform.connectionSettings(), metrics);
            assertThat(notifier.prepare()).as("the alerts topic exists").isEqualTo(topicThere);
            Running running = new Running(notifier);
            running.thread.start();
            return running;
        }

        private void run() {
            try {
                notifier.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        @Override
        public void close() throws Exception {
            notifier.stop();
            thread.join(30_000);
            assertThat(thread.isAlive()).as("the notifier stopped").isFalse();
            notifier.close();
            if (failure.get() != null) {
                throw new AssertionError("the notifier failed", failure.get());
            }
        }
    }

    private static String prefix() {
        return "n" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    private static List<Alert> alerts(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(TestAlerts::alert).toList();
    }

    private static Set<String> ids(List<Alert> alerts) {
        return alerts.stream().map(Alert::getAlertId).collect(Collectors.toSet());
    }

    private static NotifierSettings settings(
            String prefix,
            URI url,
            int maxAttempts,
            Duration timeout,
            AlertFilter filter,
            AlertPayload.Format format) {
        return new NotifierSettings(
                prefix,
                "notify-" + prefix,
                true,
                WebhookTarget.parse(url.toString()),
                WebhookSecret.of(SECRET),
                format,
                filter,
                new BackoffPolicy(maxAttempts, Duration.ofMillis(20), Duration.ofMillis(100), 0.5),
                timeout);
    }

    /** HMAC-SHA256 computed here with the JDK, independently of the notifier's signer. */
    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static String createAlertsTopic(String prefix) {
        String topic = prefix + TopicNames.ALERTS;
        platform.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
        return topic;
    }

    private static byte[] key(Alert alert) {
        return alert.getSignalId().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] serialize(String topic, Alert alert) {
        try (ConfluentAvroSerializer<Alert> serializer = new ConfluentAvroSerializer<>(registry)) {
            return serializer.serialize(topic, alert);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                platform.connectionSettings().kafkaClientConfig(),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Writes the alerts, keyed by signalId, as the processor does. */
    private static void publish(String prefix, List<Alert> alerts) throws Exception {
        String topic = createAlertsTopic(prefix);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (Alert alert : alerts) {
                producer.send(new ProducerRecord<>(topic, key(alert), serialize(topic, alert)));
            }
            producer.flush();
        }
    }

    private static long committed(NotifierSettings settings, String prefix) throws Exception {
        return committedOffset(settings.groupId(), prefix + TopicNames.ALERTS);
    }

    /** The group's committed offset on partition 0 of the topic, -1 when none. */
    private static long committedOffset(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                platform.admin()
                        .listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
        OffsetAndMetadata o = offsets.get(new TopicPartition(topic, 0));
        return o == null ? -1 : o.offset();
    }

    private static long endOffset(String topic) throws Exception {
        TopicPartition p = new TopicPartition(topic, 0);
        return platform.admin()
                .listOffsets(Map.of(p, OffsetSpec.latest()))
                .partitionResult(p)
                .get(30, TimeUnit.SECONDS)
                .offset();
    }

    /** The committed records of partition 0, from the start, once {@code expected} are there. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Map<String, Object> cfg = platform.connectionSettings().kafkaClientConfig();
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(topic, 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            await("records on " + topic)
                    .atMost(AT_MOST)
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                                return out.size() >= expected;
                            });
        }
        return out;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * {@code rotation-detector notify} in its own JVM, as a user runs it, with the secret in the
     * environment and metrics on a free port.
     */
    private static Process startChild(URI webhook, String prefix, String group, Path log)
            throws Exception {
        ConnectionSettings connection = platform.connectionSettings();
        ProcessBuilder pb =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx256m",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                System.getProperty("java.class.path"),
                                RotationDetector.class.getName(),
                                "notify",
                                "--webhook",
                                webhook.toString(),
                                "--bootstrap-servers",
                                connection.bootstrapServers(),
                                "--schema-registry-url",
                                connection.registryUrl(),
                                "--topics-prefix",
                                prefix,
                                "--group-id",
                                group,
                                "--from-beginning",
                                "--initial-backoff",
                                "50ms",
                                "--max-backoff",
                                "200ms",
                                "--http-port",
                                "0")
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        // only the flags and the secret configure the child, not the environment of the build
        pb.environment()
                .keySet()
                .removeIf(
                        k ->
                                k.startsWith("RD_")
                                        || k.startsWith("KAFKA_")
                                        || k.startsWith("SCHEMA_REGISTRY"));
        pb.environment().put(WebhookSecret.ENV, SECRET);
        return pb.start();
    }
}
