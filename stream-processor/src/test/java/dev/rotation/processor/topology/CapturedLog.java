package dev.rotation.processor.topology;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The WARN (and worse) lines one class logs while open, for tests that check what an operator is
 * told. Close it to detach.
 */
public final class CapturedLog implements AutoCloseable {
    private final String logger;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;

    public CapturedLog(Class<?> source) {
        this(source.getName());
    }

    /** The lines of the named logger (a class's full name). */
    public CapturedLog(String loggerName) {
        this.logger = loggerName;
        this.appender =
                new AbstractAppender("captured-" + logger, null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                            warnings.add(event.getMessage().getFormattedMessage());
                        }
                    }
                };
        appender.start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        LoggerConfig config = new LoggerConfig(logger, Level.INFO, true);
        config.addAppender(appender, Level.WARN, null);
        ctx.getConfiguration().addLogger(logger, config);
        ctx.updateLoggers();
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().removeLogger(logger);
        ctx.updateLoggers();
        appender.stop();
    }
}
