package dev.rotation.processor.config.keys;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An open family of keys, {@code <prefix><name>} ({@code groups.<name>}, {@code
 * levels.<instrument>}, {@code instrument.<asset>}): any name is accepted, so a user can add a
 * group or watch a level without rebuilding; each value is typed and validated like a {@link
 * Setting}'s.
 *
 * <p>Environment variables cannot carry the case and hyphens of names, so each family says how the
 * rest of an {@code RD_<PREFIX>_…} variable becomes a name (see {@link #nameFromEnvironment}).
 *
 * @param <T> the type of each value
 */
public final class SettingFamily<T> {

    private final String prefix;
    private final Setting.Parser<T> parser;
    private final UnaryOperator<String> nameFromEnvironment;

    private SettingFamily(
            String prefix, Setting.Parser<T> parser, UnaryOperator<String> nameFromEnvironment) {
        if (!prefix.endsWith(".")) {
            throw new IllegalArgumentException("a family prefix ends with '.': " + prefix);
        }
        this.prefix = prefix;
        this.parser = parser;
        this.nameFromEnvironment =
                Objects.requireNonNull(nameFromEnvironment, "nameFromEnvironment");
    }

    /** Comma-separated lists under {@code prefix}. */
    public static SettingFamily<List<String>> list(
            String prefix, UnaryOperator<String> nameFromEnvironment) {
        return new SettingFamily<>(prefix, Setting::parseList, nameFromEnvironment);
    }

    /** Comma-separated finite numbers under {@code prefix}. */
    public static SettingFamily<List<Double>> decimals(
            String prefix, UnaryOperator<String> nameFromEnvironment) {
        return new SettingFamily<>(
                prefix,
                t -> Setting.parseList(t).stream().map(Setting::parseDecimal).toList(),
                nameFromEnvironment);
    }

    /** Non-empty text under {@code prefix}. */
    public static SettingFamily<String> text(
            String prefix, UnaryOperator<String> nameFromEnvironment) {
        return new SettingFamily<>(prefix, Setting::nonEmpty, nameFromEnvironment);
    }

    /** Names in lower case with hyphens: {@code RD_GROUPS_HIGH_BETA} names {@code high-beta}. */
    public static String lowerHyphenated(String envSuffix) {
        return envSuffix.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Names in upper case with hyphens: {@code RD_LEVELS_BTC_USD} names {@code BTC-USD}. */
    public static String upperHyphenated(String envSuffix) {
        return envSuffix.toUpperCase(Locale.ROOT).replace('_', '-');
    }

    /** Names as written, in upper case: {@code RD_INSTRUMENT_SHORT_BTC} names {@code SHORT_BTC}. */
    public static String upperCase(String envSuffix) {
        return envSuffix.toUpperCase(Locale.ROOT);
    }

    /** The prefix, with its trailing dot: {@code groups.}. */
    public String prefix() {
        return prefix;
    }

    public String key(String name) {
        return prefix + name;
    }

    /** Whether a key belongs to this family (its name is checked when it is read). */
    public boolean contains(String key) {
        return key.startsWith(prefix);
    }

    /** The name of a key of this family; a blank name is a mistake in that key. */
    public String name(String key) {
        String name = key.substring(prefix.length()).trim();
        if (name.isEmpty()) {
            throw ConfigurationException.invalid(
                    key, "", "a name must follow '" + prefix + "', e.g. " + prefix + "<name>");
        }
        return name;
    }

    /** The key an {@code RD_*} variable names, given the part after {@code RD_<PREFIX>_}. */
    String keyFromEnvironment(String envSuffix) {
        return prefix + nameFromEnvironment.apply(envSuffix);
    }

    /** The environment-variable prefix of this family: {@code RD_GROUPS_}. */
    String environmentPrefix() {
        return KeyCatalog.environmentName(prefix.substring(0, prefix.length() - 1)) + "_";
    }

    public T parse(String key, String text) {
        String t = text == null ? "" : text.trim();
        try {
            return parser.parse(t);
        } catch (IllegalArgumentException e) {
            throw ConfigurationException.invalid(key, t, e.getMessage());
        }
    }

    /** A mistake in the value of {@code <prefix><name>}. */
    public ConfigurationException invalid(String name, Object value, String reason) {
        return ConfigurationException.invalid(key(name), value, reason);
    }

    @Override
    public String toString() {
        return prefix + "<name>";
    }
}
