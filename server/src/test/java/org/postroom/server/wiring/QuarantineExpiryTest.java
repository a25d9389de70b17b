package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postroom.storage.Database;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageChecks;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.quarantine.Quarantine;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The expiry runs on its own once started: what was held longer than the retention goes, the rest stays. */
class QuarantineExpiryTest {

    @Test
    void messagesHeldPastTheRetentionAreDeletedWithoutAnyoneAsking() throws Exception {
        try (TestDatabase testDatabase = TestDatabase.create()) {
            Database db = testDatabase.database();
            new DomainRepository(db, "postroom").create("expiry.example");
            new UserRepository(db).create("dana@expiry.example", "a long enough secret", null);
            MailDirectory directory = new MailDirectory(db);
            Quarantine quarantine = new Quarantine(db, directory, new MessageChecks(db));
            long old = hold(quarantine, directory);
            long recent = hold(quarantine, directory);
            JdbcClient.create(testDatabase.dataSource())
                    .sql("update quarantine set held_at = now() - interval '8 days' where message_id = ?").param(old)
                    .update();

            QuarantineExpiry expiry = new QuarantineExpiry(quarantine, Duration.ofDays(7), Duration.ofMillis(200));
            expiry.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> quarantine.find(old).isEmpty());
            } finally {
                expiry.stop();
            }
            assertThat(quarantine.find(recent)).isPresent();
            assertThat(expiry.isRunning()).isFalse();
        }
    }

    private static long hold(Quarantine quarantine, MailDirectory directory) throws Exception {
        String address = "dana@expiry.example";
        return quarantine.hold("x@bank.example", MessageOrigin.RECEIVED,
                List.of(Recipient.resolved(address, (Deliverable) directory.resolve(address))),
                new ByteArrayInputStream("Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)), "dmarc",
                List.of()).messageId();
    }
}
