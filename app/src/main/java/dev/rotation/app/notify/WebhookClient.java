package dev.rotation.app.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one signed body to the webhook until it is accepted, rejected, or the {@link BackoffPolicy}
 * runs out of attempts.
 *
 * <ul>
 *   <li>2xx: delivered.
 *   <li>429, 5xx, no answer within the request timeout, a refused or broken connection: retried
 *       after the policy's wait (or the receiver's {@code Retry-After}, on 429 and 503).
 *   <li>Any other status (4xx but 429; 3xx, since redirects are not followed): rejected at once.
 * </ul>
 *
 * Each request carries {@code Content-Type: application/json}, {@value #IDEMPOTENCY_KEY} (the alert
 * id, the same on every attempt and every redelivery) and {@value WebhookSigner#HEADER}. One client
 * serves one thread.
 */
public final class WebhookClient {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookClient.class);

    /** The request header that carries the alert id, for the receiver to deduplicate by. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    static final String USER_AGENT = "rotation-detector-notify/0.1.0";
    private static final int SNIPPET = 200;

    private final WebhookTarget target;
    private final WebhookSigner signer;
    private final BackoffPolicy policy;
    private final Duration requestTimeout;
    private final NotifyMetrics metrics;
    private final CountDownLatch stopRequested;
    private final RandomGenerator random;
    private final HttpClient http;

    /**
     * @param requestTimeout how long one attempt may take, connection included
     * @param stopRequested counted down when the notifier stops: waits end and no further attempt
     *     starts
     */
    public WebhookClient(
            WebhookTarget target,
            WebhookSigner signer,
            BackoffPolicy policy,
            Duration requestTimeout,
            NotifyMetrics metrics,
            CountDownLatch stopRequested,
            RandomGenerator random) {
        this.target = target;
        this.signer = signer;
        this.policy = policy;
        this.requestTimeout = requestTimeout;
        this.metrics = metrics;
        this.stopRequested = stopRequested;
        this.random = random;
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(requestTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /**
     * Offers {@code body} to the webhook as described in the class comment.
     *
     * @param idempotencyKey the alert id
     * @param body the payload, signed as it is sent
     */
    public DeliveryOutcome deliver(String idempotencyKey, byte[] body) {
        HttpRequest request =
                HttpRequest.newBuilder(target.uri())
                        .timeout(requestTimeout)
                        .header("Content-Type", "application/json")
                        .header("User-Agent", USER_AGENT)
                        .header(IDEMPOTENCY_KEY, idempotencyKey)
                        .header(WebhookSigner.HEADER, signer.signature(body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        long start = System.nanoTime();
        int attempts = 0;
        while (true) {
            if (stopRequested.getCount() == 0) {
                return new DeliveryOutcome.Abandoned(attempts);
            }
            attempts++;
            Attempt attempt = attempt(request);
            switch (attempt.kind()) {
                case INTERRUPTED -> {
                    return new DeliveryOutcome.Abandoned(attempts);
                }
                case DELIVERED -> {
                    Duration latency = Duration.ofNanos(System.nanoTime() - start);
                    metrics.delivered(latency);
                    LOG.info(
                            "Delivered alert {} to {} (HTTP {}, {} attempt(s), {} ms)",
                            idempotencyKey,
                            target.display(),
                            attempt.status(),
                            attempts,
                            latency.toMillis());
                    return new DeliveryOutcome.Delivered(attempts, attempt.status(), latency);
                }
                case REJECTED -> {
                    return new DeliveryOutcome.Undeliverable(
                            DeliveryOutcome.REJECTED,
                            "The webhook "
                                    + target.display()
                                    + " rejected the alert: "
                                    + attempt.detail(),
                            attempts,
                            OptionalInt.of(attempt.status()));
                }
                case RETRYABLE -> {
                    if (!policy.allowsAnotherAttempt(attempts)) {
                        return new DeliveryOutcome.Undeliverable(
                                DeliveryOutcome.RETRIES_EXHAUSTED,
                                "No delivery to "
                                        + target.display()
                                        + " after "
                                        + attempts
                                        + " attempt(s); the last: "
                                        + attempt.detail(),
                                attempts,
                                attempt.status() > 0
                                        ? OptionalInt.of(attempt.status())
                                        : OptionalInt.empty());
                    }
                    Duration wait = policy.delayAfter(attempts, attempt.retryAfter(), random);
                    metrics.retried(attempt.cause());
                    LOG.warn(
                            "Alert {} not delivered to {} (attempt {} of {}: {}); retrying in {} ms",
                            idempotencyKey,
                            target.display(),
                            attempts,
                            policy.maxAttempts(),
                            attempt.detail(),
                            wait.toMillis());
                    if (waitOrStop(wait)) {
                        return new DeliveryOutcome.Abandoned(attempts);
                    }
                }
            }
        }
    }

    private enum Kind {
        DELIVERED,
        RETRYABLE,
        REJECTED,
        INTERRUPTED
    }

    /**
     * One attempt's result.
     *
     * @param status the HTTP status, 0 when there was no answer
     * @param cause the metric tag of a retryable failure
     * @param detail one line for logs and the dead-letter message
     */
    private record Attempt(
            Kind kind, int status, String cause, String detail, Optional<Duration> retryAfter) {
        static Attempt noAnswer(String cause, String detail) {
            return new Attempt(Kind.RETRYABLE, 0, cause, detail, Optional.empty());
        }
    }

    private Attempt attempt(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // the request timeout bounds the wait for the headers; this bounds the body too
            response = future.get(requestTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Attempt(Kind.INTERRUPTED, 0, "", "interrupted", Optional.empty());
        } catch (TimeoutException e) {
            future.cancel(true);
            return Attempt.noAnswer("TIMEOUT", noAnswerWithin());
        } catch (ExecutionException e) {
            return failure(e.getCause());
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Attempt(Kind.DELIVERED, status, "", "HTTP " + status, Optional.empty());
        }
        String detail = "HTTP " + status + snippet(response.body());
        if (status == 429 || (status >= 500 && status < 600)) {
            Optional<Duration> retryAfter =
                    status == 429 || status == 503
                            ? response.headers().firstValue("Retry-After").flatMap(this::retryAfter)
                            : Optional.empty();
            return new Attempt(Kind.RETRYABLE, status, "HTTP_" + status, detail, retryAfter);
        }
        if (status >= 300 && status < 400) {
            detail += " (redirects are not followed: pass the final URL as --webhook)";
        }
        return new Attempt(Kind.REJECTED, status, "", detail, Optional.empty());
    }

    private Attempt failure(Throwable e) {
        if (e instanceof HttpTimeoutException) {
            return Attempt.noAnswer("TIMEOUT", noAnswerWithin());
        }
        if (e instanceof ConnectException) {
            return Attempt.noAnswer("CONNECTION_ERROR", "connection refused");
        }
        if (e instanceof IOException) {
            return Attempt.noAnswer(
                    "CONNECTION_ERROR",
                    "connection failed (" + e.getClass().getSimpleName() + message(e) + ")");
        }
        // anything else is not the network's doing; retrying is still the safe choice
        return Attempt.noAnswer(
                "CONNECTION_ERROR",
                "request failed (" + e.getClass().getSimpleName() + message(e) + ")");
    }

    private String noAnswerWithin() {
        return "no answer within " + requestTimeout.toMillis() + " ms";
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? "" : ": " + e.getMessage();
    }

    /** Delay-seconds or an HTTP date (RFC 9110); empty when neither. */
    private Optional<Duration> retryAfter(String value) {
        String v = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** The start of a response body on one line, for the message: `: {"error":"..."}`. */
    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String s =
                new String(body, 0, Math.min(body.length, SNIPPET * 4), StandardCharsets.UTF_8)
                        .replaceAll("\\s+", " ")
                        .strip();
        if (s.isEmpty()) {
            return "";
        }
        return ": " + (s.length() > SNIPPET ? s.substring(0, SNIPPET) + "…" : s);
    }

    /** Waits {@code d}; true when the notifier was asked to stop meanwhile. */
    private boolean waitOrStop(Duration d) {
        try {
            return stopRequested.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public String toString() {
        return "WebhookClient[" + target.display() + ", " + policy + "]";
    }
}
