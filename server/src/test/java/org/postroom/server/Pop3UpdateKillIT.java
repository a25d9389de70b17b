package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.storage.Database;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A hard kill while a POP3 session is in its UPDATE state (issue 24): the mail client marked every
 * message deleted and sent QUIT, and the process is killed with SIGKILL the moment after. After the
 * restart the mailbox holds either all the messages (the deletions were not committed) or none of
 * them (they were, in one transaction): never some, so no message the client did not see deleted
 * is gone, and the counters match the entries.
 */
class Pop3UpdateKillIT {

    private static final int MESSAGES = 400;
    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void aKillDuringQuitRemovesAllTheMarkedMessagesOrNone(@TempDir Path workDir) throws Exception {
        try (PostroomProcess postroom = new PostroomProcess(workDir, Map.of())) {
            postroom.start("--postroom.hostname=mx.example.com");
            Database db = new Database(PostroomProcess.embeddedDatabase(workDir));
            new DomainRepository(db, "postroom").create("example.com");
            new UserRepository(db).create("alice@example.com", PASSWORD, null);
            MailStore store = new MailStore(db);
            Recipient alice = Recipient.resolved("alice@example.com",
                    (Deliverable) new MailDirectory(db).resolve("alice@example.com"));
            for (int i = 0; i < MESSAGES; i++) {
                store.deliver("far@elsewhere.test", MessageOrigin.RECEIVED, List.of(alice),
                        new ByteArrayInputStream(("Subject: " + i + "\r\n\r\nbody " + i + "\r\n")
                                .getBytes(StandardCharsets.US_ASCII)));
            }

            POP3SClient pop3 = new POP3SClient(true, TrustedCertificate.generatedIn(workDir.resolve("data")));
            pop3.connect("127.0.0.1", postroom.port("POP3S"));
            assertThat(pop3.login("alice@example.com", PASSWORD)).isTrue();
            for (int i = 1; i <= MESSAGES; i++) {
                assertThat(pop3.deleteMessage(i)).isTrue();
            }
            // QUIT, and the kill while its answer is on the way
            CompletableFuture<Boolean> quit = CompletableFuture.supplyAsync(() -> {
                try {
                    return pop3.logout();
                } catch (IOException e) {
                    return false;
                }
            });
            postroom.kill();
            System.out.printf("QUIT answered +OK before the kill: %s%n", quit.get(60, TimeUnit.SECONDS));

            postroom.start("--postroom.hostname=mx.example.com");
            JdbcClient sql = JdbcClient.create(PostroomProcess.embeddedDatabase(workDir));
            long entries = sql.sql("select count(*) from mailbox_entry").query(Long.class).single();
            long counted = sql.sql("select message_count from mailbox where name = 'INBOX'").query(Long.class).single();
            System.out.printf("POP3 UPDATE killed: %d of %d messages left%n", entries, MESSAGES);
            assertThat(entries).isIn(0L, (long) MESSAGES);
            assertThat(counted).isEqualTo(entries);
        }
    }
}
