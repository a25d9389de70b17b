package org.postroom.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.postroom.admin.AdminTestApplication;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.limits.SendingCounters;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;
import org.postroom.storage.limits.SendingStanding;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An administrator in a real chromium sets a domain's and a user's sending limits, sees a bad
 * value refused with the form refilled, finds a suspended user on the dashboard, follows the link
 * and lifts the suspension. The domain is removed afterwards, for the other browser tests that
 * share the application.
 */
class LimitsBrowserIT extends BrowserSession {

    private static final String DOMAIN = "limits-browser.example";
    private static final String USER = "dora@" + DOMAIN;

    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    SendingCounters counters;

    @BeforeAll
    void logIn() {
        domains.create(DOMAIN);
        users.create(USER, "correct horse battery", null);
        browser.open("/login");
        browser.type("username", AdminTestApplication.ADMIN);
        browser.find(By.id("password")).sendKeys(AdminTestApplication.ADMIN_PASSWORD, Keys.ENTER);
        browser.awaitText(By.tagName("h1"), "Dashboard");
    }

    @AfterAll
    void removeDomain() {
        if (domains.find(DOMAIN).isPresent()) {
            domains.delete(DOMAIN, true);
        }
    }

    private SendingStanding standing() {
        return counters.standing(USER, Instant.now());
    }

    @Test
    @Order(1)
    void aDomainsLimitsAreSetOnItsPageAndItsUsersTakeThem() {
        browser.open("/domains/" + DOMAIN);
        assertThat(browser.find(By.id("limit-messagesPerHour")).getAttribute("placeholder")).isEqualTo("200 (inherited)");
        browser.type("limit-messagesPerHour", "40");
        browser.type("limit-recipientsPerMessage", "25");
        browser.clickToNextPage(By.cssSelector("#limits button[type=submit]"));

        assertThat(browser.flash()).startsWith("The sending limits of " + DOMAIN + " were saved.");
        assertThat(browser.find(By.id("limit-messagesPerHour")).getAttribute("value")).isEqualTo("40");
        assertThat(standing().domain()).isEqualTo(new SendingLimits(40, null, 25, null));
        browser.screenshot("60-domain-limits", Browser.DESKTOP);
    }

    @Test
    @Order(2)
    void aUsersOwnLimitsAndUsageAreOnTheUsersPageAndABadValueIsRefused() {
        browser.open("/users/" + USER);
        assertThat(browser.find(By.id("limit-messagesPerHour")).getAttribute("placeholder")).isEqualTo("40 (inherited)");
        assertThat(browser.find(By.id("usage-hour")).getText()).isEqualTo("0 messages");
        browser.type("limit-messagesPerDay", "300");
        browser.clickToNextPage(By.cssSelector("#limits button[type=submit]"));
        assertThat(browser.flash()).isEqualTo("The sending limits of " + USER + " were saved.");
        assertThat(standing().own()).isEqualTo(new SendingLimits(null, 300, null, null));

        browser.type("limit-recipientsPerDay", "-5");
        // the browser's own check of min=1 is not what is tested here: the server's is
        browser.driver().executeScript("document.getElementById('limit-recipientsPerDay').removeAttribute('min')");
        browser.clickToNextPage(By.cssSelector("#limits button[type=submit]"));
        assertThat(browser.flash()).startsWith("Recipients per 24 hours must be a whole number of at least 1");
        assertThat(browser.find(By.id("limit-recipientsPerDay")).getAttribute("value")).isEqualTo("-5");
        assertThat(standing().own()).isEqualTo(new SendingLimits(null, 300, null, null));
        browser.screenshot("61-user-limits-refused", Browser.DESKTOP);
    }

    @Test
    @Order(3)
    void aSuspendedUserIsNamedOnTheDashboardAndLiftedOnTheirPage() {
        counters.refused(users.find(USER).orElseThrow().id(), false, new SendingPolicy(SendingLimits.NONE, 1),
                Instant.now());
        browser.open("/");
        WebElement banner = browser.await(By.id("suspended-senders"));
        assertThat(banner.getText()).contains(USER);
        browser.screenshot("62-dashboard-suspended", Browser.DESKTOP);

        browser.clickToNextPage(By.linkText(USER));
        assertThat(browser.await(By.id("suspension")).getText()).contains("Sending is suspended since");
        browser.screenshot("63-user-suspended", Browser.PHONE);
        browser.clickToNextPage(By.cssSelector("#suspension button[type=submit]"));

        assertThat(browser.flash()).startsWith(USER + " can send mail again.");
        assertThat(browser.driver().findElements(By.id("suspension"))).isEmpty();
        assertThat(standing().suspension()).isEmpty();
        browser.open("/");
        assertThat(browser.driver().findElements(By.id("suspended-senders")))
                .allSatisfy(still -> assertThat(still.getText()).doesNotContain(USER));
    }
}
