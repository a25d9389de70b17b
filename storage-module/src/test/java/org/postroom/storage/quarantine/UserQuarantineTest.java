package org.postroom.storage.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.MailboxEntry;
import org.postroom.storage.mailbox.Mailboxes;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.message.MessageChecks;
import org.postroom.storage.message.MessageOrigin;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user's own quarantine: they see, release (into their INBOX only) and delete the held messages
 * that were for their mailbox, and nothing of anyone else's; the administrators' release leaves out
 * whoever decided; the hold ends by itself once every user it went to decided.
 */
class UserQuarantineTest {

    private static final String ALICE = "alice@example.com";
    private static final String BOB = "bob@example.com";

    private TestDatabase testDatabase;
    private Database db;
    private MailDirectory directory;
    private Quarantine quarantine;
    private UserQuarantine own;
    private Mailboxes mailboxes;
    private UserRepository users;
    private JdbcClient sql;

    @BeforeEach
    void createUsers() {
        testDatabase = TestDatabase.create();
        db = testDatabase.database();
        directory = new MailDirectory(db);
        quarantine = new Quarantine(db, directory, new MessageChecks(db));
        own = new UserQuarantine(db, new MessageChecks(db));
        mailboxes = new Mailboxes(db);
        users = new UserRepository(db);
        sql = JdbcClient.create(testDatabase.dataSource());
        new DomainRepository(db, "postroom").create("example.com");
        users.create(ALICE, "correct horse battery", null);
        users.create(BOB, "correct horse battery", null);
        new AliasRepository(db).create("team@example.com", List.of(BOB, "carol@far.example"));
        new AliasRepository(db).create("both@example.com", List.of(ALICE, BOB));
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void aUserSeesTheMessagesHeldForTheirMailboxWhateverAddressTheyCameTo() throws IOException {
        long toAlice = hold("Subject: for alice", "alice+news@example.com");
        long toBob = hold("Subject: for bob", BOB);
        long toTeam = hold("Subject: for the team", "team@example.com");

        assertThat(own.list(ALICE, 0, 50).items()).extracting(HeldMessage::id).containsExactly(toAlice);
        assertThat(own.list(BOB, 0, 50).items()).extracting(HeldMessage::id).containsExactly(toTeam, toBob);
        assertThat(own.count(BOB)).isEqualTo(2);
        HeldMessage held = own.find(ALICE, toAlice).orElseThrow();
        assertThat(held.header()).isEqualTo("Subject: for alice");
        assertThat(new String(own.content(held).readAllBytes(), StandardCharsets.UTF_8)).endsWith("Pay now.\r\n");
    }

    @Test
    void anotherUsersHeldMessageIsNotFoundWhateverTheUserTries() throws IOException {
        long toAlice = hold("Subject: for alice", ALICE);

        assertThat(own.find(BOB, toAlice)).isEmpty();
        assertThat(own.list(BOB, 0, 50).items()).isEmpty();
        assertThatThrownBy(() -> own.release(BOB, toAlice)).isInstanceOf(NotFoundException.class)
                .hasMessage("no held message " + toAlice + " for " + BOB);
        assertThatThrownBy(() -> own.delete(BOB, toAlice)).isInstanceOf(NotFoundException.class)
                .hasMessage("no held message " + toAlice + " for " + BOB);
        // the same answer as for a message that does not exist at all
        assertThatThrownBy(() -> own.release(BOB, 4711)).isInstanceOf(NotFoundException.class)
                .hasMessage("no held message 4711 for " + BOB);

        assertThat(count("mailbox_entry")).isZero();
        assertThat(own.find(ALICE, toAlice)).isPresent();
        assertThat(quarantine.find(toAlice).orElseThrow().held()).isTrue();
    }

    @Test
    void aUserReleasesIntoTheirOwnInboxOnlyAndTheAdministratorsReleaseLeavesThemOut() throws IOException {
        long id = hold("Subject: for both", ALICE, BOB);

        ReleaseReceipt receipt = own.release(ALICE, id);

        assertThat(receipt.delivered()).containsExactly(ALICE);
        assertThat(mailboxes.entries(inbox(ALICE))).singleElement().extracting(MailboxEntry::messageId).isEqualTo(id);
        assertThat(mailboxes.entries(inbox(BOB))).isEmpty();
        assertThat(own.list(ALICE, 0, 50).items()).isEmpty();
        assertThat(own.find(BOB, id)).isPresent();
        assertThat(quarantine.find(id).orElseThrow().held()).as("bob has not decided").isTrue();
        assertThatThrownBy(() -> own.release(ALICE, id)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("released by you already");

        assertThat(quarantine.release(id).delivered()).containsExactly(BOB);
        assertThat(mailboxes.entries(inbox(ALICE))).hasSize(1);
        assertThat(mailboxes.entries(inbox(BOB))).hasSize(1);
        assertThat(own.list(BOB, 0, 50).items()).isEmpty();
        assertThatThrownBy(() -> own.delete(BOB, id)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("released already");
    }

    @Test
    void onceEveryUserDecidedTheHoldEndsReleasedWhenAnyoneReleasedIt() throws IOException {
        long id = hold("Subject: via an alias", "both@example.com");

        own.release(ALICE, id);
        own.delete(BOB, id);

        assertThat(quarantine.find(id).orElseThrow().held()).isFalse();
        assertThat(quarantine.count()).isZero();
        assertThat(mailboxes.entries(inbox(ALICE))).hasSize(1);
        assertThat(mailboxes.entries(inbox(BOB))).isEmpty();
    }

    @Test
    void onceEveryUserDeletedItTheMessageIsGone() throws IOException {
        long id = hold("Subject: for both", ALICE, BOB);

        own.delete(ALICE, id);
        assertThat(quarantine.find(id)).isPresent();
        own.delete(BOB, id);

        assertThat(quarantine.find(id)).isEmpty();
        for (String table : List.of("message", "message_chunk", "message_check", "quarantine", "quarantine_user")) {
            assertThat(count(table)).as(table).isZero();
        }
    }

    @Test
    void aMessageAlsoForAnExternalTargetWaitsForTheAdministratorsAfterTheUsersDecided() throws IOException {
        long id = hold("Subject: for the team", "team@example.com");

        own.delete(BOB, id);

        assertThat(quarantine.find(id).orElseThrow().held()).isTrue();
        assertThat(own.list(BOB, 0, 50).items()).isEmpty();
        ReleaseReceipt receipt = quarantine.release(id);
        assertThat(receipt.delivered()).containsExactly("team@example.com");
        assertThat(mailboxes.entries(inbox(BOB))).as("bob deleted his copy").isEmpty();
        assertThat(sql.sql("select recipient from queue_entry where message_id = ?").param(id).query(String.class).list())
                .containsExactly("carol@far.example");
    }

    @Test
    void anAdministratorsReleaseWithEveryUserDecidedDeliversNothingTwice() throws IOException {
        long id = hold("Subject: to the team and alice", "team@example.com", ALICE);
        own.release(ALICE, id);
        own.delete(BOB, id);
        new AliasRepository(db).delete("team@example.com");
        new AliasRepository(db).create("team@example.com", List.of(BOB));

        ReleaseReceipt receipt = quarantine.release(id);

        assertThat(receipt.delivered()).isEmpty();
        assertThat(mailboxes.entries(inbox(ALICE))).hasSize(1);
        assertThat(mailboxes.entries(inbox(BOB))).isEmpty();
        assertThat(count("queue_entry")).isZero();
        assertThat(count("message")).as("alice's copy keeps it").isEqualTo(1);
    }

    @Test
    void aUsersReleaseWaitsForAnAdministratorsReleaseAndThenFindsItReleased() throws Exception {
        long id = hold("Subject: for alice", ALICE);

        try (Connection administrator = testDatabase.dataSource().getConnection();
                Statement statement = administrator.createStatement()) {
            administrator.setAutoCommit(false);
            statement.executeUpdate("update quarantine set released_at = now() where message_id = " + id);
            CompletableFuture<ReleaseReceipt> release = CompletableFuture.supplyAsync(() -> own.release(ALICE, id));
            await().atMost(Duration.ofSeconds(10)).until(() -> sql.sql("""
                    select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
                    """).query(Long.class).single() == 1);
            assertThat(release).isNotDone();
            administrator.commit();

            assertThat(release).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingRootCause()
                    .isInstanceOf(ConflictException.class).withMessageContaining("released already");
        }
        assertThat(count("mailbox_entry")).isZero();
    }

    @Test
    void heldBytesCountTowardsNothingInTheQuotaAndAReleaseThatDoesNotFitChangesNothing() throws IOException {
        String body = "x".repeat(200);
        long id = hold("Subject: big\r\n\r\n" + body, ALICE);
        users.setQuota(ALICE, 300L);

        assertThat(users.find(ALICE).orElseThrow().usedBytes()).isZero();
        assertThat(users.find(ALICE).orElseThrow().messageCount()).isZero();
        // the held message takes no room: a message as large still fits
        assertThat(new MailStore(db).deliver("x@far.example", MessageOrigin.RECEIVED, List.of(local(ALICE)),
                new ByteArrayInputStream(("Subject: fits\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII)))
                .stored()).isTrue();

        assertThatThrownBy(() -> own.release(ALICE, id)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("no room");
        assertThat(own.find(ALICE, id)).as("still undecided").isPresent();
        assertThat(mailboxes.entries(inbox(ALICE))).hasSize(1);

        users.setQuota(ALICE, null);
        own.release(ALICE, id);
        assertThat(users.find(ALICE).orElseThrow().messageCount()).isEqualTo(2);
    }

    @Test
    void expiredAndAdministratorDeletedMessagesLeaveTheUsersQuarantineToo() throws IOException {
        long old = hold("Subject: old", ALICE);
        long deleted = hold("Subject: deleted", ALICE);
        sql.sql("update quarantine set held_at = now() - interval '31 days' where message_id = ?").param(old).update();

        quarantine.expire(Duration.ofDays(30));
        quarantine.delete(deleted);

        assertThat(own.list(ALICE, 0, 50).items()).isEmpty();
        assertThat(count("quarantine_user")).isZero();
    }

    @Test
    void aDeletedUsersCopiesGoWithThem() throws IOException {
        long id = hold("Subject: for both", ALICE, BOB);

        users.delete(BOB);

        assertThat(sql.sql("select count(*) from quarantine_user where message_id = ?").param(id).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(own.find(ALICE, id)).isPresent();
    }

    private long hold(String header, String... recipients) throws IOException {
        byte[] content = (header + (header.contains("\r\n\r\n") ? "" : "\r\n\r\nPay now.\r\n"))
                .getBytes(StandardCharsets.UTF_8);
        return quarantine.hold("ceo@bank.example", MessageOrigin.RECEIVED,
                List.of(recipients).stream().map(this::local).toList(), new ByteArrayInputStream(content), "dmarc",
                List.of(new MessageCheck("dmarc", "fail", "header.from=bank.example p=quarantine"))).messageId();
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
}
