package dev.rotation.model.cli;

import java.util.Locale;

/**
 * The number format of the whole process, pinned by every command's {@code main}.
 *
 * <p>Alerts, caveats, console tables and logs are English text that desks and scripts read; with
 * the host's format locale, a German machine would print {@code 0,55} where the docs show {@code
 * 0.55}. Pinning the {@link Locale.Category#FORMAT} category to {@link Locale#US} makes every
 * {@code String.format} and {@code printf} write the same text on every host (display texts and
 * time zones are unaffected).
 *
 * <p>It is also the locale for which the JDK's {@link java.util.Formatter} skips building locale
 * symbols on every call; Kafka Streams 4.3 formats a readiness message with {@code String.format}
 * for every record a task with an empty input partition processes (docs/benchmarks.md).
 */
public final class ProcessLocale {
    private ProcessLocale() {}

    /** Sets the process's format locale to {@link Locale#US}; call first thing in {@code main}. */
    public static void pin() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
    }
}
