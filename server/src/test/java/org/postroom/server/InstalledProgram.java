package org.postroom.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Logger;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class against a real program of a Debian package only where it is installed; with
 * {@code -D<name>.tests=required} (or {@code <NAME>_TESTS=required}), as CI runs, a missing one
 * fails the build instead of skipping silently.
 */
abstract class InstalledProgram implements ExecutionCondition {

    private static final Logger log = Logger.getLogger(InstalledProgram.class.getName());

    private final String name;
    private final Path program;

    InstalledProgram(String name, Path program) {
        this.name = name;
        this.program = program;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(program)) {
            return ConditionEvaluationResult.enabled(name + " is installed");
        }
        String reason = program + " is not installed (apt-get install " + name + ")";
        String variable = name.toUpperCase(Locale.ROOT) + "_TESTS";
        String setting = System.getProperty(name + ".tests", System.getenv().getOrDefault(variable, "auto"));
        if ("required".equals(setting.toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException(name + " tests are required but " + reason);
        }
        log.warning("skipping " + name + " tests: " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
