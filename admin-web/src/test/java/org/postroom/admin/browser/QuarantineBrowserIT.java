package org.postroom.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.quarantine.DmarcHold;
import org.postroom.storage.Database;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailboxEntry;
import org.postroom.storage.mailbox.Mailboxes;
import org.postroom.storage.quarantine.Quarantine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * An administrator works the quarantine in a real headless chromium: a message the MX held after a
 * failed DMARC check (held through storage's API, as the SMTP path holds it) is found from the
 * dashboard, read as text (its HTML never rendered), and released into the user's mailbox; another
 * is deleted after a confirmation. That the user then downloads the released message over POP3 is
 * shown by the server's QuarantineReleaseOverPop3IT, where the POP3 listener runs; here the
 * mailbox entry is checked in storage.
 *
 * <p>A Spring context (and so a database) of its own: ConsoleBrowserIT starts from an empty server
 * and must not find this test's domain, whichever order the classes run in.
 */
@TestPropertySource(properties = "test.database=quarantine-browser")
class QuarantineBrowserIT extends BrowserSession {

    private static final String ALICE = "alice@held.example";
    private static final String PHISH = """
            From: "Bank" <ceo@bank.example>\r
            Subject: Urgent: confirm the transfer\r
            Content-Type: text/html\r
            \r
            <html><body><script>document.title='owned'</script><p>Pay <b>now</b>.</p></body></html>\r
            """;

    @Autowired
    Quarantine quarantine;
    @Autowired
    Database db;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;

    private long phish;

    @Test
    @Order(1)
    void theDashboardPointsTheAdministratorAtAHeldMessage() throws IOException {
        domains.create("held.example");
        users.create(ALICE, "correct horse battery", null);
        phish = DmarcHold.hold(quarantine, db, PHISH, ALICE);

        browser.open("/");
        browser.type("username", AdminTestApplication.ADMIN);
        browser.find(By.id("password")).sendKeys(AdminTestApplication.ADMIN_PASSWORD, Keys.ENTER);
        assertThat(browser.await(By.cssSelector(".callout")).getText()).contains("held in the quarantine");
        browser.screenshot("quarantine-01-dashboard", Browser.DESKTOP);

        browser.find(By.linkText("Review them")).click();

        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Quarantine");
        WebElement row = browser.find(By.xpath("//tr[.//a[text()='Urgent: confirm the transfer']]"));
        assertThat(row.getText()).contains(DmarcHold.SENDER).contains("dmarc");
        assertThat(row.findElements(By.cssSelector(".verdicts .badge")).stream().map(WebElement::getText).toList())
                .containsExactly("spf fail", "dkim none", "dmarc fail");
        browser.screenshot("quarantine-02-list", Browser.DESKTOP);
        browser.screenshot("quarantine-02-list-phone", Browser.PHONE);
    }

    @Test
    @Order(2)
    void theMessageIsReadAsTextNeverRendered() {
        browser.find(By.linkText("Urgent: confirm the transfer")).click();

        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Urgent: confirm the transfer");
        List<WebElement> sources = browser.driver().findElements(By.cssSelector("pre.source"));
        assertThat(sources.get(0).getText()).contains("Subject: Urgent: confirm the transfer");
        assertThat(sources.get(1).getText()).contains("<script>document.title='owned'</script>");
        assertThat(browser.driver().getTitle()).isNotEqualTo("owned");
        assertThat(browser.driver().findElements(By.cssSelector("main b"))).isEmpty();
        assertThat(browser.find(By.cssSelector(".verdict-list")).getText()).contains("header.from=bank.example p=quarantine");
        browser.screenshot("quarantine-03-message", Browser.DESKTOP);
    }

    @Test
    @Order(3)
    void releasingDeliversItIntoTheMailbox() {
        browser.find(By.xpath("//button[text()='Release']")).click();

        assertThat(browser.flash()).isEqualTo("Message " + phish + " was released to " + ALICE + ".");
        assertThat(browser.find(By.cssSelector(".empty h2")).getText()).isEqualTo("Nothing is held");
        List<MailboxEntry> inbox = new Mailboxes(db).entries(inbox(ALICE));
        assertThat(inbox).singleElement().extracting(MailboxEntry::messageId).isEqualTo(phish);
        browser.screenshot("quarantine-04-released", Browser.DESKTOP);
    }

    @Test
    @Order(4)
    void deletingAsksFirst() throws IOException {
        long spam = DmarcHold.hold(quarantine, db, "Subject: Cheap pills\r\n\r\nBuy.\r\n", ALICE);
        browser.open("/quarantine/" + spam);
        browser.find(By.linkText("Delete…")).click();

        assertThat(browser.await(By.tagName("h2")).getText()).isEqualTo("Delete the message from " + DmarcHold.SENDER + "?");
        browser.find(By.xpath("//button[text()='Delete message']")).click();

        assertThat(browser.flash()).isEqualTo("Message " + spam + " was deleted; no one will get it.");
        assertThat(quarantine.find(spam)).isEmpty();
        assertThat(new Mailboxes(db).entries(inbox(ALICE))).hasSize(1);
    }

    @Test
    @Order(5)
    void noQuarantinePageBrokeItsContentSecurityPolicy() {
        browser.open("/quarantine/" + phish);
        browser.open("/quarantine");
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
    }

    private long inbox(String address) {
        return ((Deliverable) new MailDirectory(db).resolve(address)).mailboxes().iterator().next().mailboxId();
    }
}
