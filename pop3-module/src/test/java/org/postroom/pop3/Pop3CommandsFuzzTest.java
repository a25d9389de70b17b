package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postroom.listener.testing.InputLines;
import org.postroom.storage.mailbox.MailboxEntry;
import org.postroom.testing.FuzzRun;
import org.postroom.testing.LogCapture;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes what a stranger's POP3 client sends, over the real STLS listener on a real PostgreSQL,
 * with three messages in Alice's maildrop (plain text, dot lines and 8-bit text, forty lines for
 * TOP). The first byte of the input picks the start: even, the AUTHORIZATION state; odd, logged in
 * as Alice (USER and PASS) so that the TRANSACTION commands are reached at once. The rest are the
 * client's lines, sent one at a time ({@link InputLines}).
 *
 * <p>Invariants: every line gets its status line, listing and close as {@link Pop3Dialogue}
 * requires them (RETR sends each message byte for byte as stored); afterwards the maildrop holds
 * exactly the messages QUIT did not remove, and nothing was logged at ERROR, with a stack trace,
 * or as a Netty warning. A finding is kept as a seed in {@code Pop3CommandsFuzzTestInputs/} and
 * replayed by every build.
 */
class Pop3CommandsFuzzTest {

    private static final List<byte[]> MESSAGES = List.of(
            ascii("From: someone@example.org\r\nSubject: one\r\n\r\nHello Alice\r\n"),
            "Subject: dots\r\n\r\n.\r\n..two dots\r\n. and a space\r\nGrüße, 8-bit\r\n\r\n".getBytes(StandardCharsets.UTF_8),
            ascii("Subject: forty lines\r\n\r\n" + "a line of the body\r\n".repeat(40)));
    private static final Duration LOCK_RELEASE = Duration.ofSeconds(10);

    private static Pop3Fixture fixture;
    private static Pop3Process server;
    private static SSLSocketFactory tls;
    private static List<byte[]> retrieved;

    @BeforeAll
    static void start() {
        fixture = new Pop3Fixture();
        server = fixture.start(Pop3Fixture.Settings.defaults().unthrottled());
        tls = fixture.clientTls().getSocketFactory();
        retrieved = MESSAGES.stream().map(Pop3Fixture::asRetrieved).toList();
        MESSAGES.forEach(message -> fixture.deliver(Pop3Fixture.ALICE, message));
    }

    @AfterAll
    static void stop() {
        FuzzRun.report(Pop3CommandsFuzzTest.class);
        fixture.close();
    }

    @FuzzTest
    @DictionaryFile(resourcePath = "/org/postroom/pop3/pop3.dict")
    void everyCommandLineIsAnsweredInPop3sWords(byte[] input) throws IOException {
        FuzzRun.input();
        boolean loggedIn = input.length > 0 && (input[0] & 1) == 1;
        byte[] lines = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        try (LogCapture log = LogCapture.started(); Pop3Dialogue pop3 = loggedIn ? loggedInAsAlice() : connect()) {
            for (byte[] line : InputLines.of(lines)) {
                pop3.send(line);
            }
            pop3.finish();
            List<byte[]> left = new ArrayList<>();
            for (int number = 1; number <= MESSAGES.size(); number++) {
                if (!pop3.removed().contains(number)) {
                    left.add(MESSAGES.get(number - 1));
                }
            }
            assertThat(maildrop()).as("the maildrop after QUIT removed %s\n%s", pop3.removed(), pop3.transcript())
                    .containsExactlyElementsOf(left);
            assertThat(log.stackTraces()).as("stack traces logged while a client misbehaved").isEmpty();
        } finally {
            restoreMaildrop();
        }
    }

    private static Pop3Dialogue connect() throws IOException {
        return Pop3Dialogue.connect(server.port(), retrieved, tls);
    }

    /**
     * A session logged in as Alice; the previous session's maildrop lock may take a moment to be
     * released after its connection closed.
     */
    private static Pop3Dialogue loggedInAsAlice() throws IOException {
        Instant deadline = Instant.now().plus(LOCK_RELEASE);
        while (true) {
            Pop3Dialogue pop3 = connect();
            pop3.send("USER " + Pop3Fixture.ALICE);
            String status = pop3.send("PASS " + Pop3Fixture.PASSWORD);
            if (status != null && status.startsWith("+OK")) {
                return pop3;
            }
            pop3.close();
            if (status == null || !status.startsWith("-ERR [IN-USE]") || Instant.now().isAfter(deadline)) {
                throw new AssertionError("Alice could not log in: " + status + "\n" + pop3.transcript());
            }
        }
    }

    /** Alice's messages as stored, in order. */
    private static List<byte[]> maildrop() {
        List<byte[]> messages = new ArrayList<>();
        for (MailboxEntry entry : fixture.entries(Pop3Fixture.ALICE)) {
            try (InputStream content = fixture.mailboxes.content(entry)) {
                messages.add(content.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    /** The three messages again, in order, after a session removed any. */
    private static void restoreMaildrop() {
        List<MailboxEntry> entries = fixture.entries(Pop3Fixture.ALICE);
        if (entries.size() == MESSAGES.size()) {
            return;
        }
        long mailbox = fixture.mailboxId(Pop3Fixture.ALICE);
        fixture.mailboxes.expunge(mailbox, entries.stream().map(MailboxEntry::uid).toList());
        MESSAGES.forEach(message -> fixture.deliver(Pop3Fixture.ALICE, message));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
