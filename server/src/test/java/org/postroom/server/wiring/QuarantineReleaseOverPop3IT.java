package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.postroom.admin.browser.Browser;
import org.postroom.admin.browser.BrowserAvailable;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.quarantine.Quarantine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15's end to end: a message the MX held after a failed DMARC check (held through storage's
 * API, as the SMTP path holds it) is released by an administrator in a real headless chromium, and
 * the user's mail program then downloads it over the real POP3S listener, byte for byte.
 */
@ExtendWith(BrowserAvailable.class)
class QuarantineReleaseOverPop3IT extends WiredApplicationTest {

    /** postroom.admin.username's default. */
    private static final String ADMIN = "admin";
    private static final String ADDRESS = "erin@held.wired.example";
    private static final String PASSWORD = "erin's long secret";
    private static final String MESSAGE = "From: Bank <ceo@bank.example>\r\nSubject: Held for review\r\n\r\n"
            + "Please confirm the transfer.\r\n";

    @LocalServerPort
    int httpPort;

    @Autowired
    @Qualifier("pop3sListener")
    ListenerLifecycle pop3s;

    @Test
    void anAdministratorReleasesAHeldMessageAndTheUserDownloadsItOverPop3(@Autowired DomainRepository domains,
            @Autowired UserRepository users, @Autowired MailDirectory directory, @Autowired Quarantine quarantine)
            throws Exception {
        domains.create("held.wired.example");
        users.create(ADDRESS, PASSWORD, null);
        long id = quarantine.hold("ceo@bank.example", MessageOrigin.RECEIVED,
                List.of(Recipient.resolved(ADDRESS, (Deliverable) directory.resolve(ADDRESS))),
                new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII)), "dmarc",
                List.of(new MessageCheck("dmarc", "fail", "header.from=bank.example p=quarantine"))).messageId();
        assertThat(retrieveAll()).isEmpty();

        try (Browser browser = Browser.start(httpPort)) {
            browser.open("/quarantine");
            browser.type("username", ADMIN);
            browser.find(By.id("password")).sendKeys(ADMIN_PASSWORD, Keys.ENTER);
            browser.await(By.linkText("Held for review")).click();
            assertThat(browser.await(By.cssSelector(".verdict-list")).getText()).contains("dmarc fail");
            browser.find(By.xpath("//button[text()='Release']")).click();
            assertThat(browser.flash()).isEqualTo("Message " + id + " was released to " + ADDRESS + ".");
        }

        assertThat(retrieveAll()).containsExactly("Return-Path: <ceo@bank.example>\r\n" + MESSAGE);
    }

    private List<String> retrieveAll() throws Exception {
        return Pop3Downloads.retrieveAll(pop3s.listener().port(), trustingGeneratedCertificate(), ADDRESS, PASSWORD);
    }
}
