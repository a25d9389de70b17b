package org.postroom.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.slf4j.LoggerFactory;

/**
 * The guard as every module gets it: the sample classes below run through JUnit's launcher with
 * only test-support's {@code junit-platform.properties}, and their outcomes are read.
 */
@ExpectedErrors(loggers = { "org.postroom.sample", "org.postroom.other", "io.netty" },
        because = "the samples log them on purpose, and this class's own guard sees them too")
class NoErrorsLoggedTest {

    @Test
    void aTestThatLogsAnErrorFailsThoughItsAssertionsPass() {
        assertThat(outcomes(Samples.class)).containsEntry("logsAnError()", "FAILED: errors logged while the test ran"
                + " (fix them, or name their loggers in @ExpectedErrors with the reason):\n"
                + "  ERROR org.postroom.sample.Hook [main]: unable to process request (java.lang.NullPointerException: boom)");
    }

    @Test
    void nettysWarningsFailATestTooOtherWarningsDoNot() {
        assertThat(outcomes(Samples.class)).hasEntrySatisfying("nettyWarns()", o -> assertThat(o).startsWith("FAILED")
                .contains("WARN io.netty.channel.DefaultChannelPipeline"))
                .containsEntry("ourCodeWarns()", "SUCCESSFUL");
    }

    @Test
    void anExpectedErrorOfTheNamedLoggerOrBelowPasses() {
        assertThat(outcomes(Samples.class)).containsEntry("logsAnExpectedError()", "SUCCESSFUL")
                .hasEntrySatisfying("logsAnotherLoggersError()", o -> assertThat(o).startsWith("FAILED")
                        .contains("org.postroom.other"));
        assertThat(outcomes(ExpectedForTheClass.class)).containsEntry("logsAnError()", "SUCCESSFUL");
    }

    @Test
    void anErrorOutsideTheTestMethodsFailsTheClass() {
        assertThat(outcomes(ErrorBeforeAll.class)).containsEntry("passes()", "SUCCESSFUL")
                .hasEntrySatisfying("NoErrorsLoggedTest$ErrorBeforeAll", o -> assertThat(o).startsWith("FAILED: errors logged outside"
                        + " the test methods of NoErrorsLoggedTest$ErrorBeforeAll").contains("during set-up"));
    }

    @Test
    void aNestedClassIsGuardedWithItsOuterClassesExpectations() {
        assertThat(outcomes(ExpectedForTheClass.Inner.class)).containsEntry("logsAnError()", "SUCCESSFUL");
    }

    /** The outcome of each test and container of {@code testClass}, by display name. */
    private static Map<String, String> outcomes(Class<?> testClass) {
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                outcomes.put(id.getDisplayName(), result.getStatus() + result.getThrowable()
                        .map(t -> ": " + t.getMessage().replace(System.lineSeparator(), "\n")).orElse(""));
            }
        });
        return outcomes;
    }

    /** Samples, run only from the tests above: JUnit and Surefire leave static nested classes alone. */
    static class Samples {

        @Test
        void logsAnError() {
            LoggerFactory.getLogger("org.postroom.sample.Hook").error("unable to process request",
                    new NullPointerException("boom"));
        }

        @Test
        void nettyWarns() {
            LoggerFactory.getLogger("io.netty.channel.DefaultChannelPipeline").warn("an exceptionCaught() event was fired");
        }

        @Test
        void ourCodeWarns() {
            LoggerFactory.getLogger("org.postroom.sample.Hook").warn("client refused: too many connections");
        }

        @Test
        @ExpectedErrors(loggers = "org.postroom.sample", because = "the sample shows the annotation")
        void logsAnExpectedError() {
            LoggerFactory.getLogger("org.postroom.sample.Hook").error("the database is down");
        }

        @Test
        @ExpectedErrors(loggers = "org.postroom.sample", because = "the sample shows the annotation")
        void logsAnotherLoggersError() {
            LoggerFactory.getLogger("org.postroom.other").error("not the one expected");
        }
    }

    @ExpectedErrors(loggers = "org.postroom.sample.Hook", because = "the sample shows the annotation on a class")
    static class ExpectedForTheClass {

        @Test
        void logsAnError() {
            LoggerFactory.getLogger("org.postroom.sample.Hook").error("the database is down");
        }

        @Nested
        class Inner {

            @Test
            void logsAnError() {
                LoggerFactory.getLogger("org.postroom.sample.Hook").error("the database is down");
            }
        }
    }

    static class ErrorBeforeAll {

        @BeforeAll
        static void setUp() {
            LoggerFactory.getLogger("org.postroom.sample.Setup").error("during set-up");
        }

        @Test
        void passes() {
        }
    }
}
