package dev.armature.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Captures every line logged while it is open, at the level it was opened with, through a Logback
 * {@link ListAppender} on the root logger, which meanwhile writes nowhere else (a capture at TRACE
 * would flood the build's output); {@link #close()} restores the root's level and appenders.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent e) {
            // Reads the MDC, the thread's name and the message now, on the logging thread: they
            // are lazy, and read later they would be the test thread's.
            e.prepareForDeferredProcessing();
            super.append(e);
        }
    };
    private final Level previous;
    private final List<Appender<ILoggingEvent>> others = new ArrayList<>();

    private LogCapture(Level level) {
        previous = root.getLevel();
        root.iteratorForAppenders().forEachRemaining(others::add);
        others.forEach(root::detachAppender);
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
        root.setLevel(level);
    }

    /** Starts capturing the lines of a level and above. */
    public static LogCapture at(Level level) {
        return new LogCapture(level);
    }

    /** Returns the lines captured so far. */
    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** Returns the captured lines of one logger. */
    public List<ILoggingEvent> eventsOf(Class<?> logger) {
        return events().stream()
                .filter(e -> e.getLoggerName().equals(logger.getName()))
                .toList();
    }

    /**
     * Returns everything a binding could print of the captured lines: message, key-value pairs,
     * MDC, arguments and the whole chain of causes with their messages, one line after another.
     */
    public String everything() {
        return events().stream().map(LogCapture::render).collect(Collectors.joining("\n"));
    }

    private static String render(ILoggingEvent e) {
        StringBuilder out = new StringBuilder()
                .append(e.getLevel())
                .append(' ')
                .append(e.getLoggerName())
                .append(' ')
                .append(e.getFormattedMessage());
        if (e.getKeyValuePairs() != null) {
            e.getKeyValuePairs()
                    .forEach(kv -> out.append(' ').append(kv.key).append('=').append(kv.value));
        }
        out.append(' ').append(e.getMDCPropertyMap());
        if (e.getThrowableProxy() != null) {
            out.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
        }
        return out.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        root.setLevel(previous);
        others.forEach(root::addAppender);
    }
}
