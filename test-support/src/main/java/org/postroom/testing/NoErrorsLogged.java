package org.postroom.testing;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

/**
 * Fails a test, even a green one, when anything was logged at ERROR while it ran, or Netty warned
 * (an exception that reached the end of a pipeline, a task it rejected): a client's misbehaviour
 * or a failure a test provokes must be handled and logged for what it is, not end up as an error
 * in the operator's log. What is logged outside the test methods (in {@code @BeforeAll}, between
 * tests) fails the test class.
 *
 * <p>Every module's tests run with it: test-support's {@code junit-platform.properties} turns on
 * JUnit's extension auto-detection, and {@code META-INF/services} names this class. A test that
 * provokes an error on purpose says so with {@link ExpectedErrors}.
 */
public final class NoErrorsLogged implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    private final Watch watch = new Watch();
    private final List<Logged> outsideTests = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        watch.attach();
        outsideTests.addAll(watch.drain());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // Spring Boot resets logback when it starts an application context, detaching the watch
        watch.attach();
        outsideTests.addAll(watch.drain());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Logged> unexpected = unexpected(watch.drain(), context);
        if (!unexpected.isEmpty()) {
            throw new AssertionError(report("logged while the test ran", unexpected));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        outsideTests.addAll(watch.drain());
        List<Logged> unexpected = unexpected(outsideTests, context);
        outsideTests.clear();
        if (!unexpected.isEmpty()) {
            throw new AssertionError(report("logged outside the test methods of " + context.getDisplayName(),
                    unexpected));
        }
    }

    private static List<Logged> unexpected(List<Logged> logged, ExtensionContext context) {
        List<String> allowed = new ArrayList<>();
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            c.get().getElement().map(NoErrorsLogged::expected).ifPresent(allowed::addAll);
        }
        return logged.stream().filter(line -> allowed.stream().noneMatch(line::isBelow)).toList();
    }

    private static List<String> expected(AnnotatedElement element) {
        ExpectedErrors expected = element.getAnnotation(ExpectedErrors.class);
        return expected == null ? List.of() : List.of(expected.loggers());
    }

    private static String report(String when, List<Logged> lines) {
        StringBuilder report = new StringBuilder("errors ").append(when)
                .append(" (fix them, or name their loggers in @ExpectedErrors with the reason):");
        lines.forEach(line -> report.append(System.lineSeparator()).append("  ").append(line));
        return report.toString();
    }

    /** One line that fails a test. */
    record Logged(Level level, String logger, String thread, String message, String exception) {

        static Logged of(ILoggingEvent event) {
            IThrowableProxy thrown = event.getThrowableProxy();
            return new Logged(event.getLevel(), event.getLoggerName(), event.getThreadName(),
                    event.getFormattedMessage(), thrown == null ? "" : thrown.getClassName() + ": " + thrown.getMessage());
        }

        /** Errors, and Netty's warnings: Netty warns about what it could not handle. */
        static boolean fails(ILoggingEvent event) {
            return event.getLevel().isGreaterOrEqual(Level.ERROR)
                    || event.getLevel().isGreaterOrEqual(Level.WARN) && event.getLoggerName().startsWith("io.netty");
        }

        boolean isBelow(String name) {
            return logger.equals(name) || logger.startsWith(name + ".");
        }

        @Override
        public String toString() {
            return level + " " + logger + " [" + thread + "]: " + message + (exception.isEmpty() ? "" : " (" + exception + ")");
        }
    }

    /** The appender on logback's root logger that keeps the lines that fail a test. */
    private static final class Watch extends AppenderBase<ILoggingEvent> {

        private final Queue<Logged> logged = new ConcurrentLinkedQueue<>();

        Watch() {
            setName("postroom-no-errors-logged");
        }

        void attach() {
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            setContext(root.getLoggerContext());
            if (!isStarted()) {
                start();
            }
            if (!root.isAttached(this)) {
                root.addAppender(this);
            }
        }

        List<Logged> drain() {
            List<Logged> drained = new ArrayList<>();
            for (Logged line = logged.poll(); line != null; line = logged.poll()) {
                drained.add(line);
            }
            return drained;
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (Logged.fails(event)) {
                logged.add(Logged.of(event));
            }
        }
    }
}
