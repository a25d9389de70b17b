package org.postroom.storage.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postroom.storage.mailbox.MailStoreTest.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.Database;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.message.MessageOrigin;
import org.springframework.jdbc.core.simple.JdbcClient;

class MailboxesTest {

    private TestDatabase testDatabase;
    private MailStore store;
    private Mailboxes mailboxes;
    private MailDirectory directory;
    private UserRepository users;
    private JdbcClient sql;

    @BeforeEach
    void createUsers() {
        testDatabase = TestDatabase.create();
        Database db = testDatabase.database();
        store = new MailStore(db);
        mailboxes = new Mailboxes(db);
        directory = new MailDirectory(db);
        users = new UserRepository(db);
        sql = JdbcClient.create(testDatabase.dataSource());
        new DomainRepository(db, "postroom").create("example.com");
        users.create("alice@example.com", "correct horse battery", null);
        users.create("bob@example.com", "correct horse battery", null);
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void expungeRemovesTheEntriesAndUpdatesTheCounters() throws IOException {
        long inbox = inbox("alice@example.com");
        for (int i = 0; i < 4; i++) {
            deliver(message("m" + i), "alice@example.com");
        }
        assertThat(mailboxes.expunge(inbox, List.of(1L, 3L, 99L))).isEqualTo(2);
        assertThat(mailboxes.entries(inbox)).extracting(MailboxEntry::uid).containsExactly(2L, 4L);
        var alice = users.find("alice@example.com").orElseThrow();
        assertThat(alice.messageCount()).isEqualTo(2);
        assertThat(alice.usedBytes()).isEqualTo(mailboxes.entries(inbox).stream().mapToLong(MailboxEntry::size).sum());
        assertThat(count("message")).isEqualTo(2);
    }

    @Test
    void anEntryKnowsTheReturnPathItIsReadAfter() throws IOException {
        deliver(message("bounce"), "alice@example.com");
        store.deliver("carol@example.org", MessageOrigin.RECEIVED, List.of(Recipient.resolved("alice@example.com",
                (Deliverable) directory.resolve("alice@example.com"))), new ByteArrayInputStream(message("reply")));

        List<MailboxEntry> entries = mailboxes.entries(inbox("alice@example.com"));

        assertThat(entries).extracting(MailboxEntry::sender).containsExactly("", "carol@example.org");
        assertThat(new String(entries.get(0).returnPath())).isEqualTo("Return-Path: <>\r\n");
        assertThat(new String(entries.get(1).returnPath())).isEqualTo("Return-Path: <carol@example.org>\r\n");
        assertThat(entries.get(1).deliveredSize()).isEqualTo(entries.get(1).size() + 34);
    }

    @Test
    void aSharedMessageStaysUntilItsLastMailboxLetsGo() throws IOException {
        deliver(message("shared"), "alice@example.com", "bob@example.com");
        mailboxes.expunge(inbox("alice@example.com"), List.of(1L));
        assertThat(count("message")).isEqualTo(1);
        mailboxes.expunge(inbox("bob@example.com"), List.of(1L));
        assertThat(count("message")).isZero();
        assertThat(count("message_chunk")).isZero();
    }

    @Test
    void concurrentExpungesOfTheLastTwoReferencesLeaveNoOrphan() throws Exception {
        for (int round = 0; round < 20; round++) {
            deliver(message("race " + round), "alice@example.com", "bob@example.com");
            long uid = mailboxes.entries(inbox("alice@example.com")).get(0).uid();
            long bobUid = mailboxes.entries(inbox("bob@example.com")).get(0).uid();
            Thread a = new Thread(() -> mailboxes.expunge(inbox("alice@example.com"), List.of(uid)));
            Thread b = new Thread(() -> mailboxes.expunge(inbox("bob@example.com"), List.of(bobUid)));
            a.start();
            b.start();
            a.join();
            b.join();
            assertThat(count("message")).as("round " + round).isZero();
        }
    }

    @Test
    void aMessageDeletedWhileBeingReadFailsInsteadOfEndingEarly() throws IOException {
        byte[] content = new byte[3 * MailStore.CHUNK_SIZE];
        new Random(1).nextBytes(content);
        deliver(content, "alice@example.com");
        long inbox = inbox("alice@example.com");
        MailboxEntry entry = mailboxes.entries(inbox).get(0);
        try (InputStream in = mailboxes.content(entry)) {
            in.readNBytes(MailStore.CHUNK_SIZE + 1);
            mailboxes.expunge(inbox, List.of(entry.uid()));
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("deleted");
        }
    }

    @Test
    void anEmptyMessageReadsBackEmpty() throws IOException {
        deliver(new byte[0], "alice@example.com");
        MailboxEntry entry = mailboxes.entries(inbox("alice@example.com")).get(0);
        try (InputStream in = mailboxes.content(entry)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void smallMessagesAreReadInOneGoAndMissingOnesAreLeftOut() throws IOException {
        deliver(message("first"), "alice@example.com");
        deliver(new byte[0], "alice@example.com");
        deliver(message("third"), "alice@example.com");
        long inbox = inbox("alice@example.com");
        List<MailboxEntry> entries = mailboxes.entries(inbox);
        mailboxes.expunge(inbox, List.of(entries.get(2).uid()));

        Map<Long, byte[]> contents = mailboxes.smallContents(entries);

        assertThat(contents).containsOnlyKeys(entries.get(0).messageId(), entries.get(1).messageId());
        assertThat(contents.get(entries.get(0).messageId())).isEqualTo(message("first"));
        assertThat(contents.get(entries.get(1).messageId())).isEmpty();
    }

    @Test
    void aMessageOfMoreThanOneChunkIsNotReadInOneGo() throws IOException {
        deliver(new byte[MailStore.CHUNK_SIZE + 1], "alice@example.com");
        List<MailboxEntry> entries = mailboxes.entries(inbox("alice@example.com"));

        assertThatThrownBy(() -> mailboxes.smallContents(entries)).isInstanceOf(IllegalArgumentException.class);
    }

    private void deliver(byte[] content, String... recipients) throws IOException {
        List<Recipient> resolved = java.util.Arrays.stream(recipients)
                .map(r -> Recipient.resolved(r, (Deliverable) directory.resolve(r))).toList();
        store.deliver("", MessageOrigin.RECEIVED, resolved, new ByteArrayInputStream(content));
    }

    private long inbox(String address) {
        return ((Deliverable) directory.resolve(address)).mailboxes().iterator().next().mailboxId();
    }

    private long count(String table) {
        return sql.sql("select count(*) from " + table).query(Long.class).single();
    }
}
