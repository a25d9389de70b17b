package org.postroom.testing;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

/**
 * Records the log of a test, for assertions on what was logged. Register it with {@code
 * @RegisterExtension}. (That nothing was logged at ERROR, every test checks: {@link
 * NoErrorsLogged}.) It records what the loggers' levels let through: a module's {@code
 * logback-test.xml} decides those. A fuzz target, whose one test method runs many inputs, takes
 * one per input instead: {@link #started()} in a try-with-resources.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    private static final int FRAMES = 4;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** A capture recording from now until it is closed. */
    public static LogCapture started() {
        LogCapture capture = new LogCapture();
        capture.start();
        return capture;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        root().detachAppender(appender);
    }

    private void start() {
        synchronized (appender) {
            appender.list.clear();
        }
        appender.start();
        root().addAppender(appender);
    }

    /** The messages logged so far by {@code loggerName}. */
    public List<String> messages(String loggerName) {
        return logged().stream().filter(event -> event.getLoggerName().equals(loggerName))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /**
     * The lines logged so far with a stack trace, at any level, each with the first frames of its
     * causes. Bad input from a client is answered and logged in one line, never with a trace: a
     * test of such input asserts this is empty.
     */
    public List<String> stackTraces() {
        return logged().stream().filter(event -> event.getThrowableProxy() != null).map(LogCapture::describe)
                .toList();
    }

    /** A copy, taken under the appender's lock: other threads may be logging. */
    private List<ILoggingEvent> logged() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    private static String describe(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + ": "
                + event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            line.append("\n  ").append(cause.getClassName()).append(": ").append(cause.getMessage());
            var frames = cause.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
                line.append("\n    ").append(frames[i].getSTEAsString());
            }
        }
        return line.toString();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
