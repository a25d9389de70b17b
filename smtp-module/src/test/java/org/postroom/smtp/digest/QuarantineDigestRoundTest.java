package org.postroom.smtp.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.Database;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailboxEntry;
import org.postroom.storage.mailbox.Mailboxes;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageChecks;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.quarantine.Quarantine;
import org.postroom.storage.quarantine.QuarantineDigests;

/**
 * A day's round over a real PostgreSQL: each user with newly held messages finds one digest in their
 * INBOX, a user without finds none, and a second process (or a second run) that day sends nothing.
 */
class QuarantineDigestRoundTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 7);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T06:00:00Z"), ZoneOffset.UTC);

    private TestDatabase testDatabase;
    private Database db;
    private MailDirectory directory;
    private Mailboxes mailboxes;
    private QuarantineDigest message;

    @BeforeEach
    void createUsers() {
        testDatabase = TestDatabase.create();
        db = testDatabase.database();
        directory = new MailDirectory(db);
        mailboxes = new Mailboxes(db);
        message = new QuarantineDigest("mail.example.com", URI.create("https://mail.example.com/account/quarantine"),
                ZoneOffset.UTC, Duration.ofDays(30), Locale.ROOT);
        new DomainRepository(db, "postroom").create("example.com");
        UserRepository users = new UserRepository(db);
        for (String user : List.of("alice", "bob")) {
            users.create(user + "@example.com", "correct horse battery", null);
        }
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void eachUserWithNewlyHeldMessagesGetsOneDigestOnceADay() throws IOException {
        Quarantine quarantine = new Quarantine(db, directory, new MessageChecks(db));
        quarantine.hold("ceo@bank.example", MessageOrigin.RECEIVED, List.of(local("alice@example.com")),
                new ByteArrayInputStream("Subject: Urgent\r\n\r\nPay.\r\n".getBytes(StandardCharsets.US_ASCII)), "dmarc",
                List.of());

        assertThat(round("node-a").run(DAY)).isEqualTo(1);

        List<MailboxEntry> inbox = mailboxes.entries(inbox("alice@example.com"));
        assertThat(inbox).singleElement().extracting(MailboxEntry::sender).isEqualTo("");
        String digest = new String(mailboxes.content(inbox.get(0)).readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(digest).startsWith("From: Mail quarantine <MAILER-DAEMON@mail.example.com>\r\n")
                .contains("Subject: Urgent").contains("https://mail.example.com/account/quarantine");
        assertThat(mailboxes.entries(inbox("bob@example.com"))).isEmpty();

        assertThat(round("node-b").run(DAY)).as("another process, the same day").isZero();
        assertThat(round("node-a").run(DAY)).as("the round is finished").isZero();
        assertThat(round("node-a").run(DAY.plusDays(1))).as("nothing new the next day").isZero();
        assertThat(mailboxes.entries(inbox("alice@example.com"))).hasSize(1);
    }

    private QuarantineDigestRound round(String node) {
        return new QuarantineDigestRound(new QuarantineDigests(db), message, node, CLOCK);
    }

    private Recipient local(String address) {
        return Recipient.resolved(address, (Deliverable) directory.resolve(address));
    }

    private long inbox(String address) {
        return ((Deliverable) directory.resolve(address)).mailboxes().iterator().next().mailboxId();
    }
}
