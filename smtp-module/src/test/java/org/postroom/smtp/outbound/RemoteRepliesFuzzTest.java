package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postroom.smtp.outbound.DeliveryOutcome.Deferred;
import org.postroom.smtp.outbound.DeliveryOutcome.Delivered;
import org.postroom.smtp.outbound.DeliveryOutcome.Failed;
import org.postroom.smtp.outbound.ScriptedSmtpServer.Exchange;
import org.postroom.smtp.outbound.TransactionResult.Answered;
import org.postroom.smtp.outbound.TransactionResult.HostFailed;
import org.postroom.smtp.reply.Diagnosis;
import org.postroom.testing.FuzzRun;
import org.postroom.testing.LogCapture;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes what a remote server answers outbound delivery: the input is everything the server says
 * ({@link ScriptedSmtpServer}), read by the real client ({@link SmtpClient} on Angus Mail) in one
 * transaction for two recipients, and turned into outcomes by Postroom's reply reading ({@code
 * Reply.parse}, {@link Diagnosis#remote}, {@code RecipientReplies}, {@code ConnectionFailures}).
 *
 * <p>Invariants: the client returns an outcome for each recipient or a host failure, never an
 * exception; a recipient is delivered only if the server accepted it (2xx to its RCPT) and the
 * data (2xx at the final dot); it fails for good only if the server said 5xx to its HELO, MAIL,
 * RCPT, DATA or final dot; every diagnosis carries an enhanced status code of its class (5 for a
 * failure, 4 for a deferral) and one line of printable ASCII, whatever bytes the server sent.
 */
class RemoteRepliesFuzzTest {

    private static final List<String> RECIPIENTS = List.of("first@remote.test", "second@remote.test");
    private static final byte[] MESSAGE = "Subject: fuzz\r\n\r\n.dot line\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String PRINTABLE_LINE = "[\\x20-\\x7E]*";
    private static final String STATUS = "[245]\\.[0-9]{1,3}\\.[0-9]{1,3}";

    private static ScriptedSmtpServer server;
    private static SmtpClient client;

    @BeforeAll
    static void start() throws IOException {
        server = new ScriptedSmtpServer();
        Duration timeout = Duration.ofSeconds(5);
        client = new SmtpClient(new DeliverySettings("client.postroom.test", timeout, timeout,
                new RetrySchedule(List.of(Duration.ofMinutes(1)), Duration.ofDays(1)), Duration.ZERO));
    }

    @AfterAll
    static void stop() throws IOException {
        FuzzRun.report(RemoteRepliesFuzzTest.class);
        server.close();
    }

    @FuzzTest
    @DictionaryFile(resourcePath = "/org/postroom/smtp/outbound/replies.dict")
    void everyReplyIsReadForWhatItSays(byte[] replies) {
        FuzzRun.input();
        try (LogCapture log = LogCapture.started()) {
            List<Exchange> exchanges = server.serveNext(replies);
            NextHop hop = NextHop.mx("127.0.0.1", server.port());
            TransactionResult result = client.send(hop, "127.0.0.1", TlsMode.OPPORTUNISTIC, "sender@postroom.test",
                    RECIPIENTS, new OutgoingMessage("", false, () -> new ByteArrayInputStream(MESSAGE)));
            String said = exchanges.toString();
            if (result instanceof HostFailed failed) {
                assertWellFormed(failed.diagnosis(), said);
            } else {
                Map<String, DeliveryOutcome> outcomes = ((Answered) result).outcomes();
                assertThat(outcomes.keySet()).as("recipients with an outcome after %s", said)
                        .containsExactlyInAnyOrderElementsOf(RECIPIENTS);
                outcomes.forEach((recipient, outcome) -> assertOutcome(recipient, outcome, exchanges));
            }
            assertThat(log.stackTraces()).as("stack traces logged while a client misbehaved").isEmpty();
        }
    }

    private static void assertOutcome(String recipient, DeliveryOutcome outcome, List<Exchange> exchanges) {
        String said = exchanges.toString();
        if (outcome instanceof Delivered delivered) {
            assertThat(code(exchanges, "RCPT TO:<" + recipient + ">")).as("RCPT of a delivered recipient after %s", said)
                    .startsWith("2");
            assertThat(code(exchanges, ".")).as("final dot of a delivered message after %s", said).startsWith("2");
            assertThat(delivered.reply()).as("the reply kept for a delivery").matches(PRINTABLE_LINE);
        } else if (outcome instanceof Failed failed) {
            assertWellFormed(failed.diagnosis(), said);
            assertThat(failed.diagnosis().status()).as("a failure's status after %s", said).startsWith("5");
            // a 5xx to HELO (after EHLO failed) refuses the session for good, as Postfix also bounces on it
            assertThat(exchanges).as("a 5xx to HELO, MAIL, RCPT of %s, DATA or the final dot", recipient)
                    .anyMatch(e -> e.code().startsWith("5") && (e.command().startsWith("MAIL ") || e.command().equals(".")
                            || e.command().equals("DATA") || e.command().equals("RCPT TO:<" + recipient + ">")
                            || e.command().startsWith("HELO ")));
        } else {
            Diagnosis diagnosis = ((Deferred) outcome).diagnosis();
            assertWellFormed(diagnosis, said);
            assertThat(diagnosis.status()).as("a deferral's status after %s", said).startsWith("4");
        }
    }

    private static void assertWellFormed(Diagnosis diagnosis, String said) {
        assertThat(diagnosis.status()).as("status of %s after %s", diagnosis, said).matches(STATUS);
        assertThat(diagnosis.text()).as("text of %s", diagnosis).matches(PRINTABLE_LINE);
    }

    /** The code the server gave {@code command}, or "" when it never came. */
    private static String code(List<Exchange> exchanges, String command) {
        return exchanges.stream().filter(e -> e.command().equals(command)).map(Exchange::code).findFirst().orElse("");
    }
}
