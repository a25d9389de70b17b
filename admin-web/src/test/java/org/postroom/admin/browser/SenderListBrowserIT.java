package org.postroom.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.postroom.admin.AdminTestApplication;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.senders.SenderAction;
import org.postroom.storage.senders.SenderList;
import org.postroom.storage.senders.SenderLists;
import org.postroom.storage.senders.SenderRule;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An administrator in a real chromium gives a new domain its postmaster target, is warned on the
 * dashboard about a domain without one, and works the sender lists of a domain and a user: add an
 * entry, see it, remove it. The domains are removed afterwards, for the other browser tests that
 * share the application.
 */
class SenderListBrowserIT extends BrowserSession {

    private static final String DOMAIN = "senders-browser.example";
    private static final String UNATTENDED = "unattended-browser.example";
    private static final String USER = "carla@" + DOMAIN;

    @Autowired
    DomainRepository domains;
    @Autowired
    SenderLists lists;

    @BeforeAll
    void logIn() {
        browser.open("/login");
        browser.type("username", AdminTestApplication.ADMIN);
        browser.find(By.id("password")).sendKeys(AdminTestApplication.ADMIN_PASSWORD, Keys.ENTER);
        browser.awaitText(By.tagName("h1"), "Dashboard");
    }

    @AfterAll
    void removeDomains() {
        for (String name : List.of(DOMAIN, UNATTENDED)) {
            if (domains.find(name).isPresent()) {
                domains.delete(name, true);
            }
        }
    }

    @Test
    @Order(1)
    void aNewDomainIsGivenItsPostmasterTargetWhenItIsAdded() {
        browser.open("/domains");
        browser.type("name", DOMAIN);
        browser.type("postmasterTarget", "noc@provider.example");
        browser.screenshot("50-domain-add-postmaster", Browser.DESKTOP);
        browser.find(By.cssSelector("form.form-row button[type=submit]")).click();

        assertThat(browser.flash()).contains("Domain " + DOMAIN + " was added");
        assertThat(browser.find(By.id("postmasterTarget")).getAttribute("value")).isEqualTo("noc@provider.example");
        assertThat(domains.find(DOMAIN).orElseThrow().postmasterTarget()).isEqualTo("noc@provider.example");
    }

    @Test
    @Order(2)
    void theDashboardNamesADomainWhosePostmasterMailNoOneReads(@Autowired UserRepository users) {
        domains.create(UNATTENDED);
        users.create(USER, "correct horse battery", null);
        browser.open("/");
        WebElement warning = browser.await(By.id("unattended-postmasters"));
        assertThat(warning.getText()).contains(UNATTENDED).doesNotContain(DOMAIN);
        browser.screenshot("51-dashboard-unattended-postmaster", Browser.DESKTOP);

        warning.findElement(By.linkText(UNATTENDED)).click();
        assertThat(browser.awaitText(By.tagName("h1"), UNATTENDED).getText()).isEqualTo(UNATTENDED);
        browser.type("postmasterTarget", USER);
        browser.find(By.cssSelector("#postmaster button[type=submit]")).click();
        assertThat(browser.flash()).contains("go to " + USER + " now");
        browser.open("/");
        assertThat(browser.driver().findElements(By.id("unattended-postmasters")))
                .allSatisfy(still -> assertThat(still.getText()).doesNotContain(UNATTENDED));
    }

    @Test
    @Order(3)
    void aDomainsSenderListTakesEntriesAndGivesThemBack() {
        browser.open("/domains/" + DOMAIN);
        addEntry("@Spam.Example", "block");
        assertThat(browser.flash()).isEqualTo("Mail from @spam.example is blocked now.");
        addEntry("192.0.2.0/24", "allow");
        assertThat(browser.flash()).isEqualTo("Mail from 192.0.2.0/24 is allowed now.");
        assertThat(rows()).containsExactlyInAnyOrder("@spam.example Blocked", "192.0.2.0/24 Allowed");
        browser.screenshot("52-domain-senders", Browser.DESKTOP);
        browser.screenshot("53-domain-senders-phone", Browser.PHONE);

        addEntry("not a sender", "block");
        assertThat(browser.flash()).startsWith("Not a sender address");
        assertThat(browser.find(By.id("sender-entry")).getAttribute("value")).isEqualTo("not a sender");

        browser.clickToNextPage(By.cssSelector("button[aria-label='Remove @spam.example']"));
        assertThat(browser.flash()).isEqualTo("@spam.example is off the list.");
        assertThat(rows()).containsExactly("192.0.2.0/24 Allowed");
        assertThat(lists.list(SenderList.ofDomain(DOMAIN))).extracting(SenderRule::entry, SenderRule::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("192.0.2.0/24", SenderAction.ALLOW));
    }

    @Test
    @Order(4)
    void aUsersOwnSenderListIsOnTheUsersPage() {
        browser.open("/users/" + USER);
        addEntry("boss@partner.example", "allow");
        assertThat(browser.flash()).isEqualTo("Mail from boss@partner.example is allowed now.");
        assertThat(rows()).containsExactly("boss@partner.example Allowed");
        browser.screenshot("54-user-senders", Browser.DESKTOP);
        assertThat(lists.list(SenderList.ofUser(USER))).extracting(SenderRule::entry)
                .containsExactly("boss@partner.example");
        assertThat(lists.list(SenderList.ofDomain(DOMAIN))).extracting(SenderRule::entry)
                .doesNotContain("boss@partner.example");
    }

    @Test
    @Order(5)
    void noPageBrokeItsContentSecurityPolicy() {
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
    }

    private void addEntry(String entry, String action) {
        WebElement field = browser.find(By.id("sender-entry"));
        field.clear();
        field.sendKeys(entry);
        new Select(browser.find(By.id("sender-action"))).selectByValue(action);
        browser.clickToNextPage(By.cssSelector("#senders form.form-row button[type=submit]"));
    }

    private List<String> rows() {
        return browser.driver().findElements(By.cssSelector("#senders tbody tr")).stream()
                .map(row -> row.findElement(By.cssSelector("td.primary-cell")).getText() + " "
                        + row.findElement(By.cssSelector("td[data-label=Action]")).getText())
                .toList();
    }
}
