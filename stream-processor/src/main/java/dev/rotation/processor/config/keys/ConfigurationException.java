package dev.rotation.processor.config.keys;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * A mistake in the configuration, told in one line: the key, where it was set ({@code -D}, the
 * {@code --config} file, an {@code RD_*} environment variable) and what a valid value looks like,
 * or, for an unknown key, the nearest known one. Commands print {@link #getMessage()} and exit
 * non-zero; no stack trace is needed to act on it.
 */
public final class ConfigurationException extends IllegalArgumentException {

    private final String key;
    private final String subject;
    private final String origin;
    private final String detail;

    private ConfigurationException(String key, String subject, String origin, String detail) {
        super(subject + (origin == null ? "" : " (from " + origin + ")") + detail);
        this.key = key;
        this.subject = subject;
        this.origin = origin;
        this.detail = detail;
    }

    /**
     * A value that does not parse or is out of range: {@code Invalid configuration 'key=value':
     * reason}.
     */
    public static ConfigurationException invalid(String key, Object value, String reason) {
        return new ConfigurationException(
                key,
                "Invalid configuration '" + key + "=" + text(value) + "'",
                null,
                ": " + reason);
    }

    /** A required key with no value at all (a defaults file without it is a build error). */
    public static ConfigurationException missing(String key) {
        return new ConfigurationException(
                key,
                "Missing configuration '" + key + "'",
                null,
                ": it has no value and no default");
    }

    /**
     * A key no setting declares.
     *
     * @param origin where it was set, e.g. {@code -D}
     * @param suggestion the nearest known key with how to write it there, or null
     */
    public static ConfigurationException unknownKey(String key, String origin, String suggestion) {
        String detail =
                suggestion != null
                        ? ". Did you mean " + suggestion + "?"
                        : ". The known keys are listed in processor-defaults.properties and analytics-defaults.properties.";
        return new ConfigurationException(
                key, "Unknown configuration key '" + key + "'", origin, detail);
    }

    /** The {@code --config} file cannot be read. */
    public static ConfigurationException unreadableFile(Path file, String why) {
        return new ConfigurationException(
                null, "Cannot read the configuration file '" + file + "'", null, ": " + why);
    }

    /** The key the message is about, or null when it is about no single key. */
    public String key() {
        return key;
    }

    /** Where the offending value was set, or null when it is a default (or not known). */
    public String origin() {
        return origin;
    }

    /**
     * The same mistake, saying where the value came from; unchanged when that is already said or
     * unknown.
     */
    public ConfigurationException from(String valueOrigin) {
        if (valueOrigin == null || origin != null) {
            return this;
        }
        ConfigurationException e = new ConfigurationException(key, subject, valueOrigin, detail);
        e.setStackTrace(getStackTrace());
        return e;
    }

    private static String text(Object value) {
        if (value instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
