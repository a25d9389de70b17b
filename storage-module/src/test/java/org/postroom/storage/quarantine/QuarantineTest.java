package org.postroom.storage.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.AliasRepository;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailboxEntry;
import org.postroom.storage.mailbox.Mailboxes;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.message.MessageChecks;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.message.MessageReaper;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

class QuarantineTest {

    private static final List<MessageCheck> DMARC_FAILED = List.of(new MessageCheck("spf", "fail", "smtp.mailfrom=bank.example"),
            new MessageCheck("dkim", "none", ""), new MessageCheck("dmarc", "fail", "header.from=bank.example p=quarantine"));

    private TestDatabase testDatabase;
    private Database db;
    private Quarantine quarantine;
    private MailDirectory directory;
    private Mailboxes mailboxes;
    private UserRepository users;
    private JdbcClient sql;

    @BeforeEach
    void createUsers() {
        testDatabase = TestDatabase.create();
        db = testDatabase.database();
        directory = new MailDirectory(db);
        quarantine = new Quarantine(db, directory, new MessageChecks(db));
        mailboxes = new Mailboxes(db);
        users = new UserRepository(db);
        sql = JdbcClient.create(testDatabase.dataSource());
        new DomainRepository(db, "postroom").create("example.com");
        for (String user : List.of("alice", "bob")) {
            users.create(user + "@example.com", "correct horse battery", null);
        }
        new AliasRepository(db).create("team@example.com", List.of("bob@example.com", "carol@far.example"));
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void aHeldMessageIsStoredOnceWithItsVerdictsAndReachesNoMailboxAndNoQueue() throws IOException {
        HoldReceipt receipt = hold("Subject: urgent payment\r\nFrom: ceo@bank.example\r\n\r\nPay now.\r\n",
                local("alice@example.com"), local("team@example.com"));

        assertThat(count("message")).isEqualTo(1);
        assertThat(count("message_chunk")).isEqualTo(1);
        assertThat(count("mailbox_entry")).isZero();
        assertThat(count("queue_entry")).isZero();
        assertThat(quarantine.count()).isEqualTo(1);
        HeldMessage held = quarantine.find(receipt.messageId()).orElseThrow();
        assertThat(held.held()).isTrue();
        assertThat(held.sender()).isEqualTo("ceo@bank.example");
        assertThat(held.origin()).isEqualTo(MessageOrigin.RECEIVED);
        assertThat(held.recipients()).containsExactly("alice@example.com", "team@example.com");
        assertThat(held.reason()).isEqualTo("dmarc");
        assertThat(held.checks()).containsExactlyElementsOf(DMARC_FAILED);
        assertThat(held.header()).isEqualTo("Subject: urgent payment\r\nFrom: ceo@bank.example");
        assertThat(new String(quarantine.content(held).readAllBytes(), StandardCharsets.UTF_8)).endsWith("Pay now.\r\n");
    }

    @Test
    void releaseDeliversTheSameStoredCopyToMailboxesAndTheQueueOnce() throws IOException {
        byte[] content = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        long id = hold(content, local("alice@example.com"), local("team@example.com")).messageId();

        ReleaseReceipt receipt = quarantine.release(id);

        assertThat(receipt.delivered()).containsExactly("alice@example.com", "team@example.com");
        assertThat(receipt.undeliverable()).isEmpty();
        for (String user : List.of("alice@example.com", "bob@example.com")) {
            List<MailboxEntry> entries = mailboxes.entries(inbox(user));
            assertThat(entries).singleElement().extracting(MailboxEntry::messageId).isEqualTo(id);
            assertThat(mailboxes.content(entries.get(0)).readAllBytes()).isEqualTo(content);
        }
        assertThat(sql.sql("select recipient from queue_entry where message_id = ?").param(id).query(String.class).list())
                .containsExactly("carol@far.example");
        assertThat(count("message")).isEqualTo(1);
        assertThat(users.find("alice@example.com").orElseThrow().usedBytes()).isEqualTo(content.length);
        assertThat(quarantine.find(id).orElseThrow().held()).isFalse();
        assertThat(quarantine.list(0, 50).items()).isEmpty();
        assertThat(quarantine.count()).isZero();

        assertThatThrownBy(() -> quarantine.release(id)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("released already");
        assertThatThrownBy(() -> quarantine.delete(id)).isInstanceOf(ConflictException.class);
        assertThat(mailboxes.entries(inbox("alice@example.com"))).hasSize(1);
    }

    @Test
    void aReleaseWaitsForOneInProgressElsewhereAndThenFindsItReleased() throws Exception {
        long id = hold("Subject: x\r\n\r\nx\r\n", local("alice@example.com")).messageId();

        assertThat(releaseBehindAnother(id, true)).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingRootCause().isInstanceOf(ConflictException.class).withMessageContaining("released already");
        assertThat(count("mailbox_entry")).isZero();
    }

    @Test
    void aReleaseWaitingForOneThatRollsBackDeliversTheMessage() throws Exception {
        long id = hold("Subject: x\r\n\r\nx\r\n", local("alice@example.com")).messageId();

        assertThat(releaseBehindAnother(id, false).get().delivered()).containsExactly("alice@example.com");
        assertThat(mailboxes.entries(inbox("alice@example.com"))).hasSize(1);
    }

    @Test
    void administratorsOnTwoProcessesReleasingAtOnceDeliverEachMessageExactlyOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(hold("Subject: " + i + "\r\n\r\nbody\r\n", local("alice@example.com"), local("team@example.com"))
                    .messageId());
        }
        try (HikariDataSource secondProcess = pool(testDatabase.url())) {
            Database second = new Database(secondProcess);
            Quarantine[] processes = { quarantine, new Quarantine(second, new MailDirectory(second), new MessageChecks(second)) };
            ExecutorService clicks = Executors.newFixedThreadPool(8);
            try {
                int released = 0;
                for (long id : ids) {
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<Boolean>> attempts = new ArrayList<>();
                    for (int click = 0; click < 8; click++) {
                        Quarantine process = processes[click % 2];
                        attempts.add(clicks.submit(() -> {
                            start.await();
                            try {
                                process.release(id);
                                return true;
                            } catch (ConflictException alreadyReleased) {
                                return false;
                            }
                        }));
                    }
                    start.countDown();
                    for (Future<Boolean> attempt : attempts) {
                        released += attempt.get() ? 1 : 0;
                    }
                }
                assertThat(released).isEqualTo(ids.size());
            } finally {
                clicks.shutdownNow();
            }
        }
        assertThat(mailboxes.entries(inbox("alice@example.com"))).hasSize(ids.size());
        assertThat(mailboxes.entries(inbox("bob@example.com"))).hasSize(ids.size());
        assertThat(count("queue_entry")).isEqualTo(ids.size());
        assertThat(users.find("alice@example.com").orElseThrow().messageCount()).isEqualTo(ids.size());
    }

