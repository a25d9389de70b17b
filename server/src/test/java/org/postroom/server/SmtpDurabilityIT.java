package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.storage.Database;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a 250 promises: a message the server acknowledged is in the store, even when the process
 * is killed outright the moment after. 50 messages, each acknowledged, then SIGKILL, then a
 * restart: all 50 are there.
 */
class SmtpDurabilityIT {

    private static final int MESSAGES = 50;
    private static final String QUEUED = "250 2.0.0 Ok: queued as ";

    @Test
    void everyAcknowledgedMessageSurvivesAHardKill(@TempDir Path workDir) throws Exception {
        try (PostroomProcess postroom = new PostroomProcess(workDir, Map.of("POSTROOM_HOSTNAME", "mx.postroom.test"))) {
            postroom.start();
            Database db = new Database(PostroomProcess.embeddedDatabase(workDir));
            new DomainRepository(db, "postroom").create("example.com");
            new UserRepository(db).create("alice@example.com", "correct horse battery staple", null);

            List<Long> acknowledged = new ArrayList<>();
            try (SmtpClient smtp = SmtpClient.connect(postroom.port("SMTP"))) {
                assertThat(smtp.reply()).startsWith("220 mx.postroom.test");
                assertThat(smtp.command("EHLO client.elsewhere.test")).startsWith("250");
                for (int i = 1; i <= MESSAGES; i++) {
                    assertThat(smtp.command("MAIL FROM:<far@elsewhere.test>")).startsWith("250");
                    assertThat(smtp.command("RCPT TO:<alice@example.com>")).startsWith("250");
                    assertThat(smtp.command("DATA")).startsWith("354");
                    String reply = smtp.command("Subject: message " + i + "\r\n\r\nnumber " + i + "\r\n.");
                    assertThat(reply).startsWith(QUEUED);
                    acknowledged.add(Long.parseLong(reply.substring(QUEUED.length()).strip()));
                }
                postroom.kill();
            }

            postroom.start();
            JdbcClient sql = JdbcClient.create(PostroomProcess.embeddedDatabase(workDir));
            List<Long> stored = sql.sql("""
                    select e.message_id from mailbox_entry e
                      join mailbox mb on mb.id = e.mailbox_id
                      join mail_user u on u.id = mb.user_id
                     where u.local_part = 'alice' order by e.uid
                    """).query(Long.class).list();
            assertThat(stored).containsExactlyElementsOf(acknowledged);
            assertThat(workDir.resolve("data/spool")).isEmptyDirectory();
        }
    }
}
