package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.storage.Database;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SIGTERM, as {@code docker stop} sends it, while an SMTP client waits for the commit of its
 * message: the commit is held by a table lock taken from a separate connection to the embedded
 * database. Within {@code postroom.shutdown.grace} the commit completes, the client gets its 250
 * and the message is there after a restart; past the grace the client is never told 250.
 */
class GracefulShutdownIT {

    private static final String QUEUED = "250 2.0.0 Ok: queued as ";
    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final Duration SHORT_GRACE = Duration.ofSeconds(2);

    @Test
    void aCommitInFlightAtSigtermFinishesIsAcknowledgedAndSurvivesTheRestart(@TempDir Path workDir) throws Exception {
        try (PostroomProcess postroom = new PostroomProcess(workDir, Map.of("POSTROOM_HOSTNAME", "mx.postroom.test",
                "POSTROOM_SHUTDOWN_GRACE", GRACE.toSeconds() + "s"))) {
            String reply;
            Instant sigterm;
            try (SmtpClient smtp = startedWithAlice(postroom, workDir)) {
                try (Connection lock = lockMessages(workDir)) {
                    sendUntilTheCommit(smtp, workDir);
                    postroom.terminate();
                    sigterm = Instant.now();
                    // the listeners stop accepting at once, but the process waits for the commit
                    awaitRefused(postroom.port("SMTP"));
                    assertThat(postroom.isAlive()).isTrue();
                    lock.rollback();
                }
                reply = smtp.reply();
                assertThat(reply).startsWith(QUEUED);
                // then the shutdown is said, in SMTP's words, and the connection closed
                assertThat(smtp.reply()).startsWith("421 4.3.2 mx.postroom.test");
            }
            OptionalInt exit = postroom.awaitExit(GRACE);
            assertThat(exit).as("exited within the grace period after SIGTERM; log:\n%s", postroom.log()).isPresent();
            assertThat(exit.getAsInt()).isEqualTo(143);
            assertThat(Duration.between(sigterm, Instant.now())).isLessThan(GRACE);
            assertThat(postroom.log()).contains("embedded PostgreSQL").doesNotContain("ERROR");

            postroom.start();
            long queueId = Long.parseLong(reply.substring(QUEUED.length()).strip());
            assertThat(aliceMessages(workDir)).containsExactly(queueId);
        }
    }

    @Test
    void aCommitHeldPastTheGraceIsNeverAcknowledged(@TempDir Path workDir) throws Exception {
        try (PostroomProcess postroom = new PostroomProcess(workDir, Map.of("POSTROOM_HOSTNAME", "mx.postroom.test",
                "POSTROOM_SHUTDOWN_GRACE", SHORT_GRACE.toSeconds() + "s"))) {
            try (SmtpClient smtp = startedWithAlice(postroom, workDir)) {
                try (Connection lock = lockMessages(workDir)) {
                    sendUntilTheCommit(smtp, workDir);
                    postroom.terminate();
                    Instant sigterm = Instant.now();
                    // the grace runs out with the commit still held: the client hears 421 or the close,
                    // then and not when the held commit ends
                    String reply = smtp.reply();
                    assertThat(reply == null || reply.startsWith("421")).as("reply after the grace: %s", reply).isTrue();
                    assertThat(Duration.between(sigterm, Instant.now())).isLessThan(SHORT_GRACE.plusSeconds(5));
                    lock.rollback();
                } catch (IOException closedBeforeTheReply) {
                    // a reset connection is a close too
                }
            }
            assertThat(postroom.awaitExit(Duration.ofSeconds(60))).as("log:\n%s", postroom.log()).hasValue(143);
            assertThat(postroom.log()).contains("commands still running after the shutdown grace period");

            // committed after all or not: either is honest, since no 250 was said; the server starts again
            postroom.start();
            assertThat(aliceMessages(workDir)).hasSizeLessThanOrEqualTo(1);
        }
    }

    /** Starts the server, creates alice@example.com, and returns an SMTP session past EHLO. */
    private static SmtpClient startedWithAlice(PostroomProcess postroom, Path workDir) throws Exception {
        postroom.start();
        Database db = new Database(PostroomProcess.embeddedDatabase(workDir));
        new DomainRepository(db, "postroom").create("example.com");
        new UserRepository(db).create("alice@example.com", "correct horse battery staple", null);
        SmtpClient smtp = SmtpClient.connect(postroom.port("SMTP"));
        smtp.reply();
        assertThat(smtp.command("EHLO client.elsewhere.test")).startsWith("250");
        return smtp;
    }

    /** Holds every insert into the message table (the commit's first statement) until rolled back. */
    private static Connection lockMessages(Path workDir) throws Exception {
        Connection connection = PostroomProcess.embeddedDatabase(workDir).getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("lock table message in exclusive mode");
        }
        return connection;
    }

    /** A whole transaction up to the final dot, and then waits until the commit waits for the lock. */
    private static void sendUntilTheCommit(SmtpClient smtp, Path workDir) throws Exception {
        assertThat(smtp.command("MAIL FROM:<far@elsewhere.test>")).startsWith("250");
        assertThat(smtp.command("RCPT TO:<alice@example.com>")).startsWith("250");
        assertThat(smtp.command("DATA")).startsWith("354");
        smtp.socket().getOutputStream().write("Subject: in flight\r\n\r\nheld at the commit\r\n.\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        JdbcClient sql = JdbcClient.create(PostroomProcess.embeddedDatabase(workDir));
        await("the commit waits for the lock").atMost(Duration.ofSeconds(30)).until(() -> sql
                .sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock'").query(Long.class)
                .single() > 0);
    }

    private static void awaitRefused(int port) {
        await("port " + port + " refusing connections after SIGTERM").atMost(Duration.ofSeconds(10))
                .until(() -> refuses(port));
    }

    private static boolean refuses(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }

    private static List<Long> aliceMessages(Path workDir) throws IOException {
        DataSource db = PostroomProcess.embeddedDatabase(workDir);
        return JdbcClient.create(db).sql("""
                select e.message_id from mailbox_entry e
                  join mailbox mb on mb.id = e.mailbox_id
                  join mail_user u on u.id = mb.user_id
                 where u.local_part = 'alice' order by e.uid
                """).query(Long.class).list();
    }
}
