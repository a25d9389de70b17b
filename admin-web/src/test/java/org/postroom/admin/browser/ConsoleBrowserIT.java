package org.postroom.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.FixedServerSettings;
import org.postroom.storage.directory.AliasRepository;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.queue.DeliveryQueue;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An administrator's session in a real headless chromium, one step after the other as a person
 * would click through: log in with the keyboard, add a domain and see its DNS records, create a
 * user and an alias, reset the password, work the queue, delete with confirmation. Every page is
 * photographed into target/screenshots, and no page may break its own Content-Security-Policy.
 */
class ConsoleBrowserIT extends BrowserSession {

    private static final String DOMAIN = "example.com";

    @Autowired
    Authenticator authenticator;
    @Autowired
    DomainRepository domains;
    @Autowired
    AliasRepository aliases;
    @Autowired
    MailStore store;
    @Autowired
    DeliveryQueue queue;

    @Test
    @Order(1)
    void anAdministratorLogsInWithTheKeyboard() {
        browser.open("/domains");
        browser.await(By.id("username"));
        assertThat(browser.path()).isEqualTo("/login");
        browser.screenshot("01-login", Browser.DESKTOP);

        browser.type("username", AdminTestApplication.ADMIN);
        browser.find(By.id("password")).sendKeys(AdminTestApplication.ADMIN_PASSWORD, Keys.ENTER);

        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Domains");
        assertThat(browser.find(By.cssSelector(".empty h2")).getText()).isEqualTo("No domains yet");
        browser.screenshot("02-domains-empty", Browser.DESKTOP);
    }

