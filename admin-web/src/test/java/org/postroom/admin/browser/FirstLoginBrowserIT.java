package org.postroom.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.postroom.admin.security.BootstrapAdministrator;
import org.postroom.storage.directory.AdminAccountRepository;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * A new installation's first sign-in in a real chromium: the administrator reads the generated
 * password off the log, signs in, is held on the change-password page (even when typing another
 * address), chooses their own, and lands on the dashboard.
 */
class FirstLoginBrowserIT extends BrowserSession {

    private static final Pattern GENERATED = Pattern.compile("generated password (\\S+) ");
    private static final String CHOSEN = "the owner's own phrase";

    private String generatedPassword;

    @BeforeAll
    void aNewInstallationPrintsAGeneratedPassword(@Autowired AdminAccountRepository admins) {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(BootstrapAdministrator.class);
        log.start();
        logger.addAppender(log);
        try {
            new BootstrapAdministrator(admins, "owner", null).ensureExists();
        } finally {
            logger.detachAppender(log);
        }
        Matcher printed = GENERATED.matcher(log.list.get(0).getFormattedMessage());
        assertThat(printed.find()).isTrue();
        generatedPassword = printed.group(1);
    }

    @Test
    @Order(1)
    void theFirstSignInLeadsToTheChangePasswordPage() {
        browser.open("/");
        browser.type("username", "owner");
        browser.find(By.id("password")).sendKeys(generatedPassword, Keys.ENTER);

        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Choose your password");
        assertThat(browser.path()).isEqualTo("/password");
        browser.screenshot("40-first-login-password", Browser.DESKTOP);
        browser.screenshot("41-first-login-password-phone", Browser.PHONE);
    }

    @Test
    @Order(2)
    void theConsoleStaysClosedUntilThePasswordIsChanged() {
        browser.open("/domains");

        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Choose your password");
        assertThat(browser.path()).isEqualTo("/password");
    }

    @Test
    @Order(3)
    void afterChoosingTheirOwnPasswordTheAdministratorSeesTheDashboard() {
        browser.type("currentPassword", generatedPassword);
        browser.type("newPassword", CHOSEN);
        browser.find(By.id("repeatPassword")).sendKeys(CHOSEN, Keys.ENTER);

        assertThat(browser.awaitText(By.tagName("h1"), "Dashboard").getText()).isEqualTo("Dashboard");
        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.flash()).contains("Your password was changed.");
        browser.open("/domains");
        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Domains");
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
    }
}
