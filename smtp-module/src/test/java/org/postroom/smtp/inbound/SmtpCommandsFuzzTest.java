package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.listener.testing.InputLines;
import org.postroom.testing.FuzzRun;
import org.postroom.testing.LogCapture;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes what a stranger's SMTP client sends: command lines, MAIL and RCPT with their ESMTP
 * parameters, AUTH PLAIN and LOGIN with their payloads, messages, STARTTLS, over real listeners
 * ({@link SmtpFuzzServer}). The first byte of the input picks the listener: even, port 25 in clear
 * text; odd, submission, entered with EHLO and STARTTLS so that AUTH is offered. The rest are the
 * client's lines, sent one at a time ({@link InputLines}).
 *
 * <p>Invariants: every line gets its reply as {@link SmtpDialogue} requires it (one reply per
 * command line, a code, an enhanced code, no 451, the close after 221); the messages stored are
 * exactly those answered 250 at the end of their data, so one DATA never yields two; nothing is
 * logged at ERROR, with a stack trace, or as a Netty warning. A finding is kept as a seed in
 * {@code SmtpCommandsFuzzTestInputs/} and replayed by every build.
 */
class SmtpCommandsFuzzTest {

    @RegisterExtension
    static final SmtpFuzzServer server = new SmtpFuzzServer();

    @FuzzTest
    @DictionaryFile(resourcePath = "/org/postroom/smtp/inbound/smtp.dict")
    void everyCommandLineIsAnsweredInSmtpsWords(byte[] input) throws IOException {
        FuzzRun.input();
        boolean submission = input.length > 0 && (input[0] & 1) == 1;
        byte[] lines = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        long storedBefore = server.mail().storedMessages();
        try (LogCapture log = LogCapture.started();
                SmtpDialogue smtp = SmtpDialogue.connect(submission ? server.submissionPort() : server.mxPort())) {
            if (submission) {
                smtp.command("EHLO fuzz.example", "250 ");
                smtp.command("STARTTLS", "220 ");
            }
            for (byte[] line : InputLines.of(lines)) {
                smtp.send(line);
            }
            smtp.finish();
            assertThat(server.mail().storedMessages() - storedBefore)
                    .as("messages stored against those answered 250 at the end of their data\n%s", smtp.transcript())
                    .isEqualTo(smtp.messagesAccepted());
            assertThat(log.stackTraces()).as("stack traces logged while a client misbehaved").isEmpty();
        } finally {
            // alice and bob (and team@, both) take every message; bob's quota must never fill up
            server.mail().takeInbox("alice@example.com");
            server.mail().takeInbox("bob@example.com");
        }
    }
}
