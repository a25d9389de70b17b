package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.storage.Database;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Memory pressure: the packaged server with a 256 MiB heap ({@link PostroomProcess}, with {@code
 * -XX:+ExitOnOutOfMemoryError} as in the container) takes 48 messages of 6 MiB at once, each near
 * the size limit: more bytes in flight than the heap holds. The sessions connect a few at a time
 * (the kernel's accept queue is not under test), wait until all of them heard 354, then all send
 * their data together. Each message is spooled to disk past the spool's share of memory, so every client hears
 * 250 or a temporary refusal with its reason, never a dropped connection; the process is alive
 * and logged no OutOfMemoryError; every message answered 250 is in the mailbox exactly once and
 * the spool is empty. {@code -Dmemory.sessions=} and {@code -Dmemory.message-mib=} run it larger.
 */
class MemoryPressureIT {

    private static final int SESSIONS = Integer.getInteger("memory.sessions", 48);
    private static final int MESSAGE_MIB = Integer.getInteger("memory.message-mib", 6);
    private static final String QUEUED = "250 2.0.0 Ok: queued as ";
    /** Connections opened at once: more overflow the listener's accept backlog, which is not under test. */
    private static final int CONNECTING = 32;
    /** One line of the body, 78 octets and CRLF: as many as fit the size. */
    private static final byte[] LINE = ("x".repeat(78) + "\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void manyLargeMessagesAtOnceAreTakenOrRefusedAtTheLimitsAndNoneIsLost(@TempDir Path workDir) throws Exception {
        Map<String, String> environment = Map.of("POSTROOM_HOSTNAME", "mx.postroom.test",
                "POSTROOM_SMTP_MAX_MESSAGE_SIZE", (MESSAGE_MIB + 1) + "MB",
                "POSTROOM_SMTP_MAX_CONNECTIONS_PER_IP", Integer.toString(SESSIONS * 2));
        try (PostroomProcess postroom = new PostroomProcess(workDir, environment)) {
            postroom.start();
            Database db = new Database(PostroomProcess.embeddedDatabase(workDir));
            new DomainRepository(db, "postroom").create("example.com");
            new UserRepository(db).create("alice@example.com", "correct horse battery staple", null);
            byte[] body = body();

            long started = System.nanoTime();
            List<String> replies = new ArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
            try {
                List<Future<String>> sent = new ArrayList<>();
                Semaphore connecting = new Semaphore(CONNECTING);
                CountDownLatch inData = new CountDownLatch(SESSIONS);
                for (int i = 0; i < SESSIONS; i++) {
                    int number = i;
                    sent.add(clients.submit(() -> {
                        try {
                            return send(postroom.port("SMTP"), number, body, connecting, inData);
                        } catch (IOException e) {
                            return "connection lost: " + e;
                        }
                    }));
                }
                for (Future<String> reply : sent) {
                    replies.add(reply.get());
                }
            } finally {
                clients.shutdownNow();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            List<String> acknowledged = replies.stream().filter(reply -> reply.startsWith(QUEUED))
                    .map(reply -> reply.substring(QUEUED.length()).strip()).toList();
            System.out.printf("memory pressure: %d sessions x %d MiB in %d s: %d acknowledged, %d refused %s%n",
                    SESSIONS, MESSAGE_MIB, took.toSeconds(), acknowledged.size(), SESSIONS - acknowledged.size(),
                    replies.stream().filter(reply -> !reply.startsWith(QUEUED)).distinct().toList());
            assertThat(postroom.log().lines().filter(line -> line.contains("OutOfMemoryError"))).isEmpty();
            assertThat(postroom.isAlive()).as("the server is alive").isTrue();
            assertThat(replies).allSatisfy(reply -> assertThat(reply).matches("(250 2\\.0\\.0|4\\d\\d 4\\.\\d+\\.\\d+) .+"));

            JdbcClient sql = JdbcClient.create(PostroomProcess.embeddedDatabase(workDir));
            List<Long> stored = sql.sql("""
                    select e.message_id from mailbox_entry e
                      join mailbox mb on mb.id = e.mailbox_id
                      join mail_user u on u.id = mb.user_id
                     where u.local_part = 'alice'
                    """).query(Long.class).list();
            assertThat(stored).map(String::valueOf).containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(workDir.resolve("data/spool")).isEmptyDirectory();
        }
    }

    /**
     * One session, one message, its data sent once every session is in DATA (or was refused); the
     * reply to the data, or to whichever command was refused.
     */
    private static String send(int port, int number, byte[] body, Semaphore connecting, CountDownLatch inData)
            throws IOException, InterruptedException {
        SmtpClient smtp;
        String reply;
        connecting.acquire();
        try {
            smtp = SmtpClient.connect(port);
            smtp.socket().setSoTimeout((int) Duration.ofMinutes(3).toMillis());
            reply = smtp.reply();
        } catch (IOException e) {
            inData.countDown();
            throw e;
        } finally {
            connecting.release();
        }
        try (smtp) {
            try {
                if (reply.startsWith("220")) {
                    for (String command : List.of("EHLO client.elsewhere.test", "MAIL FROM:<far@elsewhere.test>",
                            "RCPT TO:<alice@example.com>", "DATA")) {
                        reply = smtp.command(command);
                        if (!reply.startsWith("250") && !reply.startsWith("354")) {
                            break;
                        }
                    }
                }
            } finally {
                inData.countDown();
            }
            if (!reply.startsWith("354")) {
                return reply;
            }
            inData.await(3, TimeUnit.MINUTES);
            OutputStream out = smtp.socket().getOutputStream();
            out.write(("Subject: message " + number + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            return smtp.command(".");
        }
    }

    private static byte[] body() {
        int lines = MESSAGE_MIB * 1024 * 1024 / LINE.length;
        byte[] body = new byte[lines * LINE.length];
        for (int i = 0; i < lines; i++) {
            System.arraycopy(LINE, 0, body, i * LINE.length, LINE.length);
        }
        return body;
    }
}
