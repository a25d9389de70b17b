package org.postroom.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An administrator in a real chromium creates an API token for one domain on the API tokens page
 * (shown once), a script uses it, the administrator revokes it, and finds both changes on the
 * Audit log page, filtered by action.
 */
class TokensAndAuditBrowserIT extends BrowserSession {

    private static final String DOMAIN = "tokens-browser.example";

    @Autowired
    DomainRepository domains;

    private String token;

    @BeforeAll
    void aDomain() {
        domains.create(DOMAIN);
        browser.open("/login");
        browser.type("username", AdminTestApplication.ADMIN);
        browser.find(By.id("password")).sendKeys(AdminTestApplication.ADMIN_PASSWORD, Keys.ENTER);
        browser.awaitText(By.tagName("h1"), "Dashboard");
    }

    @AfterAll
    void removeDomain() {
        domains.delete(DOMAIN, true);
    }

    @Test
    @Order(1)
    void aTokenIsCreatedForOneDomainAndShownOnce() {
        browser.clickToNextPage(By.linkText("API tokens"));
        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("API tokens");
        browser.type("name", "browser script");
        new Select(browser.find(By.id("access"))).selectByValue("write");
        new Select(browser.find(By.id("domain"))).selectByValue(DOMAIN);
        browser.clickToNextPage(By.cssSelector("form[action='/tokens'] button[type=submit]"));

        assertThat(browser.flash()).startsWith("Token browser script was created.");
        token = browser.find(By.id("issued-token")).getText();
        assertThat(token).matches("prt_[a-z2-7]{32}");
        assertThat(browser.find(By.id("tokens")).getText()).contains("browser script").contains("write, " + DOMAIN)
                .contains("never");
        browser.driver().navigate().refresh();
        assertThat(browser.driver().findElements(By.id("issued-token"))).isEmpty();
    }

    @Test
    @Order(2)
    void aScriptUsesItAndTheAdministratorRevokesIt() {
        assertThat(WebVisitor.bearer(port, token).get("/api/v1/domains/" + DOMAIN).statusCode()).isEqualTo(200);
        browser.driver().navigate().refresh();
        assertThat(browser.find(By.id("tokens")).getText()).contains("from 127.0.0.1");

        browser.clickToNextPage(By.cssSelector("tr[data-token='browser script'] button[type=submit]"));
        assertThat(browser.flash()).isEqualTo("Token browser script was revoked.");
        assertThat(browser.find(By.id("tokens")).getText()).contains("Revoked");
        assertThat(WebVisitor.bearer(port, token).get("/api/v1/domains").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void theAuditLogShowsBothChangesFilteredByAction() {
        browser.clickToNextPage(By.linkText("Audit log"));
        browser.type("action", "token.");
        browser.clickToNextPage(By.cssSelector("form[action='/audit'] button[type=submit]"));

        String entries = browser.find(By.id("audit-entries")).getText();
        assertThat(entries).contains("token.create").contains("token.revoke").contains("admin (console)")
                .doesNotContain("user.").doesNotContain(token);
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
    }
}
