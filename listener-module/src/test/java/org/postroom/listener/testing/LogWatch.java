package org.postroom.listener.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

/**
 * Watches the log while clients misbehave, at the levels the server runs with (James at INFO, its
 * connection handler at WARN, as the server's application.properties sets them), and fails when
 * a client's input made anything log at ERROR, log a stack trace at any level, or made Netty warn.
 * A bad client is answered and, where it matters, logged in one line; it is never an error of the
 * server's. Use it with try-with-resources and call {@link #assertClean()} at the end.
 */
public final class LogWatch implements AutoCloseable {

    private static final Map<String, Level> SERVER_LEVELS = Map.of(
            "org.apache.james", Level.INFO,
            "org.apache.james.protocols.netty.BasicChannelInboundHandler", Level.WARN,
            "org.postroom", Level.INFO);

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Map<Logger, Level> previous = new LinkedHashMap<>();

    private LogWatch() {
        SERVER_LEVELS.forEach((name, level) -> {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previous.put(logger, logger.getLevel());
            logger.setLevel(level);
        });
        events.start();
        root().addAppender(events);
    }

    public static LogWatch start() {
        return new LogWatch();
    }

    /** Fails with the offending lines (and the first lines of their stack traces) if there are any. */
    public void assertClean() {
        close();
        List<String> offending = List.copyOf(events.list).stream().filter(LogWatch::offends)
                .map(LogWatch::describe).limit(10).toList();
        assertThat(offending).as("errors, stack traces or Netty warnings logged while clients misbehaved").isEmpty();
    }

    /** What was logged by {@code loggerName}, at any level. */
    public List<String> messages(String loggerName) {
        return List.copyOf(events.list).stream().filter(event -> event.getLoggerName().equals(loggerName))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        root().detachAppender(events);
        previous.forEach(Logger::setLevel);
    }

    private static boolean offends(ILoggingEvent event) {
        return event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null
                || event.getLevel().isGreaterOrEqual(Level.WARN) && event.getLoggerName().startsWith("io.netty");
    }

    private static String describe(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + ": "
                + event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            line.append("\n  ").append(cause.getClassName()).append(": ").append(cause.getMessage());
            var frames = cause.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(4, frames.length); i++) {
                line.append("\n    ").append(frames[i].getSTEAsString());
            }
        }
        return line.toString();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
