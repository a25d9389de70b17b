package org.postroom.storage.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The digest's bookkeeping: each held message is named to each of its users once, in a digest
 * stored into their INBOX in the same transaction; none for a user with nothing new, or with the
 * digest off for them or their domain; one process per day has the round.
 */
class QuarantineDigestsTest {

    private static final String ALICE = "alice@example.com";
    private static final String BOB = "bob@example.com";
    private static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    private TestDatabase testDatabase;
    private Database db;
    private MailDirectory directory;
    private Quarantine quarantine;
    private QuarantineDigests digests;
    private Mailboxes mailboxes;
    private UserRepository users;
    private JdbcClient sql;
    private final List<Digest> composed = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void createUsers() {
        testDatabase = TestDatabase.create();
        db = testDatabase.database();
        directory = new MailDirectory(db);
        quarantine = new Quarantine(db, directory, new MessageChecks(db));
        digests = new QuarantineDigests(db);
        mailboxes = new Mailboxes(db);
        users = new UserRepository(db);
        sql = JdbcClient.create(testDatabase.dataSource());
        new DomainRepository(db, "postroom").create("example.com");
        new DomainRepository(db, "postroom").create("other.example");
        users.create(ALICE, "correct horse battery", null);
        users.create(BOB, "correct horse battery", null);
        users.create("carol@other.example", "correct horse battery", null);
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void aDigestNamesEachNewHeldMessageOnceAndLandsInTheInbox() throws IOException {
        long first = hold("Subject: first", ALICE);
        long second = hold("Subject: second", ALICE, BOB);

        assertThat(digests.recipients()).containsExactly(ALICE, BOB);
        DigestOutcome outcome = digests.send(ALICE, this::compose);

        assertThat(outcome).isInstanceOf(DigestOutcome.Sent.class);
        DigestOutcome.Sent sent = (DigestOutcome.Sent) outcome;
        assertThat(sent.messages()).isEqualTo(2);
        Digest digest = composed.get(0);
        assertThat(digest.address()).isEqualTo(ALICE);
        assertThat(digest.entries()).extracting(Digest.Entry::messageId).containsExactly(first, second);
        assertThat(digest.entries().get(0).header()).isEqualTo("Subject: first");
        assertThat(digest.entries().get(0).sender()).isEqualTo("ceo@bank.example");
        assertThat(digest.entries().get(0).reason()).isEqualTo("dmarc");
        List<MailboxEntry> inbox = mailboxes.entries(inbox(ALICE));
        assertThat(inbox).singleElement().extracting(MailboxEntry::messageId).isEqualTo(sent.messageId());
        assertThat(new String(mailboxes.content(inbox.get(0)).readAllBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: digest for " + ALICE + "\r\n\r\n2 held\r\n");
        assertThat(sql.sql("select sender || '/' || origin from message where id = ?").param(sent.messageId())
                .query(String.class).single()).isEqualTo("/generated");

        assertThat(digests.send(ALICE, this::compose)).isInstanceOf(DigestOutcome.NothingNew.class);
        assertThat(digests.recipients()).containsExactly(BOB);

        long third = hold("Subject: third", ALICE);
        assertThat(digests.send(ALICE, this::compose)).isInstanceOf(DigestOutcome.Sent.class);
        assertThat(composed.get(1).entries()).extracting(Digest.Entry::messageId).containsExactly(third);
    }

    @Test
    void noDigestForAnEmptyDay() {
        assertThat(digests.recipients()).isEmpty();
        assertThat(digests.send(ALICE, this::compose)).isInstanceOf(DigestOutcome.NothingNew.class);
        assertThat(composed).isEmpty();
        assertThat(sql.sql("select count(*) from message").query(Long.class).single()).isZero();
    }

    @Test
    void theDigestIsOffForAUserOrForAWholeDomain() throws IOException {
        hold("Subject: x", ALICE, BOB, "carol@other.example");

        users.setQuarantineDigest(ALICE, false);
        new DomainRepository(db, "postroom").setQuarantineDigest("other.example", false);

        assertThat(users.find(ALICE).orElseThrow().quarantineDigest()).isFalse();
        assertThat(new DomainRepository(db, "postroom").find("other.example").orElseThrow().quarantineDigest()).isFalse();
        assertThat(digests.recipients()).containsExactly(BOB);
        assertThat(digests.send(ALICE, this::compose)).isInstanceOf(DigestOutcome.NothingNew.class);
        assertThat(digests.send("carol@other.example", this::compose)).isInstanceOf(DigestOutcome.NothingNew.class);

        users.setQuarantineDigest(ALICE, true);
        assertThat(digests.recipients()).containsExactly(ALICE, BOB);
    }

    @Test
    void messagesTheUserDecidedOnOrThatWereReleasedAreNotNamed() throws IOException {
        long decided = hold("Subject: decided", ALICE);
        long released = hold("Subject: released", ALICE);
        new UserQuarantine(db, new MessageChecks(db)).delete(ALICE, decided);
        quarantine.release(released);

        assertThat(digests.recipients()).isEmpty();
        assertThat(digests.send(ALICE, this::compose)).isInstanceOf(DigestOutcome.NothingNew.class);
    }

    @Test
    void aDigestThatDoesNotFitTheMailboxMarksNothing() throws IOException {
        hold("Subject: x", ALICE);
        users.setQuota(ALICE, 5L);

        assertThat(digests.send(ALICE, this::compose)).isInstanceOf(DigestOutcome.MailboxFull.class);
        assertThat(sql.sql("select count(*) from message").query(Long.class).single()).isEqualTo(1);

        users.setQuota(ALICE, null);
        assertThat(digests.send(ALICE, this::compose)).isInstanceOf(DigestOutcome.Sent.class);
    }

    @Test
    void twoProcessesSendingAtOnceNameEachMessageOnce() throws Exception {
        hold("Subject: x", ALICE);
        CountDownLatch firstLocked = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        try (HikariDataSource secondProcess = pool(testDatabase.url())) {
            QuarantineDigests other = new QuarantineDigests(new Database(secondProcess));
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                // the first process composes (its copies locked) until the second has been and gone
                Future<DigestOutcome> first = thread.submit(() -> digests.send(ALICE, digest -> {
                    firstLocked.countDown();
                    awaitLatch(secondDone);
                    return compose(digest);
                }));
                assertThat(firstLocked.await(10, TimeUnit.SECONDS)).isTrue();

                DigestOutcome second = other.send(ALICE, this::compose);
                secondDone.countDown();

                assertThat(second).as("skipped, not waited for").isInstanceOf(DigestOutcome.NothingNew.class);
                assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(DigestOutcome.Sent.class);
            } finally {
                thread.shutdownNow();
            }
        }
        assertThat(mailboxes.entries(inbox(ALICE))).hasSize(1);
        assertThat(digests.send(ALICE, this::compose)).isInstanceOf(DigestOutcome.NothingNew.class);
    }

    @Test
    void oneProcessHasTheRoundOfADayUntilItIsFinishedOrAbandoned() {
        assertThat(digests.claimRound(DAY, "node-a")).isTrue();
        assertThat(digests.claimRound(DAY, "node-b")).as("another process").isFalse();
        assertThat(digests.claimRound(DAY, "node-a")).as("the same process, trying again").isTrue();
        digests.finishRound(DAY);
        assertThat(digests.claimRound(DAY, "node-a")).as("finished").isFalse();

        LocalDate next = DAY.plusDays(1);
        assertThat(digests.claimRound(next, "node-a")).isTrue();
        sql.sql("update quarantine_digest_round set claimed_at = now() - interval '2 hours' where round_date = ?")
                .param(next).update();
        assertThat(digests.claimRound(next, "node-b")).as("abandoned for an hour").isTrue();
        assertThat(digests.claimRound(next, "node-a")).isFalse();

        assertThat(digests.claimRound(DAY.plusDays(40), "node-a")).isTrue();
        assertThat(sql.sql("select count(*) from quarantine_digest_round").query(Long.class).single())
                .as("rounds older than 30 days forgotten").isEqualTo(1);
    }

    /** A stand-in for smtp-module's digest text: what storage needs is a whole message's bytes. */
    private byte[] compose(Digest digest) {
        composed.add(digest);
        return ("Subject: digest for " + digest.address() + "\r\n\r\n" + digest.entries().size() + " held\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private long hold(String header, String... recipients) throws IOException {
        return quarantine.hold("ceo@bank.example", MessageOrigin.RECEIVED,
                List.of(recipients).stream().map(this::local).toList(),
                new ByteArrayInputStream((header + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8)), "dmarc",
                List.of()).messageId();
    }

    private Recipient local(String address) {
        return Recipient.resolved(address, (Deliverable) directory.resolve(address));
    }

    private long inbox(String address) {
        return ((Deliverable) directory.resolve(address)).mailboxes().iterator().next().mailboxId();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }
}
