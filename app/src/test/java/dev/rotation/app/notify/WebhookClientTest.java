package dev.rotation.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.app.notify.WebhookReceiver.Answer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One alert offered to a real HTTP receiver: what is retried, what is rejected, what is sent. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookClientTest {
    private static final String SECRET = "test-secret";
    private static final byte[] BODY = "{\"alertId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final NotifyMetrics metrics = new NotifyMetrics(registry);
    private final CountDownLatch stop = new CountDownLatch(1);

    private WebhookClient client(String url, int maxAttempts, Duration timeout) {
        return new WebhookClient(
                WebhookTarget.parse(url),
                new WebhookSigner(WebhookSecret.of(SECRET)),
                new BackoffPolicy(maxAttempts, Duration.ofMillis(20), Duration.ofMillis(80), 0.5),
                timeout,
                metrics,
                stop,
                new Random(7));
    }

    private WebhookClient client(WebhookReceiver receiver, int maxAttempts) {
        return client(receiver.url().toString(), maxAttempts, Duration.ofSeconds(5));
    }

    /** HMAC-SHA256 computed here with the JDK, not with the class under test. */
    private static String expectedSignature(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private double retried(String cause) {
        var c = registry.find(NotifyMetrics.RETRIED).tag("cause", cause).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void eachRequestIsSignedJsonWithTheAlertIdAsIdempotencyKey() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            DeliveryOutcome outcome = client(receiver, 3).deliver("a-1", BODY);

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(outcome.attempts()).isEqualTo(1);
            WebhookReceiver.Request r = receiver.requests().get(0);
            assertThat(r.body()).isEqualTo(BODY);
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("Idempotency-Key")).isEqualTo("a-1");
            assertThat(r.header("X-Signature-256")).isEqualTo(expectedSignature(BODY));
            assertThat(metrics.deliveredCount()).isEqualTo(1);
            assertThat(registry.find(NotifyMetrics.LATENCY).timer().count()).isEqualTo(1);
        }
    }

    @Test
    void serverErrorsAndTooManyRequestsAreRetriedUntilAccepted() throws Exception {
        List<Answer> script =
                List.of(
                        Answer.status(500),
                        Answer.status(503),
                        new Answer(429, Duration.ZERO, "", Map.of("Retry-After", "0")),
                        Answer.ok());
        try (WebhookReceiver receiver = new WebhookReceiver((i, key) -> script.get(i))) {
            DeliveryOutcome outcome = client(receiver, 5).deliver("a-1", BODY);

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(outcome.attempts()).isEqualTo(4);
            assertThat(receiver.requests())
                    .allSatisfy(
                            r -> {
                                assertThat(r.body()).isEqualTo(BODY);
                                assertThat(r.header("Idempotency-Key")).isEqualTo("a-1");
                            });
            assertThat(retried("HTTP_500")).isEqualTo(1);
            assertThat(retried("HTTP_503")).isEqualTo(1);
            assertThat(retried("HTTP_429")).isEqualTo(1);
        }
    }

    @Test
    void aRequestWithoutAnAnswerInTimeIsRetried() throws Exception {
        try (WebhookReceiver receiver =
                new WebhookReceiver(
                        (i, key) -> i == 0 ? Answer.hang(Duration.ofSeconds(30)) : Answer.ok())) {
            // the timeout leaves a loaded machine ample time to answer the second request at once,
            // and the first never answers within it
            DeliveryOutcome outcome =
                    client(receiver.url().toString(), 3, Duration.ofSeconds(2))
                            .deliver("a-1", BODY);

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(outcome.attempts()).isEqualTo(2);
            assertThat(retried("TIMEOUT")).isEqualTo(1);
        }
    }

    @Test
    void aClientErrorOtherThan429IsRejectedAtOnceWithWhatTheReceiverSaid() throws Exception {
        try (WebhookReceiver receiver =
                new WebhookReceiver(
                        (i, key) -> Answer.status(400, "{\"error\": \"unknown field\"}\n"))) {
            DeliveryOutcome outcome = client(receiver, 5).deliver("a-1", BODY);

            assertThat(outcome)
                    .isEqualTo(
                            new DeliveryOutcome.Undeliverable(
                                    DeliveryOutcome.REJECTED,
                                    "The webhook http://127.0.0.1:"
                                            + receiver.url().getPort()
                                            + "/… rejected the alert: HTTP 400: {\"error\": \"unknown field\"}",
                                    1,
                                    OptionalInt.of(400)));
            assertThat(receiver.requests()).hasSize(1);
            assertThat(metrics.total(NotifyMetrics.RETRIED)).isZero();
        }
    }

    @Test
    void aRedirectIsNotFollowedButRejected() throws Exception {
        try (WebhookReceiver receiver =
                new WebhookReceiver(
                        (i, key) ->
                                new Answer(
                                        301,
                                        Duration.ZERO,
                                        "",
                                        Map.of("Location", "http://example.invalid/")))) {
            DeliveryOutcome outcome = client(receiver, 5).deliver("a-1", BODY);

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Undeliverable.class);
            DeliveryOutcome.Undeliverable u = (DeliveryOutcome.Undeliverable) outcome;
            assertThat(u.reason()).isEqualTo(DeliveryOutcome.REJECTED);
            assertThat(u.message()).contains("HTTP 301", "pass the final URL as --webhook");
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void afterTheLastAttemptTheAlertIsGivenUpWithTheLastStatus() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver((i, key) -> Answer.status(502))) {
            DeliveryOutcome outcome = client(receiver, 3).deliver("a-1", BODY);

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Undeliverable.class);
            DeliveryOutcome.Undeliverable u = (DeliveryOutcome.Undeliverable) outcome;
            assertThat(u.reason()).isEqualTo(DeliveryOutcome.RETRIES_EXHAUSTED);
            assertThat(u.attempts()).isEqualTo(3);
            assertThat(u.httpStatus()).hasValue(502);
            assertThat(u.message()).endsWith("after 3 attempt(s); the last: HTTP 502");
            assertThat(receiver.requests()).hasSize(3);
            assertThat(retried("HTTP_502")).isEqualTo(2);
            assertThat(metrics.deliveredCount()).isZero();
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenGivenUpWithoutAStatus() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DeliveryOutcome outcome =
                client("http://127.0.0.1:" + port + "/hook", 2, Duration.ofSeconds(2))
                        .deliver("a-1", BODY);

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Undeliverable.class);
        DeliveryOutcome.Undeliverable u = (DeliveryOutcome.Undeliverable) outcome;
        assertThat(u.reason()).isEqualTo(DeliveryOutcome.RETRIES_EXHAUSTED);
        assertThat(u.httpStatus()).isEmpty();
        assertThat(u.message()).endsWith("the last: connection refused");
        assertThat(retried("CONNECTION_ERROR")).isEqualTo(1);
    }

    @Test
    void aStopRequestEndsTheRetriesWithoutAVerdict() throws Exception {
        try (WebhookReceiver receiver =
                new WebhookReceiver(
                        (i, key) -> {
                            stop.countDown();
                            return Answer.status(500);
                        })) {
            DeliveryOutcome outcome = client(receiver, 10).deliver("a-1", BODY);

            assertThat(outcome).isEqualTo(new DeliveryOutcome.Abandoned(1));
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void theWebhookUrlIsCheckedAndShownWithoutItsPath() {
        WebhookTarget slack =
                WebhookTarget.parse("https://hooks.slack.com/services/T000/B000/XXXXSECRET");
        assertThat(slack.display()).isEqualTo("https://hooks.slack.com/…");
        assertThat(slack.toString()).doesNotContain("XXXXSECRET");
        assertThat(WebhookTarget.parse("http://127.0.0.1:8080").display())
                .isEqualTo("http://127.0.0.1:8080/");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> WebhookTarget.parse("ftp://example.com/x"))
                .hasMessage(
                        "The webhook URL must start with https:// or http:// (--webhook)."
                                + " Pass --webhook https://HOST/PATH (http:// for a receiver on this machine).");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebhookTarget.parse("https:///x"))
                .hasMessageStartingWith("The webhook URL has no host (--webhook).");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebhookTarget.parse("not a url"))
                .hasMessageStartingWith("The webhook URL must start with https:// or http://");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> WebhookTarget.parse("http://bad host/x"))
                .hasMessageStartingWith("The webhook URL is not a URL (--webhook): ");
    }
}
