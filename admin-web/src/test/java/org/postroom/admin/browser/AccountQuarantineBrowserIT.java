package org.postroom.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.postroom.admin.quarantine.DmarcHold;
import org.postroom.storage.Database;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.quarantine.Quarantine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A mail user works their own quarantine in a real headless chromium: the account page points at
 * held mail, a message's HTML is shown as its source (no script runs, nothing remote loads), it is
 * released into their mailbox, another user's message is not found, and the daily digest is turned
 * off. That the released message then arrives over POP3, and the digest too, is shown by the
 * server's UserQuarantineOverPop3IT, where the POP3 listener runs.
 */
@TestPropertySource(properties = "test.database=account-quarantine-browser")
class AccountQuarantineBrowserIT extends BrowserSession {

    private static final String HANNA = "hanna@own.example";
    private static final String IVO = "ivo@own.example";
    private static final String PASSWORD = "hanna's long secret";
    private static final String PHISH = """
            From: "Bank" <ceo@bank.example>\r
            Subject: Urgent: confirm the transfer\r
            Content-Type: text/html\r
            \r
            <html><body><script>document.title='owned'</script><img src="https://tracker.example/p.gif"><p>Pay <b>now</b>.</p></body></html>\r
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
    private long ivosMessage;

    @Test
    @Order(1)
    void theAccountPagePointsTheUserAtHeldMail() throws IOException {
        domains.create("own.example");
        users.create(HANNA, PASSWORD, null);
        users.create(IVO, PASSWORD, null);
        phish = DmarcHold.hold(quarantine, db, PHISH, HANNA);
        ivosMessage = DmarcHold.hold(quarantine, db, "Subject: for ivo only\r\n\r\nhi\r\n", IVO);

        browser.open("/account");
        browser.type("address", HANNA);
        browser.find(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        assertThat(browser.await(By.id("held")).findElement(By.xpath("..")).getText())
                .contains("1 message to you held back");
        browser.find(By.linkText("Review held mail")).click();

        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Held mail");
        assertThat(browser.find(By.cssSelector("table")).getText()).contains("Urgent: confirm the transfer")
                .contains("\"Bank\" <ceo@bank.example>").contains("the sender's domain says it did not send it")
                .doesNotContain("for ivo only");
        browser.screenshot("account-quarantine-01-list", Browser.DESKTOP);
        browser.screenshot("account-quarantine-01-list-phone", Browser.PHONE);
    }

    @Test
    @Order(2)
    void theMessageIsReadAsTextNeverRendered() {
        browser.find(By.linkText("Urgent: confirm the transfer")).click();

        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Urgent: confirm the transfer");
        assertThat(browser.find(By.cssSelector("pre.source")).getText())
                .contains("<script>document.title='owned'</script>");
        assertThat(browser.driver().getTitle()).isNotEqualTo("owned");
        assertThat(browser.driver().findElements(By.cssSelector("main b, main img[src^='https']"))).isEmpty();
        browser.screenshot("account-quarantine-02-message", Browser.DESKTOP);
        browser.screenshot("account-quarantine-02-message-phone", Browser.PHONE);
    }

    @Test
    @Order(3)
    void releasingPutsItIntoTheMailbox() {
        browser.find(By.xpath("//button[text()='Release to my mailbox']")).click();

        assertThat(browser.flash()).startsWith("The message is in your mailbox now");
        assertThat(browser.find(By.cssSelector(".empty h2")).getText()).isEqualTo("Nothing is held for you");
        assertThat(users.find(HANNA).orElseThrow().messageCount()).isEqualTo(1);
        browser.screenshot("account-quarantine-03-released", Browser.DESKTOP);
    }

    @Test
    @Order(4)
    void anotherUsersMessageIsNotFound() {
        browser.open("/account/quarantine/" + ivosMessage);

        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(browser.driver().getPageSource()).doesNotContain("for ivo only");
        assertThat(quarantine.find(ivosMessage).orElseThrow().held()).isTrue();
    }

    @Test
    @Order(5)
    void theUserTurnsTheDailyDigestOff() {
        browser.open("/account/quarantine");
        browser.find(By.xpath("//button[text()='Turn it off']")).click();

        assertThat(browser.flash()).startsWith("You no longer get the daily message");
        assertThat(users.find(HANNA).orElseThrow().quarantineDigest()).isFalse();
        assertThat(browser.find(By.id("digest-state")).getText()).isEqualTo("You do not get it.");
    }

    @Test
    @Order(6)
    void noAccountQuarantinePageBrokeItsContentSecurityPolicy() {
        browser.open("/account/quarantine/" + phish);
        browser.open("/account/quarantine");
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
    }
}
