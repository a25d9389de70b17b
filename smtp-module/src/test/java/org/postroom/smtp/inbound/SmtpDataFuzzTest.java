package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.listener.testing.InputLines;
import org.postroom.testing.FuzzRun;
import org.postroom.testing.LogCapture;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the end of a message: after a fixed envelope on port 25, the input goes out as the data,
 * line by line, followed by CRLF "." CRLF and QUIT. This drives the DATA line state machine as a
 * client's bytes reach it: listener-module's framer with its line limit, {@code StrictDataFilter}
 * (smuggling, bare line endings, NUL), the size limit, the spool and the commit.
 *
 * <p>{@link SentData} says independently where the data ends (the first CRLF "." CRLF after the
 * DATA line, RFC 5321 §4.1.1.4) and whether the content is clean (CRLF lines only, no NUL, every
 * line within the listener's limit, the whole within the size limit). The server must agree: clean
 * content is answered 250 and stored as sent, dots unstuffed, behind the fields Postroom prepends
 * (or refused by a check of port 25 with 550 5.7.1, and not stored); content with a fault is
 * refused with 554 5.6.0 or 552 5.3.4 and not stored. Whatever follows the end runs as commands,
 * and only a transaction of its own can store another message: the messages stored are exactly
 * those answered 250 at the end of their data.
 */
class SmtpDataFuzzTest {

    private static final String RECIPIENT = "alice@example.com";

    @RegisterExtension
    static final SmtpFuzzServer server = new SmtpFuzzServer();

    @FuzzTest
    @DictionaryFile(resourcePath = "/org/postroom/smtp/inbound/smtp.dict")
    void theDataEndsOnlyAtCrlfDotCrlfAndIsStoredAsSentOrRefused(byte[] data) throws IOException {
        FuzzRun.input();
        SentData sent = SentData.of(data, SmtpFuzzServer.MAX_LINE, SmtpFuzzServer.MAX_MESSAGE_SIZE);
        long storedBefore = server.mail().storedMessages();
        List<String> verdict;
        try (LogCapture log = LogCapture.started(); SmtpDialogue smtp = SmtpDialogue.connect(server.mxPort())) {
            smtp.command("EHLO fuzz.example", "250 ");
            smtp.command("MAIL FROM:<far@elsewhere.test>", "250 ");
            smtp.command("RCPT TO:<" + RECIPIENT + ">", "250 ");
            smtp.command("DATA", "354 ");
            // the data lines get no reply: the first reply is the one at the end of the data
            verdict = null;
            for (byte[] line : InputLines.of(concat(data, SmtpDialogue.ascii("\r\n.\r\n")))) {
                List<String> reply = smtp.send(line);
                verdict = verdict == null ? reply : verdict;
            }
            smtp.finish();
            long stored = server.mail().storedMessages() - storedBefore;
            List<byte[]> inbox = server.mail().takeInbox(RECIPIENT);
            String transcript = smtp.transcript();
            assertThat(verdict).as("the reply at the end of the data\n%s", transcript).isNotNull();
            if (!sent.isClean()) {
                assertThat(verdict.get(0)).as("content with a fault (%s)\n%s", sent.fault().get(), transcript)
                        .matches("554 5\\.6\\.0 .*|552 5\\.3\\.4 .*");
            } else if (!verdict.get(0).startsWith("250 2.")) {
                // a clean message the checks of port 25 refuse: a From: in our own domain, unverified
                assertThat(verdict.get(0)).as("clean content refused\n%s", transcript).startsWith("550 5.7.1 ");
            } else if (!sent.hasAuthenticationResults()) {
                // (Authentication-Results fields in our name are removed as they arrive)
                assertThat(inbox).as("the message answered 250\n%s", transcript).isNotEmpty();
                byte[] message = inbox.get(0);
                byte[] content = sent.storedContent();
                assertThat(message.length).as("stored message at least the content").isGreaterThanOrEqualTo(content.length);
                assertThat(Arrays.copyOfRange(message, message.length - content.length, message.length))
                        .as("the content as stored, behind Postroom's own fields\n%s", transcript).isEqualTo(content);
                assertThat(new String(message, 0, message.length - content.length, StandardCharsets.ISO_8859_1))
                        .as("what Postroom prepends").startsWith("Authentication-Results: ").contains("\r\nReceived: ");
            }
            assertThat(stored)
                    .as("messages stored against those answered 250 at the end of their data\n%s", transcript)
                    .isEqualTo(smtp.messagesAccepted());
            assertThat(log.stackTraces()).as("stack traces logged while a client misbehaved").isEmpty();
        } finally {
            server.mail().takeInbox(RECIPIENT);
            server.mail().takeInbox("bob@example.com");
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
