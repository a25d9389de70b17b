package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * Fails a test, even a green one, when anything was logged at ERROR while it ran: an unexpected
 * exception in a handler or in Netty is a bug even when the client got its reply.
 */
final class NoErrorsLogged implements BeforeEachCallback, AfterEachCallback {

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        events.list.clear();
        events.start();
        root().addAppender(events);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        root().detachAppender(events);
        assertThat(events.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(event -> event.getLoggerName() + ": " + event.getFormattedMessage()).isEmpty();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    }
}
