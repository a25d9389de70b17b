package org.postroom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a test logged, line by line, and which of the lines came with a stack trace. */
class LogCaptureTest {

    private static final Logger log = LoggerFactory.getLogger("org.postroom.sample.Handler");

    @RegisterExtension
    final LogCapture capture = new LogCapture();

    @Test
    void aLineWithAStackTraceAtAnyLevelIsNamedWithTheStartOfItsTrace() {
        log.info("client refused: no such command");
        log.info("could not parse the address", new IllegalArgumentException("no address",
                new IllegalStateException("bad character")));

        assertThat(capture.messages("org.postroom.sample.Handler")).containsExactly(
                "client refused: no such command", "could not parse the address");
        assertThat(capture.stackTraces()).singleElement().asString()
                .startsWith("INFO org.postroom.sample.Handler: could not parse the address\n"
                        + "  java.lang.IllegalArgumentException: no address\n    at ")
                .contains("\n  java.lang.IllegalStateException: bad character\n    at ");
    }
}
