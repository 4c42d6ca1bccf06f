package dev.rotation.producers.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads 500ms, 30s, 5m, 2h, 1d, or ISO-8601 (PT30S). */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default ->
                        throw new TypeConversionException(
                                "'"
                                        + value
                                        + "' is not a duration (e.g. 500ms, 30s, 5m, 1h, 1d, PT30S)");
            };
        } catch (RuntimeException e) {
            if (e instanceof TypeConversionException t) {
                throw t;
            }
            throw new TypeConversionException(
                    "'" + value + "' is not a duration (e.g. 500ms, 30s, 5m, 1h, 1d, PT30S)");
        }
    }
}
