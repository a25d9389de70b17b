package org.postroom.storage.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.message.MessageChecks;
import org.postroom.storage.message.MessageOrigin;
import org.springframework.jdbc.core.simple.JdbcClient;

class MailStoreTest {

    private TestDatabase testDatabase;
    private MailStore store;
    private MessageChecks messageChecks;
    private Mailboxes mailboxes;
    private MailDirectory directory;
    private UserRepository users;
    private JdbcClient sql;

    @BeforeEach
    void createUsers() {
        testDatabase = TestDatabase.create();
        Database db = testDatabase.database();
        store = new MailStore(db);
        messageChecks = new MessageChecks(db);
        mailboxes = new Mailboxes(db);
        directory = new MailDirectory(db);
        users = new UserRepository(db);
        sql = JdbcClient.create(testDatabase.dataSource());
        new DomainRepository(db, "postroom").create("example.com");
        for (String user : List.of("alice", "bob", "carol")) {
            users.create(user + "@example.com", "correct horse battery", null);
        }
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void oneMessageForManyRecipientsIsStoredOnce() throws IOException {
        byte[] content = message("Hello all");
        DeliveryReceipt receipt = store.deliver("sender@elsewhere.org", MessageOrigin.RECEIVED,
                List.of(local("alice@example.com"), local("bob@example.com"), local("carol@example.com")),
                new ByteArrayInputStream(content));

        assertThat(receipt.delivered()).containsExactly("alice@example.com", "bob@example.com", "carol@example.com");
        assertThat(count("message")).isEqualTo(1);
        assertThat(count("message_chunk")).isEqualTo(1);
        assertThat(count("mailbox_entry")).isEqualTo(3);
        for (String user : List.of("alice", "bob", "carol")) {
            assertThat(readInbox(user + "@example.com")).isEqualTo(content);
        }
    }

    @Test
    void aMailboxReachedTwiceGetsOneCopy() throws IOException {
        store.deliver("", MessageOrigin.RECEIVED, List.of(local("alice@example.com"), local("alice+tag@example.com")),
                new ByteArrayInputStream(message("twice")));
        assertThat(entries("alice@example.com")).hasSize(1);
    }

    @Test
    void tenMebibytesOfEightBitBytesReadBackExactly() throws IOException {
        byte[] content = new byte[10 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        store.deliver("sender@elsewhere.org", MessageOrigin.RECEIVED,
                List.of(local("alice@example.com"), local("bob@example.com")),
                new ByteArrayInputStream(content));

        assertThat(count("message")).isEqualTo(1);
        assertThat(count("message_chunk")).isEqualTo(content.length / MailStore.CHUNK_SIZE + 1);
        assertThat(readInbox("alice@example.com")).isEqualTo(content);
        assertThat(readInbox("bob@example.com")).isEqualTo(content);
        assertThat(entries("alice@example.com").get(0).size()).isEqualTo(content.length);
    }

    @Test
    void aMessageOfExactlyOneChunkReadsBackExactly() throws IOException {
        byte[] content = new byte[MailStore.CHUNK_SIZE];
        new Random(7).nextBytes(content);
        store.deliver("", MessageOrigin.RECEIVED,
                List.of(local("alice@example.com")), new ByteArrayInputStream(content));
        assertThat(readInbox("alice@example.com")).isEqualTo(content);
    }

    @Test
    void aFailureMidStreamLeavesNothingBehind() {
        byte[] content = new byte[3 * MailStore.CHUNK_SIZE];
        InputStream breaking = new FilterInputStream(new ByteArrayInputStream(content)) {
            private int read;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (read > 2 * MailStore.CHUNK_SIZE) {
                    throw new IOException("connection reset by peer");
                }
                int n = super.read(buffer, offset, length);
                read += n;
                return n;
            }
        };
        assertThatThrownBy(() -> store.deliver("x@elsewhere.org", MessageOrigin.SUBMITTED,
                List.of(local("alice@example.com"), Recipient.remote("far@elsewhere.org")), breaking))
                .isInstanceOf(IOException.class).hasMessageContaining("reset");

        assertThat(count("message")).isZero();
        assertThat(count("message_chunk")).isZero();
        assertThat(count("mailbox_entry")).isZero();
        assertThat(count("queue_entry")).isZero();
        assertThat(users.find("alice@example.com").orElseThrow().usedBytes()).isZero();
    }

    @Test
    void remoteRecipientsAreQueuedInTheSameTransaction() throws IOException {
        DeliveryReceipt receipt = store.deliver("alice@example.com", MessageOrigin.SUBMITTED,
                List.of(Recipient.remote("x@Far.Example.ORG"), local("bob@example.com")),
                new ByteArrayInputStream(message("out")));
        assertThat(count("queue_entry")).isEqualTo(1);
        assertThat(sql.sql("select domain from queue_entry").query(String.class).single()).isEqualTo("far.example.org");
        assertThat(sql.sql("select message_id from queue_entry").query(Long.class).single())
                .isEqualTo(receipt.messageId());
    }

    @Test
    void aRecipientOverQuotaIsRefusedWhileTheOthersGetASubmittedMessage() throws IOException {
        users.setQuota("bob@example.com", 100L);
        DeliveryReceipt receipt = store.deliver("carol@example.com", MessageOrigin.SUBMITTED,
                List.of(local("alice@example.com"), local("bob@example.com")),
                new ByteArrayInputStream(new byte[101]));
        assertThat(receipt.delivered()).containsExactly("alice@example.com");
        assertThat(receipt.overQuota()).containsExactly("bob@example.com");
        assertThat(entries("bob@example.com")).isEmpty();
        assertThat(users.find("bob@example.com").orElseThrow().usedBytes()).isZero();

        DeliveryReceipt fits = store.deliver("", MessageOrigin.RECEIVED,
                List.of(local("bob@example.com")), new ByteArrayInputStream(new byte[100]));
        assertThat(fits.delivered()).containsExactly("bob@example.com");
    }

    @Test
    void aMessageFromTheInternetOneRecipientCannotTakeIsStoredForNoOne() throws IOException {
        users.setQuota("bob@example.com", 100L);
        DeliveryReceipt receipt = store.deliver("someone@elsewhere.org", MessageOrigin.RECEIVED,
                List.of(local("alice@example.com"), local("bob@example.com"), Recipient.remote("x@far.example")),
                new ByteArrayInputStream(new byte[101]));
        assertThat(receipt.stored()).isFalse();
        assertThat(receipt.delivered()).isEmpty();
        assertThat(receipt.overQuota()).containsExactly("bob@example.com");
        assertThat(count("message")).isZero();
        assertThat(count("mailbox_entry")).isZero();
        assertThat(count("queue_entry")).isZero();
        assertThat(users.find("alice@example.com").orElseThrow().usedBytes()).isZero();
    }

    @Test
    void whenEveryRecipientIsOverQuotaNothingIsStored() throws IOException {
        users.setQuota("alice@example.com", 10L);
        DeliveryReceipt receipt = store.deliver("", MessageOrigin.RECEIVED, List.of(local("alice@example.com")),
                new ByteArrayInputStream(message("too big")));
        assertThat(receipt.stored()).isFalse();
        assertThat(receipt.overQuota()).containsExactly("alice@example.com");
        assertThat(count("message")).isZero();
    }

    @Test
    void uidsGrowAndAreNeverReusedAfterDeletion() throws IOException {
        long inbox = inbox("alice@example.com");
        for (int i = 0; i < 3; i++) {
            store.deliver("", MessageOrigin.RECEIVED,
                    List.of(local("alice@example.com")), new ByteArrayInputStream(message("m" + i)));
        }
        assertThat(mailboxes.entries(inbox)).extracting(MailboxEntry::uid).containsExactly(1L, 2L, 3L);
        assertThat(mailboxes.expunge(inbox, List.of(3L))).isEqualTo(1);
        store.deliver("", MessageOrigin.RECEIVED,
                List.of(local("alice@example.com")), new ByteArrayInputStream(message("m3")));
        assertThat(mailboxes.entries(inbox)).extracting(MailboxEntry::uid).containsExactly(1L, 2L, 4L);
    }

    @Test
    void checkVerdictsAreStoredWithTheMessageInTheirOrder() throws IOException {
        List<MessageCheck> checks = List.of(new MessageCheck("spf", "pass", "smtp.mailfrom=elsewhere.org"),
                new MessageCheck("dkim", "fail", "d=elsewhere.org s=old body hash did not verify"),
                new MessageCheck("dkim", "pass", "d=elsewhere.org s=new"), new MessageCheck("dmarc", "pass", null));
        DeliveryReceipt first = store.deliver("sender@elsewhere.org", MessageOrigin.RECEIVED,
                List.of(local("alice@example.com")), new ByteArrayInputStream(message("checked")), checks);
        DeliveryReceipt second = store.deliver("sender@elsewhere.org", MessageOrigin.RECEIVED,
                List.of(local("alice@example.com")), new ByteArrayInputStream(message("other")),
                List.of(new MessageCheck("spf", "softfail", "")));
        DeliveryReceipt unchecked = store.deliver("alice@example.com", MessageOrigin.SUBMITTED,
                List.of(local("bob@example.com")), new ByteArrayInputStream(message("mine")));

        assertThat(messageChecks.of(first.messageId())).containsExactlyElementsOf(checks);
        assertThat(messageChecks.of(first.messageId()).get(3).detail()).isEmpty();
        assertThat(messageChecks.of(unchecked.messageId())).isEmpty();
        assertThat(messageChecks.of(List.of(first.messageId(), second.messageId(), unchecked.messageId())))
                .containsOnlyKeys(first.messageId(), second.messageId())
                .containsEntry(second.messageId(), List.of(new MessageCheck("spf", "softfail", "")));
    }

    @Test
    void checkVerdictsLeaveWithTheMessage() throws IOException {
        store.deliver("sender@elsewhere.org", MessageOrigin.RECEIVED, List.of(local("alice@example.com")),
                new ByteArrayInputStream(message("checked")), List.of(new MessageCheck("spf", "pass", "")));
        assertThat(count("message_check")).isEqualTo(1);
        mailboxes.expunge(inbox("alice@example.com"), List.of(1L));
        assertThat(count("message")).isZero();
        assertThat(count("message_check")).isZero();
    }

    @Test
    void aMessageStoredForNoOneLeavesNoCheckVerdicts() throws IOException {
        users.setQuota("alice@example.com", 10L);
        DeliveryReceipt receipt = store.deliver("", MessageOrigin.RECEIVED, List.of(local("alice@example.com")),
                new ByteArrayInputStream(message("too big")), List.of(new MessageCheck("spf", "none", "")));
        assertThat(receipt.stored()).isFalse();
        assertThat(count("message_check")).isZero();
    }

    @Test
    void aCheckWithoutMethodOrResultIsRefused() {
        assertThatThrownBy(() -> new MessageCheck("", "pass", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageCheck("spf", null, "")).isInstanceOf(IllegalArgumentException.class);
    }

    private Recipient local(String address) {
        return Recipient.resolved(address, (Deliverable) directory.resolve(address));
    }

    private long inbox(String address) {
        return ((Deliverable) directory.resolve(address)).mailboxes().iterator().next().mailboxId();
    }

    private List<MailboxEntry> entries(String address) {
        return mailboxes.entries(inbox(address));
    }

    private byte[] readInbox(String address) throws IOException {
        List<MailboxEntry> entries = entries(address);
        assertThat(entries).hasSize(1);
        try (InputStream in = mailboxes.content(entries.get(0))) {
            return in.readAllBytes();
        }
    }

    private long count(String table) {
        return sql.sql("select count(*) from " + table).query(Long.class).single();
    }

    static byte[] message(String body) {
        return ("From: sender@elsewhere.org\r\nTo: alice@example.com\r\nSubject: test\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
