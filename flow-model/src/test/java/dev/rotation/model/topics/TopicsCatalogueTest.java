package dev.rotation.model.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotation.model.registry.InMemorySchemaRegistryClient;
import dev.rotation.model.serde.AvroSerdeConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** The catalogue decides how every topic is created, whichever path creates it. */
class TopicsCatalogueTest {

    private static Topics topics(String prefix) {
        String scope = "topics-catalogue-test";
        return Topics.create(
                InMemorySchemaRegistryClient.scope(scope),
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        AvroSerdeConfig.MOCK_URL_PREFIX + scope),
                prefix);
    }

    @Test
    void everyTopicHasOneSpecWithItsPartitionsRetentionAndCleanupPolicy() {
        Topics topics = topics("");
        List<TopicSpec> specs =
                topics.specs(new TopicSettings(6, Optional.of((short) 3), 604_800_000L));

        assertThat(specs)
                .extracting(TopicSpec::name)
                .containsExactly(
                        "rd.fund-flows",
                        "rd.prices",
                        "rd.volumes",
                        "rd.metals",
                        "rd.institutional-exposures",
                        "rd.signals.rotation",
                        "rd.signals.risk-appetite",
                        "rd.signals.market",
                        "rd.alerts",
                        "rd.dead-letter",
                        "rd.late-events",
                        "rd.alerts.undelivered");
        assertThat(specs)
                .extracting(TopicSpec::partitions)
                .containsExactly(6, 6, 6, 6, 6, 3, 3, 3, 1, 1, 1, 1);
        assertThat(specs)
                .allSatisfy(
                        s -> {
                            assertThat(s.replicationFactor()).contains((short) 3);
                            assertThat(s.configs())
                                    .isEqualTo(
                                            Map.of(
                                                    "cleanup.policy",
                                                    "delete",
                                                    "retention.ms",
                                                    "604800000"));
                        });
    }

    @Test
    void theDefaultsKeepEverythingOnTheBrokersReplicationWithThreeInputPartitions() {
        Topics topics = topics("");
        TopicSpec flows = topics.spec(topics.fundFlows(), TopicSettings.defaults());
        assertThat(flows.partitions()).isEqualTo(3);
        assertThat(flows.replicationFactor()).isEmpty();
        assertThat(flows.configs()).containsEntry("retention.ms", "-1");

        NewTopic request = flows.newTopic();
        assertThat(request.name()).isEqualTo("rd.fund-flows");
        assertThat(request.numPartitions()).isEqualTo(3);
        assertThat(request.replicationFactor()).isEqualTo((short) -1); // the broker's default
        assertThat(request.configs())
                .containsEntry("retention.ms", "-1")
                .containsEntry("cleanup.policy", "delete");
    }

    @Test
    void theProducersTopicsAreSpecifiedExactlyAsInTheWholeCatalogue() {
        Topics topics = topics("p.");
        TopicSettings settings = TopicSettings.of(4);
        List<TopicSpec> producers = topics.specs(topics.producerTopics(), settings);

        assertThat(producers)
                .extracting(TopicSpec::name)
                .containsExactly(
                        "p.rd.fund-flows",
                        "p.rd.prices",
                        "p.rd.volumes",
                        "p.rd.metals",
                        "p.rd.institutional-exposures",
                        "p.rd.dead-letter");
        assertThat(topics.specs(settings)).containsAll(producers);
        assertThat(topics.spec(topics.deadLetter(), settings).partitions())
                .isEqualTo(Topics.SINGLE_PARTITION);
    }

    @Test
    void aTopicOutsideTheCatalogueHasNoSpec() {
        Topic<String, String> stranger = new Topic<>("rd.other", Serdes.String(), Serdes.String());
        assertThatThrownBy(() -> topics("").spec(stranger, TopicSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rd.other");
    }

    @Test
    void settingsThatCannotMakeATopicAreRefused() {
        assertThatThrownBy(() -> TopicSettings.of(0)).hasMessageContaining("at least 1 partition");
        assertThatThrownBy(() -> new TopicSettings(3, Optional.of((short) 0), -1))
                .hasMessageContaining("replication");
        assertThatThrownBy(() -> new TopicSettings(3, Optional.empty(), -2))
                .hasMessageContaining("retention");
    }
}
