package dev.rotation.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Causality;
import dev.rotation.model.Caveat;
import dev.rotation.model.Evidence;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.sample.SampleData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled sample, as the producers publish it, through the real topology: the seed article's
 * leveraged sovereign ETH position yields LEVERAGE_STRESS in the seed week, with its caveats; the
 * bank's unleveraged MSTR holding (an indirect BTC exposure) does not.
 */
class SeedHoldingsTopologyTest {

    @Test
    void theSovereignFundsLeveragedEthPositionIsUnderStressInTheSeedWeek(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            MockProducer<byte[], byte[]> producer =
                    new MockProducer<>(
                            true, null, new ByteArraySerializer(), new ByteArraySerializer());
            try (EventPublisher publisher = new EventPublisher(producer, d.topics)) {
                publisher.publishAll(SampleData.load());
            }
            List<ProducerRecord<byte[], byte[]>> sent = producer.history();
            d.batch(
                    () ->
                            sent.forEach(
                                    r -> d.pipeRaw(r.topic(), r.key(), r.value(), r.timestamp())));
            d.idle();

            List<Signal> stress =
                    d.signals.stream()
                            .filter(s -> s.getType() == SignalType.LEVERAGE_STRESS)
                            .toList();
            assertThat(stress)
                    .allMatch(s -> s.getSubjects().contains("holder:Bhutan sovereign fund"));
            Signal seedWeek =
                    stress.stream()
                            .filter(
                                    s ->
                                            s.getWindowStart()
                                                    .equals(Instant.parse("2026-01-19T00:00:00Z")))
                            .filter(s -> s.getStatus() == SignalStatus.FINAL)
                            .reduce((a, b) -> b)
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    "no FINAL in the seed week: " + stress));
            assertThat(seedWeek.getCausality()).isEqualTo(Causality.CORRELATION_NOT_CAUSATION);
            assertThat(seedWeek.getCaveats())
                    .extracting(Caveat::getCode)
                    .contains("HOLDER_TERMS_UNKNOWN", "POSITION_AS_REPORTED", "SINGLE_SOURCE");
            // the seed week's last ETH snapshot, 2,929.64, against the illustrative entry of 3,250
            Evidence loss =
                    seedWeek.getEvidence().stream()
                            .filter(e -> e.getMetric().equals("unrealised_return"))
                            .findFirst()
                            .orElseThrow();
            assertThat(loss.getValue())
                    .isCloseTo(2929.64 / 3250 - 1, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(seedWeek.getExplanation())
                    .contains("9.9% below its entry price of $3,250")
                    .contains("while ETH investment products saw net outflows of $630M");
        }
    }
}