    @Test
    @Order(2)
    void aNewDomainShowsItsDnsRecordsWithCopyButtons() {
        browser.open("/domains");
        browser.type("name", DOMAIN);
        browser.find(By.cssSelector("form.form-row button[type=submit]")).click();

        assertThat(browser.flash()).contains("Domain example.com was added");
        assertThat(browser.path()).isEqualTo("/domains/example.com");
        List<String> records = browser.driver().findElements(By.cssSelector("table.records tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(records).anySatisfy(row -> assertThat(row).contains("MX").contains("10 mail.example.net."));
        assertThat(records).anySatisfy(row -> assertThat(row).contains("postroom._domainkey.example.com")
                .contains("v=DKIM1; k=rsa; p=MII"));
        assertThat(records).anySatisfy(row -> assertThat(row).contains("_submissions._tcp.example.com")
                .contains("0 1 465 mail.example.net."));
        WebElement copy = browser.find(By.cssSelector("button[data-copy='value-2']"));
        assertThat(copy.isDisplayed()).isTrue();
        copy.click();
        assertThat(copy.getText()).isIn("Copied", "Select and copy");
        browser.screenshot("03-domain-dns-records", Browser.DESKTOP);

        browser.driver().navigate().refresh();
        assertThat(browser.driver().findElements(By.cssSelector(".flash"))).as("a flash shows once").isEmpty();
    }

    @Test
    @Order(3)
    void aRefusedFormSaysWhyAndKeepsWhatWasTyped() {
        browser.open("/domains");
        browser.type("name", "EXAMPLE.com");
        browser.find(By.cssSelector("form.form-row button[type=submit]")).click();

        assertThat(browser.flash()).isEqualTo("Domain example.com exists already.");
        assertThat(browser.find(By.id("name")).getAttribute("value")).isEqualTo("EXAMPLE.com");
        browser.screenshot("04-domains-refused", Browser.DESKTOP);
    }

    @Test
    @Order(4)
    void aUserIsCreatedWithAQuota() {
        browser.open("/users");
        assertThat(browser.find(By.cssSelector(".empty h2")).getText()).isEqualTo("No users yet");
        browser.find(By.linkText("New user")).click();
        browser.await(By.id("localPart")).sendKeys("alice");
        new Select(browser.find(By.id("domain"))).selectByValue(DOMAIN);
        browser.type("password", "first password 1");
        browser.type("quotaAmount", "1");
        browser.screenshot("05-user-new", Browser.DESKTOP);
        browser.find(By.cssSelector("#main form button[type=submit]")).click();

        assertThat(browser.flash()).contains("User alice@example.com was created");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("alice@example.com");
        assertThat(browser.find(By.cssSelector(".usage-text")).getText()).contains("0 B of 1.0 GiB");
        assertThat(authenticator.verify("alice@example.com", "first password 1")).isPresent();
    }

    @Test
    @Order(5)
    void aliasesDeliverToLocalAndExternalAddressesAndACatchAll() {
        browser.open("/aliases");
        browser.find(By.linkText("New alias")).click();
        browser.await(By.id("localPart")).sendKeys("sales");
        browser.type("targets", "alice@example.com\nbob@partner.example");
        browser.find(By.cssSelector("#main form button[type=submit]")).click();
        assertThat(browser.flash()).contains("Alias sales@example.com was created");

        browser.find(By.linkText("New alias")).click();
        browser.await(By.name("catchAll")).click();
        browser.type("targets", "alice@example.com");
        browser.find(By.cssSelector("#main form button[type=submit]")).click();
        assertThat(browser.flash()).contains("Catch-all @example.com was created");

        String table = browser.find(By.cssSelector("table.data")).getText();
        assertThat(table).contains("sales@example.com").contains("bob@partner.example").contains("External")
                .contains("@example.com").contains("Catch-all");
        assertThat(aliases.find("@example.com")).isPresent();
        browser.screenshot("06-aliases", Browser.DESKTOP);
    }

    @Test
    @Order(6)
    void anAdministratorResetsAPassword() {
        browser.open("/users");
        browser.type("q", "alic");
        browser.find(By.id("q")).sendKeys(Keys.ENTER);
        browser.awaitText(By.cssSelector("table.data"), "alice@example.com");
        browser.screenshot("07-users", Browser.DESKTOP);
        browser.find(By.linkText("alice@example.com")).click();

        browser.await(By.id("password")).sendKeys("second password 2");
        browser.find(By.xpath("//button[text()='Set new password']")).click();

        assertThat(browser.flash()).contains("The password of alice@example.com was changed");
        assertThat(authenticator.verify("alice@example.com", "second password 2")).isPresent();
        assertThat(authenticator.verify("alice@example.com", "first password 1")).isEmpty();
        browser.screenshot("08-user", Browser.DESKTOP);
    }

    @Test
    @Order(7)
    void theQueueShowsAttemptsAndRetriesOnRequest() throws IOException {
        long id = deferredDelivery("carol@far.example");

        browser.open("/queue");
        browser.find(By.linkText("carol@far.example")).click();
        assertThat(browser.await(By.cssSelector("table.data")).getText()).contains("deferred").contains("451 4.7.1 greylisted");
        browser.screenshot("09-queue-entry", Browser.DESKTOP);
        browser.find(By.xpath("//button[text()='Retry now']")).click();

        assertThat(browser.flash()).contains("will be tried again right away");
        assertThat(queue.find(id).orElseThrow().nextAttemptAt()).isBefore(Instant.now().plusSeconds(1));
        browser.open("/queue");
        browser.screenshot("10-queue", Browser.DESKTOP);
    }

    @Test
    @Order(8)
    void theDashboardSettingsAndPhoneLayoutsRender() throws IOException {
        store.deliver("bob@partner.example", MessageOrigin.SUBMITTED,
                List.of(Recipient.remote("dan@far.example")), message());
        browser.open("/");
        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        browser.find(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(browser.driver().switchTo().activeElement().getText()).as("the first tab stop").isEqualTo("Skip to content");
        assertThat(browser.find(By.cssSelector("svg.chart")).findElements(By.cssSelector("rect"))).hasSize(48);
        browser.screenshot("11-dashboard", Browser.DESKTOP);
        browser.screenshot("12-dashboard-phone", Browser.PHONE);

        browser.open("/settings");
        assertThat(browser.find(By.id("hostname")).getText()).isEqualTo(AdminTestApplication.HOSTNAME);
        assertThat(browser.find(By.id("certificate-names")).getText())
                .isEqualTo(AdminTestApplication.HOSTNAME + ", autoconfig.example.com");
        assertThat(browser.find(By.id("acme-error")).getText()).contains("failed").contains("2 in a row")
                .contains(FixedServerSettings.ACME_ERROR);
        browser.screenshot("13-settings", Browser.DESKTOP);
        browser.open("/users");
        browser.screenshot("14-users-phone", Browser.PHONE);
        browser.open("/domains/example.com");
        browser.screenshot("15-domain-phone", Browser.PHONE);
    }

    @Test
    @Order(9)
    void deletingAsksFirst() {
        domains.create("old.example");
        browser.open("/domains");
        browser.find(By.cssSelector("a[aria-label='Delete old.example']")).click();

        assertThat(browser.await(By.tagName("h2")).getText()).isEqualTo("Delete the domain old.example?");
        browser.screenshot("16-delete-confirmation", Browser.DESKTOP);
        browser.find(By.xpath("//button[text()='Delete domain']")).click();

        assertThat(browser.flash()).isEqualTo("Domain old.example was deleted.");
        assertThat(domains.find("old.example")).isEmpty();
    }

    @Test
    @Order(10)
    void noPageBrokeItsContentSecurityPolicy() {
        for (String page : List.of("/", "/domains", "/domains/example.com", "/users", "/users/new", "/aliases",
                "/aliases/new", "/queue", "/settings", "/account/login")) {
            browser.open(page);
        }
        browser.open("/swagger-ui.html");
        assertThat(browser.await(By.cssSelector(".swagger-ui .info .title")).getText()).contains("Postroom administration API");
        browser.screenshot("17-api-docs", Browser.DESKTOP);

        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
    }

    @Test
    @Order(11)
    void signingOutEndsTheSession() {
        browser.open("/");
        browser.find(By.xpath("//button[text()='Sign out']")).click();

        assertThat(browser.flash()).isEqualTo("You are signed out.");
        browser.open("/users");
        assertThat(browser.path()).isEqualTo("/login");
    }

    private long deferredDelivery(String recipient) throws IOException {
        return DeferredDelivery.queue(store, queue, recipient);
    }

    private static ByteArrayInputStream message() {
        return new ByteArrayInputStream("Subject: hello\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
