package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.storage.Database;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.Mailboxes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 16: greylisting across two Postroom processes on one database. Two packaged servers run
 * as processes of their own on the same PostgreSQL (this JVM's test server); a client the first
 * one deferred retries at the second, which defers it while the delay lasts and passes it after;
 * the first then knows the triplet too. The client's wait is made by moving the first attempt's
 * time back in the database, as if the delay had passed: no test sleeps for five minutes.
 */
class GreylistingAcrossProcessesIT {

    private static final String RECIPIENT = "gina@grey.example";

    @Test
    void aRetryThatReachesTheOtherProcessAfterTheDelayPasses(@TempDir Path first, @TempDir Path second)
            throws Exception {
        String url = TestDatabase.createUrl();
        Map<String, String> environment = Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", "postgres",
                "POSTROOM_HOSTNAME", "mx.grey.example", "POSTROOM_ANTISPAM_GREYLISTING_ENABLED", "true");
        try (PostroomProcess one = new PostroomProcess(first, environment);
                PostroomProcess other = new PostroomProcess(second, environment)) {
            one.start();
            other.start();
            Database db = new Database(new DriverManagerDataSource(url, "postgres", ""));
            new DomainRepository(db, "postroom").create("grey.example");
            new UserRepository(db).create(RECIPIENT, "gina's long secret", null);

            // the first attempt reaches one process, an early retry the other: both deferred
            assertThat(rcpt(one)).startsWith("451 4.7.1 Greylisted");
            assertThat(rcpt(other)).startsWith("451 4.7.1 Greylisted");
            // the client waits out the delay (five minutes by default)
            assertThat(JdbcClient.create(db.dataSource())
                    .sql("update greylist_triplet set first_seen = first_seen - interval '5 minutes'").update())
                    .isEqualTo(1);
            // its retry reaches the other process and passes; from then on both pass it at once
            assertThat(send(other)).startsWith("250 2.0.0");
            assertThat(send(one)).startsWith("250 2.0.0");

            long inbox = ((Deliverable) new MailDirectory(db).resolve(RECIPIENT)).mailboxes().iterator().next()
                    .mailboxId();
            assertThat(new Mailboxes(db).entries(inbox)).hasSize(2);
            assertThat(one.log()).contains("reason=greylisted network=127.0.0.0/24");
            assertThat(other.log()).contains("reason=greylisted network=127.0.0.0/24")
                    .contains("greylisting passed <" + RECIPIENT + "> from <news@shop.test> network=127.0.0.0/24");
        }
    }

    /** MAIL and RCPT at {@code postroom}'s port 25; the reply to RCPT. */
    private static String rcpt(PostroomProcess postroom) throws Exception {
        try (SmtpClient smtp = SmtpClient.connect(postroom.port("SMTP"))) {
            return transaction(smtp);
        }
    }

    /** A whole message to port 25 of {@code postroom}; the reply to its data. */
    private static String send(PostroomProcess postroom) throws Exception {
        try (SmtpClient smtp = SmtpClient.connect(postroom.port("SMTP"))) {
            assertThat(transaction(smtp)).startsWith("250 2.1.5");
            assertThat(smtp.command("DATA")).startsWith("354");
            return smtp.command("From: news@shop.test\r\nSubject: across\r\n\r\nhello\r\n.");
        }
    }

    private static String transaction(SmtpClient smtp) throws Exception {
        assertThat(smtp.reply()).startsWith("220 mx.grey.example");
        assertThat(smtp.command("EHLO mx.shop.test")).startsWith("250");
        assertThat(smtp.command("MAIL FROM:<news@shop.test>")).startsWith("250 2.1.0");
        return smtp.command("RCPT TO:<" + RECIPIENT + ">");
    }
}
