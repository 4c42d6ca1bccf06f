package dev.rotation.processor.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.registry.InMemorySchemaRegistryClient;
import dev.rotation.model.serde.AvroSerdeConfig;
import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.TopicSettings;
import dev.rotation.model.topics.TopicSpec;
import dev.rotation.model.topics.Topics;
import dev.rotation.platform.EmbeddedKafkaBroker;
import dev.rotation.processor.config.ProcessorConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producers and the processor create topics through one path from one catalogue, so a topic is
 * the same whichever of them creates it: provisioned producers-first under one prefix and
 * processor-first under another, every topic has the same partitions, replication, cleanup policy
 * and retention on a real broker, and those are the catalogue's.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TopicProvisioningIntegrationTest {
    private static final int INPUT_PARTITIONS = 2;

    @TempDir static Path dir;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Config.of(dir));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * What a topic is on the broker: partitions, replication and the configs the catalogue sets.
     */
    record Created(int partitions, int replication, String cleanupPolicy, String retentionMs) {}

    @Test
    void aTopicIsTheSameWhicheverSideCreatesItAndIsAsTheCatalogueSpecifies() throws Exception {
        Properties overrides = new Properties();
        overrides.setProperty("topics.input.partitions", Integer.toString(INPUT_PARTITIONS));
        TopicSettings processorSettings = TopicSetup.settings(ProcessorConfig.load(overrides));
        Map<String, Object> adminConfig = Map.of("bootstrap.servers", broker.bootstrapServers());

        Topics producersFirst = topics("producers-first.");
        try (Admin admin = Admin.create(adminConfig)) {
            assertThat(
                            dev.rotation.producers.publish.TopicSetup.ensureTopics(
                                    admin, producersFirst, INPUT_PARTITIONS))
                    .containsExactlyElementsOf(names(producersFirst.producerTopics()));
        }
        assertThat(TopicSetup.ensure(adminConfig, producersFirst, processorSettings))
                .isEqualTo(INPUT_PARTITIONS);

        Topics processorFirst = topics("processor-first.");
        assertThat(TopicSetup.ensure(adminConfig, processorFirst, processorSettings))
                .isEqualTo(INPUT_PARTITIONS);
        try (Admin admin = Admin.create(adminConfig)) {
            assertThat(
                            dev.rotation.producers.publish.TopicSetup.ensureTopics(
                                    admin, processorFirst, INPUT_PARTITIONS))
                    .as("the processor created every topic the producers write")
                    .isEmpty();

            Map<String, Created> a = describe(admin, producersFirst, "producers-first.");
            Map<String, Created> b = describe(admin, processorFirst, "processor-first.");
            assertThat(a).hasSize(12).isEqualTo(b);

            Map<String, Created> catalogue = new TreeMap<>();
            for (TopicSpec s : topics("").specs(processorSettings)) {
                catalogue.put(
                        s.name(),
                        new Created(
                                s.partitions(),
                                s.replicationFactor().orElseThrow(),
                                s.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG),
                                s.configs().get(TopicConfig.RETENTION_MS_CONFIG)));
            }
            assertThat(a).isEqualTo(catalogue);
            assertThat(a.get("rd.dead-letter").partitions()).isEqualTo(1);
            assertThat(a.get("rd.prices").partitions()).isEqualTo(INPUT_PARTITIONS);
            assertThat(a.get("rd.prices").retentionMs()).isEqualTo("-1");
        }
    }

    private static Topics topics(String prefix) {
        String scope = "topic-provisioning-it";
        return Topics.create(
                InMemorySchemaRegistryClient.scope(scope),
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        AvroSerdeConfig.MOCK_URL_PREFIX + scope),
                prefix);
    }

    private static List<String> names(List<Topic<?, ?>> topics) {
        return topics.stream().map(Topic::name).toList();
    }

    /** Every catalogue topic as the broker has it, by its name without the prefix. */
    private static Map<String, Created> describe(Admin admin, Topics topics, String prefix)
            throws Exception {
        List<String> names = names(topics.all());
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(
                                names.stream()
                                        .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                                        .toList())
                        .all()
                        .get(30, TimeUnit.SECONDS);
        Map<String, Created> out = new TreeMap<>();
        for (String name : names) {
            TopicDescription d = descriptions.get(name);
            Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            out.put(
                    name.substring(prefix.length()),
                    new Created(
                            d.partitions().size(),
                            d.partitions().get(0).replicas().size(),
                            c.get(TopicConfig.CLEANUP_POLICY_CONFIG).value(),
                            c.get(TopicConfig.RETENTION_MS_CONFIG).value()));
        }
        return out;
    }
}
