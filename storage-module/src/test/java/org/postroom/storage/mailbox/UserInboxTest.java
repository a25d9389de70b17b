package org.postroom.storage.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.Page;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.message.MessageOrigin;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user's INBOX as their account page reads it: newest first with each message's header
 * section, only their own messages, and one removed at their word, but never under a POP3
 * session that holds the mailbox.
 */
class UserInboxTest {

    private static final String ALICE = "alice@example.com";
    private static final String BOB = "bob@example.com";

    private TestDatabase testDatabase;
    private MailStore store;
    private MailDirectory directory;
    private UserInbox inbox;
    private UserRepository users;
    private JdbcClient sql;

    @BeforeEach
    void createUsers() {
        testDatabase = TestDatabase.create();
        Database db = testDatabase.database();
        store = new MailStore(db);
        directory = new MailDirectory(db);
        inbox = new UserInbox(db);
        users = new UserRepository(db);
        sql = JdbcClient.create(testDatabase.dataSource());
        new DomainRepository(db, "postroom").create("example.com");
        users.create(ALICE, "correct horse battery", null);
        users.create(BOB, "correct horse battery", null);
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void theNewestComesFirstWithItsHeaderSectionAndOnlyTheUsersOwn() throws IOException {
        deliver("Subject: first\r\n\r\nbody one\r\n", ALICE);
        deliver("Subject: second\r\nFrom: <x@far.example>\r\n\r\nbody two\r\n", ALICE, BOB);
        deliver("Subject: for bob\r\n\r\nhi\r\n", BOB);

        Page<InboxMessage> page = inbox.list(ALICE, 0, 1);

        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).singleElement().satisfies(newest -> {
            assertThat(newest.header()).isEqualTo("Subject: second\r\nFrom: <x@far.example>");
            assertThat(newest.sender()).isEqualTo("sender@far.example");
        });
        assertThat(inbox.list(ALICE, 1, 1).items()).extracting(InboxMessage::header).containsExactly("Subject: first");
        assertThat(inbox.list(BOB, 0, 10).items()).extracting(InboxMessage::header)
                .containsExactly("Subject: for bob", "Subject: second\r\nFrom: <x@far.example>");
    }

    @Test
    void anotherUsersMessageIsNotFoundNorRemoved() throws IOException {
        deliver("Subject: for bob\r\n\r\nhi\r\n", BOB);
        long bobs = inbox.list(BOB, 0, 1).items().get(0).uid();

        assertThat(inbox.find(ALICE, bobs)).isEmpty();
        assertThatThrownBy(() -> inbox.remove(ALICE, bobs)).isInstanceOf(NotFoundException.class);
        assertThat(inbox.find(BOB, bobs)).isPresent();
    }

    @Test
    void theContentIsTheStoredMessageAndRemovingFreesTheQuotaAndTheBytesNoOneElseHas() throws IOException {
        String text = "Subject: spam\r\n\r\nbuy now\r\n";
        deliver(text, ALICE);
        InboxMessage message = inbox.list(ALICE, 0, 10).items().get(0);
        try (InputStream content = inbox.content(message)) {
            assertThat(new String(content.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
        }

        inbox.remove(ALICE, message.uid());

        assertThat(inbox.list(ALICE, 0, 10).total()).isZero();
        assertThat(users.find(ALICE).orElseThrow().messageCount()).isZero();
        assertThat(users.find(ALICE).orElseThrow().usedBytes()).isZero();
        assertThat(sql.sql("select count(*) from message").query(Long.class).single()).isZero();
        assertThatThrownBy(() -> inbox.remove(ALICE, message.uid())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aPop3SessionHoldingTheMailboxKeepsItsMessagesUntilItEnds() throws IOException {
        deliver("Subject: being downloaded\r\n\r\nhi\r\n", ALICE);
        long uid = inbox.list(ALICE, 0, 1).items().get(0).uid();
        try (MaildropLocks pop3 = new MaildropLocks(testDatabase.dataSource())) {
            MaildropLock session = pop3.tryLock(inboxOf(ALICE)).orElseThrow();

            assertThatThrownBy(() -> inbox.remove(ALICE, uid)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("downloading");
            assertThat(inbox.find(ALICE, uid)).isPresent();

            session.close();
            inbox.remove(ALICE, uid);
        }
        assertThat(inbox.find(ALICE, uid)).isEmpty();
    }

    private void deliver(String content, String... recipients) throws IOException {
        List<Recipient> resolved = java.util.Arrays.stream(recipients)
                .map(r -> Recipient.resolved(r, (Deliverable) directory.resolve(r))).toList();
        store.deliver("sender@far.example", MessageOrigin.RECEIVED, resolved,
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private long inboxOf(String address) {
        return ((Deliverable) directory.resolve(address)).mailboxes().iterator().next().mailboxId();
    }
}
