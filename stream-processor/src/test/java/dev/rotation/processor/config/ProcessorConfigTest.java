package dev.rotation.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotation.model.labels.BreakdownKeys;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.config.keys.ConfigurationException;
import dev.rotation.processor.config.keys.KeyCatalog;
import dev.rotation.processor.config.keys.SettingFamily;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the processor's configuration: layers, unknown keys from each source, invalid values. */
class ProcessorConfigTest {

    @TempDir Path dir;

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    private Path file(String... lines) throws IOException {
        Path f = dir.resolve("detector.properties");
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    private static String failure(Runnable load) {
        try {
            load.run();
        } catch (ConfigurationException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigurationException");
    }

    @Test
    void defaultsAreTheDefaultsFiles() {
        ProcessorConfig c = ProcessorConfig.load(null);
        assertThat(c.applicationId()).isEqualTo("rotation-detector");
        assertThat(c.windowSize()).isEqualTo(Duration.ofDays(7));
        assertThat(c.grace()).isEqualTo(Duration.ofDays(3));
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.updateInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(c.processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(c.streamThreads()).isEqualTo(1);
        assertThat(c.standbyReplicas()).isZero();
        assertThat(c.stateDir()).isEqualTo(Path.of("./data/streams"));
        assertThat(c.commitIntervalMs()).isEqualTo(200);
        assertThat(c.httpBind()).isEqualTo("127.0.0.1");
        assertThat(c.httpPort()).isEqualTo(8070);
        assertThat(c.signalsRetentionWindows()).isEqualTo(26);
        assertThat(c.topicPrefix()).isEmpty();
        assertThat(c.inputPartitions()).isEqualTo(3);
        assertThat(c.replicationFactor()).isEqualTo((short) 1);
        assertThat(c.topicRetentionMs()).isEqualTo(-1);
        assertThat(c.rebalancingGrace()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.streamsOverrides()).isEmpty();
        assertThat(c.analytics()).isEqualTo(AnalyticsConfig.defaults());
    }

    @Test
    void standbyReplicasAreATypedSettingPassedToKafkaStreams() {
        assertThat(
                        ProcessorConfig.load(null, Map.of(), props("num.standby.replicas", "1"))
                                .standbyReplicas())
                .isEqualTo(1);
        assertThat(
                        ProcessorConfig.load(null, Map.of("RD_NUM_STANDBY_REPLICAS", "2"), null)
                                .standbyReplicas())
                .isEqualTo(2);
        assertThat(
                        failure(
                                () ->
                                        ProcessorConfig.load(
                                                null,
                                                Map.of("RD_NUM_STANDBY_REPLICAS", "-1"),
                                                null)))
                .isEqualTo(
                        "Invalid configuration 'num.standby.replicas=-1' (from environment variable "
                                + "RD_NUM_STANDBY_REPLICAS): must be between 0 and 32");
    }

    @Test
    void laterLayersWinFileThenEnvironmentThenOverrides() throws IOException {
        Path f = file("window.grace=P1D", "http.port=9001", "topics.prefix=file.");
        ProcessorConfig c =
                ProcessorConfig.load(
                        f,
                        Map.of("RD_HTTP_PORT", "9002", "RD_TOPICS_PREFIX", "env."),
                        props("topics.prefix", "flag."));
        assertThat(c.grace()).isEqualTo(Duration.ofDays(1));
        assertThat(c.httpPort()).isEqualTo(9002);
        assertThat(c.topicPrefix()).isEqualTo("flag.");
    }

    @Test
    void everyDeclaredKeyHasOneDefaultAndEveryDefaultIsDeclared() throws IOException {
        Properties processor = resource(ProcessorConfig.DEFAULTS_RESOURCE);
        Properties analytics = resource(AnalyticsConfig.DEFAULTS_RESOURCE);
        // the keys of report rows (assets, buckets, labels) have their defaults in flow-model
        Properties breakdownKeys = resource(BreakdownKeys.DEFAULTS_RESOURCE);
        assertThat(breakdownKeys.stringPropertyNames())
                .doesNotContainAnyElementsOf(processor.stringPropertyNames())
                .doesNotContainAnyElementsOf(analytics.stringPropertyNames());
        breakdownKeys.stringPropertyNames().forEach(k -> analytics.put(k, breakdownKeys.get(k)));
        Set<String> overlap = new TreeSet<>(processor.stringPropertyNames());
        overlap.retainAll(analytics.stringPropertyNames());
        assertThat(overlap).as("keys with a default in both files").isEmpty();

        Set<String> fixedDefaults = new TreeSet<>(processor.stringPropertyNames());
        analytics.stringPropertyNames().stream()
                .filter(k -> ProcessorConfig.KEYS.families().stream().noneMatch(f -> f.contains(k)))
                .forEach(fixedDefaults::add);
        assertThat(fixedDefaults).isEqualTo(new TreeSet<>(ProcessorConfig.KEYS.keys()));
        assertThat(ProcessorConfig.PROCESSOR_KEYS.keys())
                .containsExactlyInAnyOrderElementsOf(processor.stringPropertyNames());
    }

    private static Properties resource(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ProcessorConfig.class.getResourceAsStream(name)) {
            p.load(in);
        }
        return p;
    }

    @Nested
    class UnknownKeys {

        @Test
        void aMisspelledOverrideIsNamedWithTheNearestKey() {
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null, Map.of(), props("window.grase", "P1D"))))
                    .isEqualTo(
                            "Unknown configuration key 'window.grase' (from -D). Did you mean 'window.grace'?");
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null,
                                                    Map.of(),
                                                    props("rule.rotation.min-leaving", "1"))))
                    .isEqualTo(
                            "Unknown configuration key 'rule.rotation.min-leaving' (from -D). "
                                    + "Did you mean 'rule.rotation.min-leaving-usd'?");
        }

        @Test
        void aMisspelledKeyInTheConfigFileNamesTheFile() throws IOException {
            Path f = file("# a comment", "window.size=P7D", "confidence.single-source-capp=0.5");
            assertThat(failure(() -> ProcessorConfig.load(f, Map.of(), null)))
                    .isEqualTo(
                            "Unknown configuration key 'confidence.single-source-capp' (from --config "
                                    + f
                                    + "). Did you mean 'confidence.single-source-cap'?");
        }

        @Test
        void aMisspelledEnvironmentVariableSuggestsTheVariableToUse() {
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null, Map.of("RD_WINDOW_GRASE", "P1D"), null)))
                    .isEqualTo(
                            "Unknown configuration key 'window.grase' (from environment variable RD_WINDOW_GRASE). "
                                    + "Did you mean 'window.grace' (RD_WINDOW_GRACE)?");
        }

        @Test
        void aKeyFarFromEveryKnownOneSaysWhereTheKeysAreListed() {
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null,
                                                    Map.of(),
                                                    props("bootstrap.servers", "localhost:9092"))))
                    .isEqualTo(
                            "Unknown configuration key 'bootstrap.servers' (from -D). The known keys are listed in "
                                    + "processor-defaults.properties and analytics-defaults.properties.");
        }

        @Test
        void aMisspelledFamilyPrefixSuggestsTheFamilyMember() {
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null, Map.of(), props("group.defi", "LINK"))))
                    .endsWith("Did you mean 'groups.defi'?");
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null,
                                                    Map.of(),
                                                    props("level.BTC-USD", "90000"))))
                    .endsWith("Did you mean 'levels.BTC-USD'?");
        }

        @Test
        void familiesAreOpenButTheirValuesAreChecked() {
            ProcessorConfig c =
                    ProcessorConfig.load(
                            null,
                            Map.of(),
                            props(
                                    "groups.defi",
                                    "LINK",
                                    "levels.ETH-USD",
                                    "3000",
                                    "instrument.BTC",
                                    "XBT-USD"));
            assertThat(c.analytics().groups().group("defi")).containsExactly("LINK");
            assertThat(c.analytics().levels().of("ETH-USD")).containsExactly(3000.0);
            assertThat(c.analytics().assets().instrumentFor("BTC")).isEqualTo("XBT-USD");
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null,
                                                    Map.of(),
                                                    props("levels.ETH-USD", "3000,abc"))))
                    .isEqualTo(
                            "Invalid configuration 'levels.ETH-USD=3000,abc' (from -D): must be a number");
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null, Map.of(), props("groups.", "LINK"))))
                    .startsWith(
                            "Invalid configuration 'groups.=' (from -D): a name must follow 'groups.'");
        }

        @Test
        void streamsKeysPassThroughUnchecked() {
            ProcessorConfig c =
                    ProcessorConfig.load(
                            null,
                            Map.of("RD_STREAMS_NUM_STANDBY_REPLICAS", "1"),
                            props(
                                    "streams.max.poll.records",
                                    "100",
                                    "streams.anything.at.all",
                                    "x"));
            assertThat(c.streamsOverrides())
                    .containsOnly(
                            Map.entry("num.standby.replicas", "1"),
                            Map.entry("max.poll.records", "100"),
                            Map.entry("anything.at.all", "x"));
        }
    }

    @Nested
    class Environment {

        @Test
        void variablesNameKeysWithDotsAndHyphensAsUnderscores() {
            ProcessorConfig c =
                    ProcessorConfig.load(
                            null,
                            Map.of(
                                    "RD_WINDOW_GRACE", "P2D",
                                    "RD_RULE_ROTATION_MIN_LEAVING_USD", "75000000",
                                    "RD_HEALTH_REBALANCING_GRACE", "PT90S"),
                            null);
            assertThat(c.grace()).isEqualTo(Duration.ofDays(2));
            assertThat(c.analytics().rotation().minLeavingUsd()).isEqualTo(75e6);
            assertThat(c.rebalancingGrace()).isEqualTo(Duration.ofSeconds(90));
        }

        @Test
        void familyVariablesOverrideExistingMembersOrNameNewOnes() {
            ProcessorConfig c =
                    ProcessorConfig.load(
                            null,
                            Map.of(
                                    "RD_LEVELS_BTC_USD", "90000,100000",
                                    "RD_LEVELS_ETH_USD", "3000",
                                    "RD_GROUPS_HIGH_BETA", "SOL,XRP",
                                    "RD_GROUPS_LAYER_TWO", "DOT",
                                    "RD_INSTRUMENT_SHORT_BTC", "BTC-USD"),
                            null);
            assertThat(c.analytics().levels().of("BTC-USD")).containsExactly(90000.0, 100000.0);
            assertThat(c.analytics().levels().of("ETH-USD")).containsExactly(3000.0);
            assertThat(c.analytics().groups().group("high-beta")).containsExactly("SOL", "XRP");
            assertThat(c.analytics().groups().group("layer-two")).containsExactly("DOT");
            assertThat(c.analytics().assets().instrumentFor("SHORT_BTC")).isEqualTo("BTC-USD");
        }

        @Test
        void onlyRdVariablesAreReadAndTheLoggingOnesAreLeftToTheLogging() {
            ProcessorConfig c =
                    ProcessorConfig.load(
                            null,
                            Map.of(
                                    "PATH",
                                    "/usr/bin",
                                    "KAFKA_BOOTSTRAP_SERVERS",
                                    "h:9092",
                                    "RD_LOG_LEVEL",
                                    "DEBUG",
                                    "RD_KAFKA_LOG_LEVEL",
                                    "INFO",
                                    "RD_WEBHOOK_SECRET",
                                    "notify's, not a setting"),
                            null);
            assertThat(c).isEqualTo(ProcessorConfig.load(null));
        }

        @Test
        void anEnvironmentVariableNameMatchesOnlyOneKey() {
            Set<String> variables = new TreeSet<>();
            ProcessorConfig.KEYS
                    .keys()
                    .forEach(
                            k ->
                                    assertThat(variables.add(KeyCatalog.environmentName(k)))
                                            .as("variable of %s", k)
                                            .isTrue());
            for (SettingFamily<?> f : ProcessorConfig.KEYS.families()) {
                String familyVariables = KeyCatalog.environmentName(f.prefix());
                assertThat(variables)
                        .as("variables of %s", f)
                        .noneMatch(v -> v.startsWith(familyVariables));
            }
        }
    }

    @Nested
    class InvalidValues {

        @Test
        void aValueThatDoesNotParseNamesTheKeyWhereItWasSetAndWhatIsExpected() throws IOException {
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null, Map.of(), props("window.grace", "P3X"))))
                    .isEqualTo(
                            "Invalid configuration 'window.grace=P3X' (from -D): must be an ISO-8601 duration such as P7D or PT1H");
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null, Map.of("RD_HTTP_PORT", "eighty"), null)))
                    .isEqualTo(
                            "Invalid configuration 'http.port=eighty' (from environment variable RD_HTTP_PORT): must be a whole number");
            Path f = file("rule.derisking.require-volume=yes");
            assertThat(failure(() -> ProcessorConfig.load(f, Map.of(), null)))
                    .isEqualTo(
                            "Invalid configuration 'rule.derisking.require-volume=yes' (from --config "
                                    + f
                                    + "): must be true or false");
        }

        @Test
        void aValueOutOfRangeNamesTheKeyAndWhereItWasSet() {
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null, Map.of("RD_HTTP_PORT", "70000"), null)))
                    .isEqualTo(
                            "Invalid configuration 'http.port=70000' (from environment variable RD_HTTP_PORT): "
                                    + "must be between 0 and 65535");
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null,
                                                    Map.of(),
                                                    props("rule.concentration.share", "1.5"))))
                    .isEqualTo(
                            "Invalid configuration 'rule.concentration.share=1.5' (from -D): must be between 0 and 1");
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null, Map.of(), props("window.grace", "-P1D"))))
                    .isEqualTo(
                            "Invalid configuration 'window.grace=PT-24H' (from -D): must not be negative");
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null, Map.of(), props("window.size", "PT0S"))))
                    .isEqualTo(
                            "Invalid configuration 'window.size=PT0S' (from -D): must be a positive duration");
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null,
                                                    Map.of(),
                                                    props("processing.guarantee", "exactly_once"))))
                    .isEqualTo(
                            "Invalid configuration 'processing.guarantee=exactly_once' (from -D): "
                                    + "must be exactly_once_v2 or at_least_once");
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null, Map.of(), props("application.id", " "))))
                    .isEqualTo(
                            "Invalid configuration 'application.id=' (from -D): must not be empty");
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null,
                                                    Map.of(),
                                                    props("topics.retention.ms", "-2"))))
                    .startsWith(
                            "Invalid configuration 'topics.retention.ms=-2' (from -D): must be -1");
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null,
                                                    Map.of(),
                                                    props("topics.replication.factor", "0"))))
                    .isEqualTo(
                            "Invalid configuration 'topics.replication.factor=0' (from -D): must be between 1 and 100");
        }

        @Test
        void aCheckAcrossKeysNamesTheKeyThatWasSet() {
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null,
                                                    Map.of(),
                                                    props("history.min-windows", "20"))))
                    .isEqualTo(
                            "Invalid configuration 'history.min-windows=20' (from -D): "
                                    + "must be between 1 and history.windows (12)");
            assertThat(
                            failure(
                                    () ->
                                            ProcessorConfig.load(
                                                    null,
                                                    Map.of(),
                                                    props("groups.high-beta", "SOL,NOTACOIN"))))
                    .isEqualTo(
                            "Invalid configuration 'groups.high-beta=SOL,NOTACOIN' (from -D): "
                                    + "unknown asset NOTACOIN (add it to assets.known)");
        }

        @Test
        void anUnreadableConfigFileIsOneLine() {
            Path missing = dir.resolve("nope.properties");
            assertThat(failure(() -> ProcessorConfig.load(missing, Map.of(), null)))
                    .isEqualTo(
                            "Cannot read the configuration file '" + missing + "': no such file");
        }
    }

    @Test
    void aRecordBuiltDirectlyIsValidatedToo() {
        ProcessorConfig d = ProcessorConfig.load(null);
        assertThatThrownBy(
                        () ->
                                new ProcessorConfig(
                                        d.applicationId(),
                                        d.windowSize(),
                                        d.grace(),
                                        d.idleTimeout(),
                                        d.updateInterval(),
                                        d.reportSettleTimeout(),
                                        d.processingGuarantee(),
                                        0,
                                        d.standbyReplicas(),
                                        d.stateDir(),
                                        d.commitIntervalMs(),
                                        d.httpBind(),
                                        d.httpPort(),
                                        d.signalsRetentionWindows(),
                                        d.topicPrefix(),
                                        d.inputPartitions(),
                                        d.replicationFactor(),
                                        d.topicRetentionMs(),
                                        d.rebalancingGrace(),
                                        Map.of(),
                                        d.analytics()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "Invalid configuration 'num.stream.threads=0': must be between 1 and 64");
    }
}
