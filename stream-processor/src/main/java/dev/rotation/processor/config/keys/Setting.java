package dev.rotation.processor.config.keys;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One configuration key and its type, declared once, beside the record that holds its value. Its
 * default comes from a defaults properties file ({@code processor-defaults.properties} or {@code
 * analytics-defaults.properties}). {@link #parse} turns the text into the typed value; the {@code
 * require…} checks are for the record's constructor, so a value out of range fails with a message
 * that names this key however the record was built.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    /**
     * Text to value; throws {@link IllegalArgumentException} whose message says what a valid value
     * looks like.
     */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text);
    }

    private final String key;
    private final Parser<T> parser;

    private Setting(String key, Parser<T> parser) {
        this.key = Objects.requireNonNull(key, "key");
        this.parser = parser;
    }

    /** Non-empty text, trimmed. */
    public static Setting<String> text(String key) {
        return new Setting<>(key, Setting::nonEmpty);
    }

    /** Text that may be empty, trimmed (an empty topic prefix, say). */
    public static Setting<String> optionalText(String key) {
        return new Setting<>(key, t -> t);
    }

    public static Setting<Integer> integer(String key) {
        return new Setting<>(key, Setting::parseInt);
    }

    public static Setting<Long> longInteger(String key) {
        return new Setting<>(
                key,
                t -> {
                    try {
                        return Long.parseLong(t);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("must be a whole number");
                    }
                });
    }

    /** A finite decimal number. */
    public static Setting<Double> decimal(String key) {
        return new Setting<>(key, Setting::parseDecimal);
    }

    /** {@code true} or {@code false}, in any case. */
    public static Setting<Boolean> bool(String key) {
        return new Setting<>(
                key,
                t ->
                        switch (t.toLowerCase(Locale.ROOT)) {
                            case "true" -> true;
                            case "false" -> false;
                            default -> throw new IllegalArgumentException("must be true or false");
                        });
    }

    /** An ISO-8601 duration: {@code P7D}, {@code PT1H}, {@code PT0.05S}. */
    public static Setting<Duration> duration(String key) {
        return new Setting<>(
                key,
                t -> {
                    try {
                        return Duration.parse(t);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException(
                                "must be an ISO-8601 duration such as P7D or PT1H");
                    }
                });
    }

    public static Setting<Path> path(String key) {
        return new Setting<>(key, t -> Path.of(nonEmpty(t)));
    }

    /** Comma-separated items, trimmed, empty items dropped; the list may be empty. */
    public static Setting<List<String>> list(String key) {
        return new Setting<>(key, Setting::parseList);
    }

    public String key() {
        return key;
    }

    /**
     * The typed value of a setting's text (trimmed first).
     *
     * @throws ConfigurationException naming the key when the text is not a value of this type
     */
    public T parse(String text) {
        String t = text == null ? "" : text.trim();
        try {
            return parser.parse(t);
        } catch (IllegalArgumentException e) {
            throw invalid(t, e.getMessage());
        }
    }

    /** A mistake in this key's value. */
    public ConfigurationException invalid(Object value, String reason) {
        return ConfigurationException.invalid(key, value, reason);
    }

    public double requireNonNegative(double v) {
        if (!(v >= 0)) {
            throw invalid(v, "must not be negative");
        }
        return v;
    }

    public double requirePositive(double v) {
        if (!(v > 0)) {
            throw invalid(v, "must be positive");
        }
        return v;
    }

    /** Between 0 and 1 inclusive: a share, a probability, a confidence. */
    public double requireFraction(double v) {
        if (!(v >= 0 && v <= 1)) {
            throw invalid(v, "must be between 0 and 1");
        }
        return v;
    }

    public int requireBetween(int v, int min, int max) {
        if (v < min || v > max) {
            throw invalid(v, "must be between " + min + " and " + max);
        }
        return v;
    }

    public int requireAtLeast(int v, int min) {
        if (v < min) {
            throw invalid(v, "must be at least " + min);
        }
        return v;
    }

    public Duration requirePositive(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw invalid(d, "must be a positive duration");
        }
        return d;
    }

    public Duration requireNonNegative(Duration d) {
        if (d == null || d.isNegative()) {
            throw invalid(d, "must not be negative");
        }
        return d;
    }

    public String requireText(String s) {
        if (s == null || s.isBlank()) {
            throw invalid(s == null ? "" : s, "must not be empty");
        }
        return s;
    }

    @Override
    public String toString() {
        return key;
    }

    static String nonEmpty(String t) {
        if (t.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return t;
    }

    static int parseInt(String t) {
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
    }

    static double parseDecimal(String t) {
        double d;
        try {
            d = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number");
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("must be a finite number");
        }
        return d;
    }

    static List<String> parseList(String t) {
        List<String> out = new ArrayList<>();
        for (String s : t.split(",")) {
            String item = s.trim();
            if (!item.isEmpty()) {
                out.add(item);
            }
        }
        return List.copyOf(out);
    }
}
