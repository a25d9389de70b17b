package org.postroom.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Logger;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class against a real Pebble (Let's Encrypt's ACME test server) only when Debian's
 * {@code pebble} is installed; with {@code -Dpebble.tests=required} (or {@code PEBBLE_TESTS=required}),
 * as CI runs, a missing one fails the build instead of skipping silently.
 */
public final class PebbleAvailable implements ExecutionCondition {

    private static final Logger log = Logger.getLogger(PebbleAvailable.class.getName());

    static Path pebble() {
        String value = System.getenv("PEBBLE_BIN");
        return Path.of(value == null || value.isBlank() ? "/usr/bin/pebble" : value);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(pebble())) {
            return ConditionEvaluationResult.enabled("pebble is installed");
        }
        String reason = pebble() + " is not installed (apt-get install pebble)";
        String setting = System.getProperty("pebble.tests", System.getenv().getOrDefault("PEBBLE_TESTS", "auto"));
        if ("required".equals(setting.toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("pebble tests are required but " + reason);
        }
        log.warning("skipping pebble tests: " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
