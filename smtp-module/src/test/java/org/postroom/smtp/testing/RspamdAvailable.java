package org.postroom.smtp.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Logger;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class against a real rspamd only when Debian's {@code rspamd} and {@code
 * redis-server} (for its learning) are installed; with {@code -Drspamd.tests=required} (or {@code
 * RSPAMD_TESTS=required}), as CI runs, a missing one fails the build instead of skipping silently.
 * Checked before anything starts.
 */
public final class RspamdAvailable implements ExecutionCondition {

    private static final Logger log = Logger.getLogger(RspamdAvailable.class.getName());

    static Path rspamd() {
        return Path.of(env("RSPAMD_BIN", "/usr/bin/rspamd"));
    }

    static Path redis() {
        return Path.of(env("REDIS_SERVER_BIN", "/usr/bin/redis-server"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = !Files.isExecutable(rspamd()) ? rspamd().toString()
                : !Files.isExecutable(redis()) ? redis().toString() : null;
        if (missing == null) {
            return ConditionEvaluationResult.enabled("rspamd and redis-server are installed");
        }
        String reason = missing + " is not installed (apt-get install rspamd redis-server)";
        if (required()) {
            throw new IllegalStateException("rspamd tests are required but " + reason);
        }
        log.warning("skipping rspamd tests: " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    private static boolean required() {
        String setting = System.getProperty("rspamd.tests", System.getenv().getOrDefault("RSPAMD_TESTS", "auto"));
        return "required".equals(setting.toLowerCase(Locale.ROOT));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
