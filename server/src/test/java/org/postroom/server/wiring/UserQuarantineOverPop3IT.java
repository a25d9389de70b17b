package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.postroom.admin.browser.Browser;
import org.postroom.admin.browser.BrowserAvailable;
import org.postroom.smtp.digest.QuarantineDigestRound;
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

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Issue 16's end to end for a mail user: a message the MX held (held through storage's API, as the
 * SMTP path holds it) is named in the daily digest, which the user's mail program downloads over
 * the real POP3S listener with the link to the account page; following the link in a real headless
 * chromium, the user signs in, reads the message as text and releases it, and the next POP3
 * download brings it, byte for byte. Another round the same day or the next sends nothing again.
 */
@ExtendWith(BrowserAvailable.class)
class UserQuarantineOverPop3IT extends WiredApplicationTest {

    private static final String ADDRESS = "gina@users.wired.example";
    private static final String PASSWORD = "gina's long secret";
    private static final String MESSAGE = "From: Bank <ceo@bank.example>\r\nSubject: Held for Gina\r\n\r\n"
            + "Please confirm the transfer.\r\n";
    /** A day of its own: the schedule's own round (at 07:00) cannot have claimed it before this test. */
    private static final LocalDate DAY = LocalDate.now().plusYears(50);

    @LocalServerPort
    int httpPort;

    @Autowired
    @Qualifier("pop3sListener")
    ListenerLifecycle pop3s;

    @Test
    void theDigestLinksToTheAccountPageWhereTheUserReleasesTheMessageForPop3(@Autowired DomainRepository domains,
            @Autowired UserRepository users, @Autowired MailDirectory directory, @Autowired Quarantine quarantine,
            @Autowired QuarantineDigestRound digests) throws Exception {
        domains.create("users.wired.example");
        users.create(ADDRESS, PASSWORD, null);
        quarantine.hold("ceo@bank.example", MessageOrigin.RECEIVED,
                List.of(Recipient.resolved(ADDRESS, (Deliverable) directory.resolve(ADDRESS))),
                new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII)), "dmarc",
                List.of(new MessageCheck("dmarc", "fail", "header.from=bank.example p=quarantine")));

        assertThat(digests.run(DAY)).isEqualTo(1);

        List<String> downloaded = retrieveAll();
        assertThat(downloaded).hasSize(1);
        MimeMessage digest = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(downloaded.get(0).getBytes(StandardCharsets.US_ASCII)));
        assertThat(digest.getSubject()).isEqualTo("1 message to you is in the quarantine");
        String text = (String) digest.getContent();
        assertThat(text).contains("From:    Bank <ceo@bank.example>").contains("Subject: Held for Gina");
        URI link = URI.create(text.lines().map(String::strip).filter(line -> line.startsWith("https://"))
                .findFirst().orElseThrow());
        assertThat(link).isEqualTo(URI.create("https://" + HOSTNAME + "/account/quarantine"));

        try (Browser browser = Browser.start(httpPort)) {
            // the link's path on this server: its host name is the public one, served by a proxy in production
            browser.open(link.getPath());
            browser.type("address", ADDRESS);
            browser.find(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
            browser.await(By.linkText("Review held mail")).click();
            browser.await(By.linkText("Held for Gina")).click();
            assertThat(browser.await(By.cssSelector("pre.source")).getText()).contains("Please confirm the transfer.");
            browser.find(By.xpath("//button[text()='Release to my mailbox']")).click();
            assertThat(browser.flash()).startsWith("The message is in your mailbox now");
            assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
        }

        assertThat(retrieveAll()).hasSize(2).contains("Return-Path: <ceo@bank.example>\r\n" + MESSAGE);
        assertThat(digests.run(DAY)).as("the same day again").isZero();
        assertThat(digests.run(DAY.plusDays(1))).as("nothing newly held").isZero();
    }

    private List<String> retrieveAll() throws Exception {
        return Pop3Downloads.retrieveAll(pop3s.listener().port(), trustingGeneratedCertificate(), ADDRESS, PASSWORD);
    }
}
