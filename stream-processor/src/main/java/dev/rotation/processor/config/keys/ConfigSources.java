package dev.rotation.processor.config.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the configuration's layers, each over the one before: the defaults files on the classpath,
 * the {@code --config} file, {@code RD_*} environment variables, then explicit overrides ({@code -D
 * key=value}). Every key of the last three must be in the {@link KeyCatalog}; the first unknown one
 * fails with where it was set and the nearest known key.
 */
public final class ConfigSources {

    /** Origin of the explicit overrides in messages. */
    public static final String OVERRIDES = "-D";

    /**
     * {@code RD_*} variables that are not settings: the logging configuration ({@code log4j2.xml}
     * of the app and the benchmarks) reads them itself.
     */
    public static final Set<String> LOGGING_VARIABLES =
            Set.of("RD_LOG_LEVEL", "RD_KAFKA_LOG_LEVEL");

    /**
     * {@code RD_*} variables that other commands read, not settings: {@code notify}'s webhook
     * secret, which may be set in the same environment as the processor.
     */
    public static final Set<String> OTHER_COMMAND_VARIABLES = Set.of("RD_WEBHOOK_SECRET");

    private final KeyCatalog catalog;
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> origins = new HashMap<>();

    private ConfigSources(KeyCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param defaultsResources classpath resources holding every declared key's default
     * @param file optional properties file ({@code --config})
     * @param environment the process environment; only {@code RD_*} variables are read
     * @param overrides optional explicit overrides, highest precedence
     * @throws ConfigurationException for an unknown key or an unreadable file
     */
    public static ConfigValues resolve(
            KeyCatalog catalog,
            List<String> defaultsResources,
            Path file,
            Map<String, String> environment,
            Properties overrides) {
        ConfigSources s = new ConfigSources(catalog);
        for (String resource : defaultsResources) {
            s.defaults(resource);
        }
        if (file != null) {
            s.layer(readFile(file), "--config " + file);
        }
        if (environment != null) {
            s.environment(environment);
        }
        if (overrides != null) {
            Map<String, String> o = new TreeMap<>();
            overrides.stringPropertyNames().forEach(k -> o.put(k.trim(), overrides.getProperty(k)));
            s.layer(o, OVERRIDES);
        }
        return new ConfigValues(s.values, s.origins);
    }

    private void defaults(String resource) {
        Properties p = new Properties();
        try (InputStream in = ConfigSources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
        for (String k : p.stringPropertyNames()) {
            if (!catalog.isKnown(k)) {
                throw new IllegalStateException(
                        resource + " sets '" + k + "', which no setting declares");
            }
            values.put(k, p.getProperty(k));
        }
    }

    private void layer(Map<String, String> layer, String origin) {
        for (Map.Entry<String, String> e : new TreeMap<>(layer).entrySet()) {
            String key = e.getKey();
            if (!catalog.isKnown(key)) {
                throw ConfigurationException.unknownKey(
                        key,
                        origin,
                        catalog.nearest(key, presentKeys()).map(k -> "'" + k + "'").orElse(null));
            }
            values.put(key, e.getValue());
            origins.put(key, origin);
        }
    }

    private void environment(Map<String, String> environment) {
        Set<String> present = presentKeys();
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            String variable = e.getKey();
            if (!variable.startsWith(KeyCatalog.ENVIRONMENT_PREFIX)
                    || LOGGING_VARIABLES.contains(variable)
                    || OTHER_COMMAND_VARIABLES.contains(variable)) {
                continue;
            }
            String origin = "environment variable " + variable;
            Optional<String> key = catalog.keyForEnvironmentVariable(variable, present);
            if (key.isEmpty()) {
                throw ConfigurationException.unknownKey(
                        KeyCatalog.keyGuess(variable),
                        origin,
                        catalog.nearestEnvironmentVariable(variable, present)
                                .map(
                                        v ->
                                                "'"
                                                        + catalog.keyForEnvironmentVariable(
                                                                        v, present)
                                                                .orElseThrow()
                                                        + "' ("
                                                        + v
                                                        + ")")
                                .orElse(null));
            }
            values.put(key.get(), e.getValue());
            origins.put(key.get(), origin);
        }
    }

    private Set<String> presentKeys() {
        return new TreeSet<>(values.keySet());
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw ConfigurationException.unreadableFile(file, "no such file");
        } catch (MalformedInputException e) {
            throw ConfigurationException.unreadableFile(
                    file, "it is not UTF-8 text; save it as UTF-8 key=value lines");
        } catch (IOException e) {
            throw ConfigurationException.unreadableFile(file, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ConfigurationException.unreadableFile(
                    file, "it is not a properties file (" + e.getMessage() + ")");
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }
}