    @Test
    void aReleaseOverQuotaDeliversToNoOneAndTheMessageStaysHeld() throws IOException {
        users.setQuota("bob@example.com", 10L);
        long id = hold("Subject: big\r\n\r\nmore than ten bytes\r\n", local("alice@example.com"),
                local("bob@example.com")).messageId();

        assertThatThrownBy(() -> quarantine.release(id)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("bob@example.com");
        assertThat(quarantine.find(id).orElseThrow().held()).isTrue();
        assertThat(count("mailbox_entry")).isZero();
        assertThat(users.find("alice@example.com").orElseThrow().usedBytes()).isZero();

        users.setQuota("bob@example.com", null);
        assertThat(quarantine.release(id).delivered()).containsExactly("alice@example.com", "bob@example.com");
    }

    @Test
    void recipientsAreResolvedAgainAndOneThatIsGoneIsReported() throws IOException {
        long id = hold("Subject: x\r\n\r\nx\r\n", local("alice@example.com"), local("bob@example.com")).messageId();
        users.delete("bob@example.com");

        ReleaseReceipt receipt = quarantine.release(id);

        assertThat(receipt.delivered()).containsExactly("alice@example.com");
        assertThat(receipt.undeliverable()).containsExactly("bob@example.com");
    }

    @Test
    void aMessageNoneOfWhoseRecipientsTakesMailAnyMoreStaysHeld() throws IOException {
        long id = hold("Subject: x\r\n\r\nx\r\n", local("bob@example.com")).messageId();
        users.setEnabled("bob@example.com", false);

        assertThatThrownBy(() -> quarantine.release(id)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("bob@example.com");
        assertThat(quarantine.find(id).orElseThrow().held()).isTrue();
    }

    @Test
    void anAddressRelayedForAUserIsQueuedAsItIs() throws IOException {
        long id = quarantine.hold("alice@example.com", MessageOrigin.SUBMITTED, List.of(Recipient.remote("x@far.example")),
                content("Subject: out\r\n\r\nx\r\n"), "spam", List.of()).messageId();

        assertThat(quarantine.release(id).delivered()).containsExactly("x@far.example");
        assertThat(sql.sql("select recipient from queue_entry").query(String.class).single()).isEqualTo("x@far.example");
    }

    @Test
    void deletingAHeldMessageRemovesItsBytesAndVerdicts() throws IOException {
        long id = hold("Subject: x\r\n\r\nx\r\n", local("alice@example.com")).messageId();

        quarantine.delete(id);

        assertThat(quarantine.find(id)).isEmpty();
        for (String table : List.of("message", "message_chunk", "message_check", "quarantine", "quarantine_recipient")) {
            assertThat(count(table)).as(table).isZero();
        }
        assertThatThrownBy(() -> quarantine.delete(id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> quarantine.release(id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> quarantine.release(4711)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theReaperKeepsAHeldMessage() throws IOException {
        long id = hold("Subject: x\r\n\r\nx\r\n", local("alice@example.com")).messageId();
        db.inTransaction("reap", jdbc -> {
            MessageReaper.removeUnreferenced(jdbc, List.of(id));
            return null;
        });
        assertThat(count("message")).isEqualTo(1);
    }

    @Test
    void aReleasedMessageLeavesWithItsLastMailboxEntry() throws IOException {
        long id = hold("Subject: x\r\n\r\nx\r\n", local("alice@example.com")).messageId();
        quarantine.release(id);

        mailboxes.expunge(inbox("alice@example.com"), List.of(1L));

        assertThat(quarantine.find(id)).isEmpty();
        for (String table : List.of("message", "message_check", "quarantine", "quarantine_recipient")) {
            assertThat(count(table)).as(table).isZero();
        }
    }

    @Test
    void messagesHeldLongerThanTheRetentionExpireAndOldReleasesAreForgotten() throws IOException {
        long old = hold("Subject: old\r\n\r\nx\r\n", local("alice@example.com")).messageId();
        long recent = hold("Subject: recent\r\n\r\nx\r\n", local("alice@example.com")).messageId();
        long released = hold("Subject: released\r\n\r\nx\r\n", local("bob@example.com")).messageId();
        quarantine.release(released);
        sql.sql("update quarantine set held_at = now() - interval '31 days' where message_id in (?, ?)")
                .params(old, released).update();
        sql.sql("update quarantine set released_at = now() - interval '31 days' where message_id = ?")
                .param(released).update();

        assertThat(quarantine.expire(Duration.ofDays(30))).isEqualTo(1);

        assertThat(quarantine.find(old)).isEmpty();
        assertThat(quarantine.find(recent)).isPresent();
        assertThat(quarantine.find(released)).isEmpty();
        assertThat(sql.sql("select id from message order by id").query(Long.class).list()).containsExactly(recent, released);
        assertThat(mailboxes.entries(inbox("bob@example.com"))).hasSize(1);
        assertThat(quarantine.expire(Duration.ofDays(30))).isZero();
    }

    @Test
    void theListShowsHeldMessagesNewestFirstAPageAtATime() throws IOException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(hold("Subject: " + i + "\r\n\r\nx\r\n", local("alice@example.com")).messageId());
        }
        quarantine.release(ids.get(1));

        var first = quarantine.list(0, 1);
        assertThat(first.items()).extracting(HeldMessage::id).containsExactly(ids.get(2));
        assertThat(first.items().get(0).checks()).containsExactlyElementsOf(DMARC_FAILED);
        assertThat(first.total()).isEqualTo(2);
        assertThat(quarantine.list(1, 1).items()).extracting(HeldMessage::id).containsExactly(ids.get(0));
        assertThat(quarantine.list(2, 1).items()).isEmpty();
    }

    @Test
    void theListShowsOneDomainsHeldMessagesOnlyWhenAsked() throws IOException {
        new DomainRepository(db, "postroom").create("other.example");
        users.create("dave@other.example", "correct horse battery", null);
        long ours = hold("Subject: ours\r\n\r\nx\r\n", local("alice@example.com")).messageId();
        long theirs = hold("Subject: theirs\r\n\r\nx\r\n", local("Dave@Other.example")).messageId();
        long both = hold("Subject: both\r\n\r\nx\r\n", local("bob@example.com"), local("dave@other.example"))
                .messageId();

        assertThat(quarantine.list("example.com", 0, 50).items()).extracting(HeldMessage::id).containsExactly(both, ours);
        var other = quarantine.list("OTHER.example.", 0, 50);
        assertThat(other.items()).extracting(HeldMessage::id).containsExactly(both, theirs);
        assertThat(other.total()).isEqualTo(2);
        assertThat(quarantine.list("nowhere.example", 0, 50).items()).isEmpty();
        assertThat(quarantine.list(" ", 0, 50).total()).isEqualTo(3);
    }

    @Test
    void theHeaderSectionEndsAtTheEmptyLineAlsoWithBareLineFeeds() throws IOException {
        long crlf = hold("Subject: a\r\n folded\r\nX: y\r\n\r\nSubject: not a header\r\n", local("alice@example.com"))
                .messageId();
        long lf = hold("Subject: b\nX: y\n\nSubject: not a header\n", local("alice@example.com")).messageId();
        long headerOnly = hold("Subject: c", local("alice@example.com")).messageId();

        assertThat(quarantine.find(crlf).orElseThrow().header()).isEqualTo("Subject: a\r\n folded\r\nX: y");
        assertThat(quarantine.find(lf).orElseThrow().header()).isEqualTo("Subject: b\nX: y");
        assertThat(quarantine.find(headerOnly).orElseThrow().header()).isEqualTo("Subject: c");
    }

    @Test
    void aFailureMidStreamHoldsNothing() {
        InputStream breaking = new FilterInputStream(new ByteArrayInputStream(new byte[600_000])) {
            private int read;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (read > 300_000) {
                    throw new IOException("connection reset by peer");
                }
                int n = super.read(buffer, offset, length);
                read += n;
                return n;
            }
        };
        assertThatThrownBy(() -> quarantine.hold("x@bank.example", MessageOrigin.RECEIVED,
                List.of(local("alice@example.com")), breaking, "dmarc", DMARC_FAILED))
                .isInstanceOf(IOException.class).hasMessageContaining("reset");
        for (String table : List.of("message", "message_chunk", "message_check", "quarantine", "quarantine_recipient")) {
            assertThat(count(table)).as(table).isZero();
        }
    }

    private HoldReceipt hold(String content, Recipient... recipients) throws IOException {
        return hold(content.getBytes(StandardCharsets.UTF_8), recipients);
    }

    private HoldReceipt hold(byte[] content, Recipient... recipients) throws IOException {
        return quarantine.hold("ceo@bank.example", MessageOrigin.RECEIVED, List.of(recipients),
                new ByteArrayInputStream(content), "dmarc", DMARC_FAILED);
    }

    private static InputStream content(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private Recipient local(String address) {
        return Recipient.resolved(address, (Deliverable) directory.resolve(address));
    }

    private long inbox(String address) {
        return ((Deliverable) directory.resolve(address)).mailboxes().iterator().next().mailboxId();
    }

    private long count(String table) {
        return sql.sql("select count(*) from " + table).query(Long.class).single();
    }

    /**
     * Starts a release of {@code id} while another process's release has claimed the held row but
     * not committed yet, waits until the release under test waits for that row, then lets the other
     * one commit or roll back.
     */
    private CompletableFuture<ReleaseReceipt> releaseBehindAnother(long id, boolean otherCommits) throws SQLException {
        try (Connection other = testDatabase.dataSource().getConnection(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.executeUpdate("update quarantine set released_at = now() where message_id = " + id);
            CompletableFuture<ReleaseReceipt> release = CompletableFuture.supplyAsync(() -> quarantine.release(id));
            awaitWaitingForALock();
            assertThat(release).isNotDone();
            if (otherCommits) {
                other.commit();
            } else {
                other.rollback();
            }
            return release;
        }
    }

    /** Until some session of this database waits for a row lock: the release under test. */
    private void awaitWaitingForALock() {
        await().atMost(Duration.ofSeconds(10)).until(() -> sql.sql("""
                select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
                """).query(Long.class).single() == 1);
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
