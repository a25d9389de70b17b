package org.postroom.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.postroom.admin.AdminTestApplication;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A server administrator in a real chromium creates a domain administrator on the Administrators
 * page (the generated password shown once), gives them a second domain, resets their password and
 * requires a second factor of them; the new administrator signs in, chooses their password and
 * finds only their domains, no Administrators page; the server administrator deletes them. The
 * domains are removed afterwards, for the other browser tests that share the application.
 */
class AdministratorsBrowserIT extends BrowserSession {

    private static final String FIRST = "admins-browser-one.example";
    private static final String SECOND = "admins-browser-two.example";
    private static final String CLERK = "browser-clerk";
    private static final String CHOSEN = "the clerk's own phrase";

    @Autowired
    DomainRepository domains;
    @Autowired
    AdminAccountRepository admins;

    private String issuedPassword;

    @BeforeAll
    void twoDomains() {
        domains.create(FIRST);
        domains.create(SECOND);
        signIn(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
    }

    @AfterAll
    void removeDomains() {
        domains.delete(FIRST, true);
        domains.delete(SECOND, true);
    }

    @Test
    @Order(1)
    void aDomainAdministratorIsCreatedAndTheirPasswordShownOnce() {
        browser.clickToNextPage(By.linkText("Administrators"));
        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Administrators");
        browser.type("username", CLERK);
        browser.find(By.cssSelector("input[name=role][value=domain]")).click();
        browser.find(By.cssSelector("input[name=domains][value='" + FIRST + "']")).click();
        browser.screenshot("70-administrators", Browser.DESKTOP);
        browser.clickToNextPage(By.cssSelector("form[action='/administrators'] button[type=submit]"));

        assertThat(browser.flash()).startsWith("Administrator " + CLERK + " was created.");
        issuedPassword = browser.find(By.id("issued-password")).getText();
        assertThat(issuedPassword).hasSize(20);
        assertThat(admins.scope(CLERK).orElseThrow().domains()).containsExactly(FIRST);
        assertThat(admins.mustChangePassword(CLERK)).isTrue();
        browser.screenshot("71-administrator-created", Browser.DESKTOP);
        browser.screenshot("72-administrator-created-phone", Browser.PHONE);

        browser.driver().navigate().refresh();
        assertThat(browser.driver().findElements(By.id("issued-password"))).isEmpty();
    }

    @Test
    @Order(2)
    void theirDomainsChangeTheirPasswordIsResetAndASecondFactorRequired() {
        browser.find(By.cssSelector("input[name=domains][value='" + SECOND + "']")).click();
        browser.clickToNextPage(By.cssSelector("form[action$='/scope'] button[type=submit]"));
        assertThat(browser.flash()).isEqualTo("The role and domains of " + CLERK + " were saved.");
        assertThat(admins.scope(CLERK).orElseThrow().domains()).containsExactlyInAnyOrder(FIRST, SECOND);

        browser.clickToNextPage(By.cssSelector("form[action$='/password'] button[type=submit]"));
        String reset = browser.find(By.id("issued-password")).getText();
        assertThat(reset).hasSize(20).isNotEqualTo(issuedPassword);
        issuedPassword = reset;

        browser.clickToNextPage(By.cssSelector("form[action$='/two-factor-required'] button[type=submit]"));
        assertThat(browser.flash()).startsWith(CLERK + " must sign in with a second factor");
        assertThat(admins.twoFactorRequired(CLERK)).isTrue();
        browser.clickToNextPage(By.cssSelector("form[action$='/two-factor-required'] button[type=submit]"));
        assertThat(admins.twoFactorRequired(CLERK)).isFalse();
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
    }

    @Test
    @Order(3)
    void theDomainAdministratorSeesOnlyTheirDomains() {
        browser.find(By.cssSelector(".sidebar-foot button")).click();
        signIn(CLERK, issuedPassword);
        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Choose your password");
        browser.type("currentPassword", issuedPassword);
        browser.type("newPassword", CHOSEN);
        browser.find(By.id("repeatPassword")).sendKeys(CHOSEN, Keys.ENTER);

        assertThat(browser.awaitText(By.tagName("h1"), "Domains").getText()).isEqualTo("Domains");
        String page = browser.find(By.tagName("main")).getText();
        assertThat(page).contains(FIRST, SECOND).doesNotContain("limits-browser").doesNotContain("Add a domain");
        assertThat(browser.driver().findElements(By.linkText("Administrators"))).isEmpty();
        assertThat(browser.driver().findElements(By.linkText("Queue"))).isEmpty();
        browser.screenshot("73-domain-administrator-domains", Browser.DESKTOP);

        browser.open("/administrators");
        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        browser.open("/settings");
        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Not allowed");
    }

    @Test
    @Order(4)
    void theServerAdministratorDeletesThem() {
        browser.open("/domains");
        browser.find(By.cssSelector(".sidebar-foot button")).click();
        signIn(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        browser.awaitText(By.tagName("h1"), "Dashboard");
        browser.open("/administrators/" + CLERK);
        browser.clickToNextPage(By.linkText("Delete"));
        browser.clickToNextPage(By.cssSelector("main form button[type=submit]"));

        assertThat(browser.flash()).isEqualTo("Administrator " + CLERK + " was deleted.");
        assertThat(admins.scope(CLERK)).isEmpty();
    }

    private void signIn(String username, String password) {
        browser.open("/login");
        browser.type("username", username);
        browser.find(By.id("password")).sendKeys(password, Keys.ENTER);
    }
}
