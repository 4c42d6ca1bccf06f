package dev.rotation.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.deadletter.DeadLetterHeaders;
import dev.rotation.model.events.InputEventType;
import dev.rotation.processor.ops.ProcessorMetrics;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.PublishSummary;
import dev.rotation.producers.sample.SampleData;
import dev.rotation.producers.simulator.MarketSimulator;
import dev.rotation.producers.simulator.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producers and the processor share one input-event contract. Every event the producers' file
 * reader (the bundled sample) and simulator make is published through the real {@link
 * EventPublisher}, and the records it would send (topic, key bytes, value bytes, record timestamp)
 * are piped unchanged into the real topology: each passes the processor's checks for its type, so
 * none is dead-lettered (no {@code KEY_MISMATCH}) and none is late.
 */
class ProducerContractTopologyTest {

    @Test
    void everyEventOfTheBundledSampleIsAcceptedAsTheProducersPublishIt(@TempDir Path dir) {
        assertAcceptedAsPublished(dir, SampleData.load(), EnumSet.allOf(InputEventType.class));
    }

    @Test
    void everySimulatedEventIsAcceptedAsTheProducersPublishIt(@TempDir Path dir) {
        List<Scenario> all = Arrays.asList(Scenario.values());
        int weeks = MarketSimulator.weeksNeeded(all.size());
        MarketSimulator simulator =
                new MarketSimulator(
                        MarketSimulator.Options.of(11, weeks)
                                .withScenarios(MarketSimulator.defaultPlacement(all, weeks)));
        List<SpecificRecord> events = new ArrayList<>();
        simulator.forEach(events::add);

        // the simulator plants no institutional positions
        assertAcceptedAsPublished(
                dir, events, EnumSet.complementOf(EnumSet.of(InputEventType.EXPOSURES)));
    }

    private static void assertAcceptedAsPublished(
            Path dir, List<SpecificRecord> events, Set<InputEventType> exercised) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            MockProducer<byte[], byte[]> producer =
                    new MockProducer<>(
                            true, null, new ByteArraySerializer(), new ByteArraySerializer());
            List<ProducerRecord<byte[], byte[]>> sent;
            try (EventPublisher publisher = new EventPublisher(producer, d.topics)) {
                publisher.publishAll(events);
                PublishSummary summary = publisher.summary();
                assertThat(summary.failed()).as(summary.describe()).isZero();
                assertThat(summary.sent()).isEqualTo(events.size());
                sent = producer.history();
            }

            Map<String, InputEventType> types = InputEventType.byTopicName(d.topics);
            Map<InputEventType, Long> published = new EnumMap<>(InputEventType.class);
            for (ProducerRecord<byte[], byte[]> r : sent) {
                assertThat(types).as("the topic of a published event").containsKey(r.topic());
                published.merge(types.get(r.topic()), 1L, Long::sum);
            }
            // one batch: stage 1 checks every record; stage 2 hears of them as windows close
            d.batch(
                    () ->
                            sent.forEach(
                                    r -> d.pipeRaw(r.topic(), r.key(), r.value(), r.timestamp())));

            List<String> reasons =
                    d.deadLetters().stream()
                            .map(
                                    r ->
                                            DetectorDriver.header(
                                                            r.headers(), DeadLetterHeaders.REASON)
                                                    + " "
                                                    + DetectorDriver.header(
                                                            r.headers(), DeadLetterHeaders.MESSAGE))
                            .toList();
            assertThat(reasons)
                    .as("dead letters")
                    .noneMatch(r -> r.startsWith("KEY_MISMATCH"))
                    .isEmpty();
            assertThat(d.lateEvents()).isEmpty();
            assertThat(published).as("every input type is exercised").containsOnlyKeys(exercised);
            for (InputEventType type : exercised) {
                long n = published.get(type);
                assertThat(d.metrics.count(ProcessorMetrics.CONSUMED, "kind", type.label()))
                        .as(type.label())
                        .isEqualTo(n);
                assertThat(d.metrics.count(ProcessorMetrics.AGGREGATED, "kind", type.label()))
                        .as(type.label())
                        .isEqualTo(n);
            }
        }
    }
}
