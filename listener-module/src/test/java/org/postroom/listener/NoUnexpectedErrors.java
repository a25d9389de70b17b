package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * Fails a test, even a green one, when anything was logged at ERROR, or Netty warned (an exception
 * that reached the end of a pipeline, a rejected task): a client's misbehaviour must be handled,
 * not end up as an error in the operator's log.
 */
final class NoUnexpectedErrors {

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    void watch() {
        events.list.clear();
        events.start();
        root().addAppender(events);
    }

    /** What {@code loggerName} logged so far, at any level. */
    List<String> messages(String loggerName) {
        return List.copyOf(events.list).stream().filter(event -> event.getLoggerName().equals(loggerName))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    void assertNoneLogged() {
        root().detachAppender(events);
        List<String> unexpected = events.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR)
                        || event.getLevel().isGreaterOrEqual(Level.WARN) && event.getLoggerName().startsWith("io.netty"))
                .map(event -> event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage())
                .toList();
        assertThat(unexpected).as("errors logged during the test").isEmpty();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
