package dev.rotation.processor.config;

import dev.rotation.model.labels.BreakdownKeys;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.WindowCalendar;
import dev.rotation.processor.config.keys.ConfigSources;
import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.ConfigurationException;
import dev.rotation.processor.config.keys.KeyCatalog;
import dev.rotation.processor.config.keys.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The processor's configuration, typed and loaded in one place, once: defaults from {@code
 * processor-defaults.properties} and {@code analytics-defaults.properties}, then a properties file
 * ({@code --config}), then {@code RD_*} environment variables, then explicit overrides ({@code -D
 * key=value}). An unknown key, a missing or an invalid value fails at start-up with a {@link
 * ConfigurationException} that names the key, where it was set, and for an unknown key the nearest
 * known one. Keys prefixed {@code streams.} pass through to Kafka Streams.
 *
 * <p>Each key is declared once, below, beside the component that holds it; the compact constructor
 * validates every component.
 */
public record ProcessorConfig(
        String applicationId,
        Duration windowSize,
        Duration grace,
        Duration idleTimeout,
        Duration updateInterval,
        Duration reportSettleTimeout,
        String processingGuarantee,
        int streamThreads,
        int standbyReplicas,
        Path stateDir,
        long commitIntervalMs,
        String httpBind,
        int httpPort,
        int signalsRetentionWindows,
        String topicPrefix,
        int inputPartitions,
        short replicationFactor,
        long topicRetentionMs,
        Duration rebalancingGrace,
        Map<String, String> streamsOverrides,
        AnalyticsConfig analytics) {

    public static final String DEFAULTS_RESOURCE = "/processor-defaults.properties";

    /** Keys under this prefix go to Kafka Streams unchecked, the prefix removed. */
    public static final String STREAMS_PREFIX = "streams.";

    public static final Setting<String> APPLICATION_ID = Setting.text("application.id");
    public static final Setting<Duration> WINDOW_SIZE = Setting.duration("window.size");
    public static final Setting<Duration> WINDOW_GRACE = Setting.duration("window.grace");
    public static final Setting<Duration> WINDOW_IDLE_TIMEOUT =
            Setting.duration("window.idle.timeout");
    public static final Setting<Duration> WINDOW_UPDATE_INTERVAL =
            Setting.duration("window.update.interval");
    public static final Setting<Duration> REPORT_SETTLE_TIMEOUT =
            Setting.duration("report.settle.timeout");
    public static final Setting<String> PROCESSING_GUARANTEE = Setting.text("processing.guarantee");
    public static final Setting<Integer> STREAM_THREADS = Setting.integer("num.stream.threads");

    /**
     * Kafka Streams' {@code num.standby.replicas}: how many other instances keep a warm copy of
     * each task's state, so that one taking over a failed instance's tasks restores only the tail
     * of the changelogs. 0 to 32; more than the instances minus one gains nothing.
     */
    public static final Setting<Integer> STANDBY_REPLICAS = Setting.integer("num.standby.replicas");

    public static final Setting<Path> STATE_DIR = Setting.path("state.dir");
    public static final Setting<Integer> COMMIT_INTERVAL_MS = Setting.integer("commit.interval.ms");
    public static final Setting<String> HTTP_BIND = Setting.text("http.bind");
    public static final Setting<Integer> HTTP_PORT = Setting.integer("http.port");
    public static final Setting<Integer> SIGNALS_RETENTION_WINDOWS =
            Setting.integer("signals.retention.windows");
    public static final Setting<String> TOPICS_PREFIX = Setting.optionalText("topics.prefix");
    public static final Setting<Integer> TOPICS_INPUT_PARTITIONS =
            Setting.integer("topics.input.partitions");
    public static final Setting<Integer> TOPICS_REPLICATION_FACTOR =
            Setting.integer("topics.replication.factor");
    public static final Setting<Long> TOPICS_RETENTION_MS =
            Setting.longInteger("topics.retention.ms");
    public static final Setting<Duration> HEALTH_REBALANCING_GRACE =
            Setting.duration("health.rebalancing.grace");

    private static final Set<String> GUARANTEES = Set.of("exactly_once_v2", "at_least_once");

    /** The processor's own keys (the analytics' are {@link AnalyticsConfig#KEYS}). */
    public static final KeyCatalog PROCESSOR_KEYS =
            KeyCatalog.of(
                    List.of(
                            APPLICATION_ID,
                            WINDOW_SIZE,
                            WINDOW_GRACE,
                            WINDOW_IDLE_TIMEOUT,
                            WINDOW_UPDATE_INTERVAL,
                            REPORT_SETTLE_TIMEOUT,
                            PROCESSING_GUARANTEE,
                            STREAM_THREADS,
                            STANDBY_REPLICAS,
                            STATE_DIR,
                            COMMIT_INTERVAL_MS,
                            HTTP_BIND,
                            HTTP_PORT,
                            SIGNALS_RETENTION_WINDOWS,
                            TOPICS_PREFIX,
                            TOPICS_INPUT_PARTITIONS,
                            TOPICS_REPLICATION_FACTOR,
                            TOPICS_RETENTION_MS,
                            HEALTH_REBALANCING_GRACE),
                    List.of(),
                    List.of(STREAMS_PREFIX));

    /** Every key {@code process} accepts. */
    public static final KeyCatalog KEYS = PROCESSOR_KEYS.plus(AnalyticsConfig.KEYS);

    public ProcessorConfig {
        APPLICATION_ID.requireText(applicationId);
        WINDOW_SIZE.requirePositive(windowSize);
        WINDOW_GRACE.requireNonNegative(grace);
        WINDOW_IDLE_TIMEOUT.requireNonNegative(idleTimeout);
        WINDOW_UPDATE_INTERVAL.requireNonNegative(updateInterval);
        REPORT_SETTLE_TIMEOUT.requireNonNegative(reportSettleTimeout);
        if (!GUARANTEES.contains(processingGuarantee)) {
            throw PROCESSING_GUARANTEE.invalid(
                    processingGuarantee, "must be exactly_once_v2 or at_least_once");
        }
        STREAM_THREADS.requireBetween(streamThreads, 1, 64);
        STANDBY_REPLICAS.requireBetween(standbyReplicas, 0, 32);
        Objects.requireNonNull(stateDir, "stateDir");
        if (commitIntervalMs < 1) {
            throw COMMIT_INTERVAL_MS.invalid(commitIntervalMs, "must be at least 1");
        }
        HTTP_BIND.requireText(httpBind);
        HTTP_PORT.requireBetween(httpPort, 0, 65535);
        SIGNALS_RETENTION_WINDOWS.requireBetween(signalsRetentionWindows, 1, 10_000);
        topicPrefix = Objects.requireNonNullElse(topicPrefix, "");
        TOPICS_INPUT_PARTITIONS.requireBetween(inputPartitions, 1, 10_000);
        TOPICS_REPLICATION_FACTOR.requireBetween(replicationFactor, 1, 100);
        if (topicRetentionMs < -1) {
            throw TOPICS_RETENTION_MS.invalid(
                    topicRetentionMs, "must be -1 (keep everything) or a number of milliseconds");
        }
        HEALTH_REBALANCING_GRACE.requireNonNegative(rebalancingGrace);
        streamsOverrides = Map.copyOf(streamsOverrides);
        Objects.requireNonNull(analytics, "analytics");
    }

    public WindowCalendar calendar() {
        return WindowCalendar.of(windowSize);
    }

    /** Defaults only (plus the given overrides). */
    public static ProcessorConfig load(Properties overrides) {
        return load(null, Map.of(), overrides);
    }

    /**
     * @param file optional properties file ({@code --config})
     * @param env the environment; {@code RD_WINDOW_GRACE} sets {@code window.grace} (upper case,
     *     dots and hyphens as underscores); other variables are ignored
     * @param overrides highest precedence ({@code -D key=value} and flags)
     * @throws ConfigurationException naming the key for an unknown key, a missing or an invalid
     *     value, or an unreadable file
     */
    public static ProcessorConfig load(Path file, Map<String, String> env, Properties overrides) {
        ConfigValues v =
                ConfigSources.resolve(
                        KEYS,
                        List.of(
                                DEFAULTS_RESOURCE,
                                AnalyticsConfig.DEFAULTS_RESOURCE,
                                BreakdownKeys.DEFAULTS_RESOURCE),
                        file,
                        env,
                        overrides);
        AnalyticsConfig analytics = AnalyticsConfig.from(v);
        return v.build(
                () ->
                        new ProcessorConfig(
                                v.get(APPLICATION_ID),
                                v.get(WINDOW_SIZE),
                                v.get(WINDOW_GRACE),
                                v.get(WINDOW_IDLE_TIMEOUT),
                                v.get(WINDOW_UPDATE_INTERVAL),
                                v.get(REPORT_SETTLE_TIMEOUT),
                                v.get(PROCESSING_GUARANTEE),
                                v.get(STREAM_THREADS),
                                v.get(STANDBY_REPLICAS),
                                v.get(STATE_DIR),
                                v.get(COMMIT_INTERVAL_MS),
                                v.get(HTTP_BIND),
                                v.get(HTTP_PORT),
                                v.get(SIGNALS_RETENTION_WINDOWS),
                                v.get(TOPICS_PREFIX),
                                v.get(TOPICS_INPUT_PARTITIONS),
                                replicationFactor(v.get(TOPICS_REPLICATION_FACTOR)),
                                v.get(TOPICS_RETENTION_MS),
                                v.get(HEALTH_REBALANCING_GRACE),
                                v.passThrough(STREAMS_PREFIX),
                                analytics));
    }

    private static short replicationFactor(int n) {
        return (short) TOPICS_REPLICATION_FACTOR.requireBetween(n, 1, 100);
    }
}
