package dev.rotation.processor.config;

import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.WindowCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The processor's configuration, typed and loaded in one place: defaults from
 * {@code processor-defaults.properties}, then a properties file, then {@code RD_*} environment
 * variables, then explicit overrides (flags). A missing or invalid value fails at start-up with
 * a message that names the key. Keys prefixed {@code streams.} pass through to Kafka Streams.
 */
public record ProcessorConfig(
        String applicationId,
        Duration windowSize,
        Duration grace,
        Duration idleTimeout,
        Duration updateInterval,
        String processingGuarantee,
        int streamThreads,
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

    private static final Set<String> KEYS = Set.of("application.id", "window.size", "window.grace", "window.idle.timeout",
            "window.update.interval", "processing.guarantee", "num.stream.threads", "state.dir", "commit.interval.ms", "http.bind", "http.port",
            "signals.retention.windows", "topics.prefix", "topics.input.partitions", "topics.replication.factor", "topics.retention.ms",
            "health.rebalancing.grace");

    public ProcessorConfig {
        streamsOverrides = Map.copyOf(streamsOverrides);
    }

    public WindowCalendar calendar() {
        return WindowCalendar.of(windowSize);
    }

    /** Defaults only (plus the given overrides). */
    public static ProcessorConfig load(Properties overrides) {
        return load(null, Map.of(), overrides);
    }

    /**
     * @param file optional properties file
     * @param env environment variables; {@code RD_FOO_BAR} sets {@code foo.bar}
     * @param overrides highest precedence (flags)
     */
    public static ProcessorConfig load(Path file, Map<String, String> env, Properties overrides) {
        Properties p = new Properties();
        try (InputStream in = ProcessorConfig.class.getResourceAsStream("/processor-defaults.properties")) {
            if (in == null) {
                throw new IllegalStateException("processor-defaults.properties missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read processor-defaults.properties", e);
        }
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read configuration file " + file + ": " + e.getMessage(), e);
            }
        }
        env.forEach((k, v) -> {
            if (k.startsWith("RD_")) {
                p.setProperty(k.substring(3).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        if (overrides != null) {
            overrides.stringPropertyNames().forEach(k -> p.setProperty(k, overrides.getProperty(k)));
        }
        Map<String, String> streams = new TreeMap<>();
        Properties analytics = new Properties();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("streams.")) {
                streams.put(k.substring("streams.".length()), p.getProperty(k));
            } else if (!KEYS.contains(k)) {
                analytics.setProperty(k, p.getProperty(k));
            }
        }
        Duration size = duration(p, "window.size");
        if (size.isZero() || size.isNegative()) {
            throw new IllegalArgumentException("Configuration 'window.size' must be positive, got " + size);
        }
        String guarantee = string(p, "processing.guarantee");
        if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once")) {
            throw new IllegalArgumentException("Configuration 'processing.guarantee' must be exactly_once_v2 or at_least_once, got '" + guarantee + "'");
        }
        return new ProcessorConfig(
                string(p, "application.id"),
                size,
                duration(p, "window.grace"),
                duration(p, "window.idle.timeout"),
                nonNegative(duration(p, "window.update.interval"), "window.update.interval"),
                guarantee,
                integer(p, "num.stream.threads", 1, 64),
                Path.of(string(p, "state.dir")),
                integer(p, "commit.interval.ms", 1, Integer.MAX_VALUE),
                string(p, "http.bind"),
                integer(p, "http.port", 0, 65535),
                integer(p, "signals.retention.windows", 1, 10_000),
                p.getProperty("topics.prefix", "").trim(),
                integer(p, "topics.input.partitions", 1, 10_000),
                (short) integer(p, "topics.replication.factor", 1, 100),
                retention(p, "topics.retention.ms"),
                duration(p, "health.rebalancing.grace"),
                streams,
                AnalyticsConfig.load(analytics));
    }

    private static Duration nonNegative(Duration d, String key) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("Configuration '" + key + "' must not be negative, got " + d);
        }
        return d;
    }

    private static String string(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("Missing required configuration '" + key + "'");
        }
        return v.trim();
    }

    private static int integer(Properties p, String key, int min, int max) {
        String v = string(p, key);
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new IllegalArgumentException("Configuration '" + key + "' must be between " + min + " and " + max + ", got " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Configuration '" + key + "' must be an integer, got '" + v + "'", e);
        }
    }

    private static long retention(Properties p, String key) {
        String v = string(p, key);
        try {
            long ms = Long.parseLong(v);
            if (ms < -1) {
                throw new IllegalArgumentException("Configuration '" + key + "' must be -1 (keep everything) or a number of milliseconds, got " + ms);
            }
            return ms;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Configuration '" + key + "' must be -1 or a number of milliseconds, got '" + v + "'", e);
        }
    }

    private static Duration duration(Properties p, String key) {
        String v = string(p, key);
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Configuration '" + key + "' must be an ISO-8601 duration such as P7D or PT1H, got '" + v + "'", e);
        }
    }
}
