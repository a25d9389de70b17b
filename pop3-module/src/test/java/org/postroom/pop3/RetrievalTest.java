package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.postroom.pop3.Pop3CommandsTest.login;
import static org.postroom.pop3.Pop3Fixture.ALICE;
import static org.postroom.pop3.Pop3Fixture.BOB;
import static org.postroom.pop3.Pop3Fixture.PASSWORD;
import static org.postroom.pop3.Pop3Fixture.RETURN_PATH;
import static org.postroom.pop3.Pop3Fixture.asRetrieved;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.testing.LogCapture;
import org.springframework.jdbc.core.simple.JdbcClient;

/** RETR and TOP byte for byte, large messages streamed, and the session's log line. */
class RetrievalTest {

    @AutoClose
    private final Pop3Fixture fixture = new Pop3Fixture();
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void retrSendsTheMessageByteForByteWithDotStuffing() throws Exception {
        String message = "Subject: dots\r\nX-Odd:  spaced\t\r\n\r\n.\r\n..\r\n.starts with a dot\r\nends with a dot.\r\n"
                + "\u00e9t\u00e9 8-bit\r\n\r\n";
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        fixture.deliver(ALICE, bytes);
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            s.send("LIST 1", "+OK 1 " + (RETURN_PATH.length() + bytes.length));
            assertThat(s.retrieve("RETR 1")).isEqualTo(asRetrieved(bytes));
            // retrieving again gives the same bytes
            assertThat(s.retrieve("RETR 1")).isEqualTo(asRetrieved(bytes));
        }
    }

    @Test
    void topSendsTheHeaderAndTheFirstLinesOfTheBody() throws Exception {
        fixture.deliver(ALICE, "Subject: top\r\nFrom: a@example.com\r\n\r\n.one\r\ntwo\r\nthree\r\n");
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            assertThat(text(s.retrieve("TOP 1 0"))).isEqualTo(RETURN_PATH + "Subject: top\r\nFrom: a@example.com\r\n\r\n");
            assertThat(text(s.retrieve("TOP 1 2"))).isEqualTo(RETURN_PATH + "Subject: top\r\nFrom: a@example.com\r\n\r\n.one\r\ntwo\r\n");
            assertThat(text(s.retrieve("TOP 1 99"))).endsWith("three\r\n");
        }
    }

    @Test
    void aMessageWithoutFinalCrlfGetsOneAndAnEmptyMessageIsItsReturnPathAlone() throws Exception {
        fixture.deliver(ALICE, "Subject: cut\r\n\r\nno newline");
        fixture.deliver(ALICE, new byte[0]);
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            assertThat(text(s.retrieve("RETR 1"))).isEqualTo(RETURN_PATH + "Subject: cut\r\n\r\nno newline\r\n");
            assertThat(text(s.retrieve("RETR 2"))).isEqualTo(RETURN_PATH);
            s.send("NOOP", "+OK");
        }
    }

    @Test
    void aBareLineFeedBeforeADotDoesNotEndTheMessageEarly() throws Exception {
        fixture.deliver(ALICE, "Subject: lf\r\n\r\nbefore\n.\r\nafter\r\n");
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            assertThat(text(s.retrieve("RETR 1"))).isEqualTo(RETURN_PATH + "Subject: lf\r\n\r\nbefore\n..\r\nafter\r\n");
            // the session is still in step
            s.send("STAT", "+OK 1 ");
        }
    }

    @Test
    void a25MibMessageIsRetrievedByteForByte() throws Exception {
        long size = 25L * 1024 * 1024;
        fixture.deliver(ALICE, new LargeMessage(size));
        byte[] expected = sha256(new SequenceInputStream(
                new ByteArrayInputStream(RETURN_PATH.getBytes(StandardCharsets.US_ASCII)), new LargeMessage(size)));
        long retrievedSize = RETURN_PATH.length() + size;
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            s.send("LIST 1", "+OK 1 " + retrievedSize);
            Pop3Transcript.Digest received = s.retrieveDigest("RETR 1");
            assertThat(received.length()).isEqualTo(retrievedSize);
            assertThat(received.sha256()).isEqualTo(expected);
            s.send("NOOP", "+OK");
        }
    }

    @Test
    void messagesOfMixedSizesAreRetrievedByteForByteInAnyOrder() throws Exception {
        byte[][] messages = {message(1, 4000), message(2, 100), message(3, MailStore.CHUNK_SIZE + 10),
            message(4, 200_000), message(5, 70_000), message(6, 20)};
        for (byte[] message : messages) {
            fixture.deliver(ALICE, message);
        }
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            s.send("DELE 2", "+OK");
            for (int number : new int[] {1, 3, 4, 6, 5, 1}) {
                assertThat(s.retrieve("RETR " + number)).as("message " + number).isEqualTo(asRetrieved(messages[number - 1]));
            }
            assertThat(text(s.retrieve("TOP 5 0"))).isEqualTo(RETURN_PATH + "Subject: 5\r\n\r\n");
        }
    }

    @Test
    void messagesFollowingTheOneAskedForAreReadAlongWithIt() throws Exception {
        for (int i = 1; i <= 3; i++) {
            fixture.deliver(ALICE, message(i, 1000));
        }
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            assertThat(s.retrieve("RETR 1")).isEqualTo(asRetrieved(message(1, 1000)));
            sql().sql("delete from message_chunk").update();
            // one query brought message 2 and 3 along with 1: they are served without the database
            assertThat(s.retrieve("RETR 3")).isEqualTo(asRetrieved(message(3, 1000)));
            assertThat(s.retrieve("RETR 2")).isEqualTo(asRetrieved(message(2, 1000)));
            // a read-ahead message is held once: asked for again, it is read again, and now it is gone
            s.send("RETR 2", "-ERR [SYS/TEMP]");
        }
    }

    @Test
    void aMessageThatCannotBeReadIsRefusedWithATemporaryError() throws Exception {
        fixture.deliver(ALICE, "Subject: gone\r\n\r\nbody\r\n");
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            // storage loses the bytes under the session's feet
            sql().sql("delete from message_chunk").update();
            s.send("RETR 1", "-ERR [SYS/TEMP]");
            s.send("NOOP", "+OK");
        }
    }

    @Test
    void aFailureHalfwayThroughAMessageClosesTheConnection() throws Exception {
        fixture.deliver(ALICE, new LargeMessage(3L * MailStore.CHUNK_SIZE));
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            sql().sql("delete from message_chunk where seq = 2").update();
            // the +OK is out before the failure: closing is the only honest signal left
            assertThatThrownBy(() -> s.retrieveDigest("RETR 1")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void theSessionEndsWithOneLogLineAndNoPassword() throws Exception {
        fixture.deliver(BOB, "Subject: one\r\n\r\n1\r\n");
        fixture.deliver(BOB, "Subject: two\r\n\r\n2\r\n");
        Pop3Process pop3 = fixture.start();
        try (Pop3Transcript s = Pop3Transcript.connect(pop3.port())) {
            s.send("USER " + BOB, "+OK");
            s.send("PASS wrong password", "-ERR");
            s.send("USER " + BOB, "+OK");
            s.send("PASS " + PASSWORD, "+OK");
            s.retrieve("RETR 1");
            s.retrieve("RETR 2");
            s.retrieve("TOP 1 0");
            s.send("DELE 1", "+OK");
            s.send("QUIT", "+OK");
        }
        // sessions of earlier tests may still be ending: only Bob's line is this test's; the
        // line has the shape of SMTP's (session id, port, client, TLS, user, outcome, duration)
        assertThat(sessionLines("auth=" + BOB)).singleElement().asString()
                .matches("pop3 session \\S+ on port " + pop3.port() + " from 127\\.0\\.0\\.1 tls=none auth=" + BOB
                        + " outcome=\"quit\" failed-logins=1 retrieved=2 deleted=1 duration=\\d+ms")
                .doesNotContain(PASSWORD).doesNotContain("wrong password");
        assertThat(pop3.meters().get("postroom.pop3.sessions").tags("listener", "pop3", "outcome", "quit")
                .counter().count()).isEqualTo(1);
        assertThat(pop3.meters().get("postroom.auth.failures").tag("protocol", "pop3").counter().count())
                .isEqualTo(1);
    }

    @Test
    void theSessionLineNamesTheTlsOfAnStlsSession() throws Exception {
        Pop3Process pop3 = fixture.start();
        try (Pop3Transcript s = Pop3Transcript.connect(pop3.port())) {
            s.startTls(fixture.clientTls());
            s.send("USER " + BOB, "+OK");
            s.send("PASS " + PASSWORD, "+OK");
            s.send("QUIT", "+OK");
        }
        assertThat(sessionLines("auth=" + BOB)).singleElement().asString()
                .matches("pop3 session .* tls=TLSv1\\.[23]/TLS_\\S+ auth=" + BOB + " outcome=\"quit\" .*");
    }

    private static final String SESSION_LOG = "org.postroom.pop3.session";

    /** Waits (up to 10 s) for the session lines that contain {@code containing}. */
    private List<String> sessionLines(String containing) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> log.messages(SESSION_LOG).stream()
                .filter(line -> line.contains(containing)).toList(), matching -> !matching.isEmpty());
    }

    /** A message of exactly {@code size} bytes (at least 16) with a Subject naming it. */
    private static byte[] message(int number, int size) {
        StringBuilder text = new StringBuilder("Subject: " + number + "\r\n\r\n");
        while (size - text.length() > 80) {
            text.append("x".repeat(70)).append("\r\n");
        }
        text.append("x".repeat(size - text.length() - 2)).append("\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private JdbcClient sql() {
        return JdbcClient.create(fixture.database.dataSource());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] sha256(InputStream in) throws IOException {
        MessageDigest sha = Pop3Transcript.sha256();
        byte[] buffer = new byte[65536];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            sha.update(buffer, 0, n);
        }
        return sha.digest();
    }
}
