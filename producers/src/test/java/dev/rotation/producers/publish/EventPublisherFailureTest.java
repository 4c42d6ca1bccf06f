package dev.rotation.producers.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.producers.events.EventIds;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A send that cannot be delivered is reported as failed, with its identity, and nothing is thrown.
 */
class EventPublisherFailureTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anUnreachableBrokerFailsTheSendWithItsIdentity() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ConnectionSettings settings =
                ConnectionSettings.of("127.0.0.1:" + closedPort, "http://127.0.0.1:1");
        Instant start = Instant.parse("2026-01-19T00:00:00Z");
        Instant end = Instant.parse("2026-01-24T00:00:00Z");
        String id =
                EventIds.fundFlow(
                        "coinshares", "coinshares-2026-01-26", Breakdown.ASSET, "BTC", start, end);
        FundFlow flow =
                FundFlow.newBuilder()
                        .setEventId(id)
                        .setSource("coinshares")
                        .setReportId("coinshares-2026-01-26")
                        .setPeriodStart(start)
                        .setPeriodEnd(end)
                        .setBreakdown(Breakdown.ASSET)
                        .setKey("BTC")
                        .setNetFlowUsd(-1.09e9)
                        .build();
        Map<String, Object> fast =
                Map.of(
                        "max.block.ms",
                        1000,
                        "request.timeout.ms",
                        1000,
                        "delivery.timeout.ms",
                        1500,
                        "linger.ms",
                        0,
                        "reconnect.backoff.max.ms",
                        100);

        PublishSummary summary;
        try (EventPublisher publisher =
                new EventPublisher(settings, new InMemoryRegistry(), "t-fail-", fast)) {
            publisher.publish(flow);
            summary = publisher.summary();
        }
        assertThat(summary.sent()).isZero();
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.allDelivered()).isFalse();
        assertThat(summary.failures())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.type()).isEqualTo("flows");
                            assertThat(f.eventId()).isEqualTo(id);
                            assertThat(f.key()).isEqualTo("ASSET:BTC");
                            assertThat(f.topic()).isEqualTo("t-fail-rd.fund-flows");
                            assertThat(f.error()).isNotBlank();
                        });
        assertThat(summary.describe()).contains("sent=0 failed=1 dead-lettered=0");
    }

    @Test
    void producerSettingsAreDurableAndCompressedAndOverridable() {
        ConnectionSettings settings =
                new ConnectionSettings(
                        "b:9092", "http://r", Map.of("security.protocol", "SASL_SSL"), Map.of());
        Map<String, Object> config =
                EventPublisher.producerConfig(settings, Map.of("linger.ms", 5));
        assertThat(config)
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("compression.type", "lz4")
                .containsEntry("linger.ms", 5)
                .containsEntry("bootstrap.servers", "b:9092")
                .containsEntry("security.protocol", "SASL_SSL");
    }
}
