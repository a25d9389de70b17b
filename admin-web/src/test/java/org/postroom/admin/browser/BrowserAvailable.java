package org.postroom.admin.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Logger;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a browser test class only when Debian's chromium and chromedriver are installed; with
 * {@code -Dbrowser.tests=required} (or {@code BROWSER_TESTS=required}), as CI runs, a missing
 * browser fails the build instead of skipping silently. Checked before any Spring context starts.
 */
public final class BrowserAvailable implements ExecutionCondition {

    private static final Logger log = Logger.getLogger(BrowserAvailable.class.getName());

    static Path chromium() {
        return Path.of(env("CHROMIUM_BIN", "/usr/bin/chromium"));
    }

    static Path chromedriver() {
        return Path.of(env("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = !Files.isExecutable(chromium()) ? chromium().toString()
                : !Files.isExecutable(chromedriver()) ? chromedriver().toString() : null;
        if (missing == null) {
            return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
        }
        String reason = missing + " is not installed (apt-get install chromium chromium-driver)";
        if (required()) {
            throw new IllegalStateException("browser tests are required but " + reason);
        }
        log.warning("skipping browser tests: " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    private static boolean required() {
        String setting = System.getProperty("browser.tests", System.getenv().getOrDefault("BROWSER_TESTS", "auto"));
        return "required".equals(setting.toLowerCase(Locale.ROOT));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
