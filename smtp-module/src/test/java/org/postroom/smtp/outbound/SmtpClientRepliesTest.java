package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.outbound.DeliveryOutcome.Deferred;
import org.postroom.smtp.outbound.DeliveryOutcome.Failed;
import org.postroom.smtp.outbound.TransactionResult.Answered;

/**
 * What the client makes of replies a server should not give, each from a {@link
 * ScriptedSmtpServer}: the outcome follows what the server took, never what a code looks like.
 */
class SmtpClientRepliesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ScriptedSmtpServer server = newServer();
    private final SmtpClient client = new SmtpClient(new DeliverySettings("client.postroom.test", TIMEOUT, TIMEOUT,
            new RetrySchedule(List.of(Duration.ofMinutes(1)), Duration.ofDays(1)), Duration.ZERO));

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /**
     * A 250 to DATA (instead of 354) means the server took no message: the recipients it accepted
     * are deferred, not delivered (found by RemoteRepliesFuzzTest).
     */
    @Test
    void aServerThatAnswersDataWith250TookNoMessage() {
        TransactionResult result = send("""
                220 remote.test ESMTP
                250 remote.test
                250 2.1.0 ok
                550 5.1.1 no such user
                250 2.1.5 ok
                250 2.0.0 ok
                """);

        Answered answered = (Answered) result;
        assertThat(answered.outcomes().get("first@remote.test")).isInstanceOf(Failed.class);
        assertThat(answered.outcomes().get("second@remote.test")).isInstanceOfSatisfying(Deferred.class,
                deferred -> assertThat(deferred.diagnosis().status()).isEqualTo("4.0.0"));
    }

    private TransactionResult send(String replies) {
        server.serveNext(replies.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
        return client.send(NextHop.mx("127.0.0.1", server.port()), "127.0.0.1", TlsMode.OPPORTUNISTIC,
                "sender@postroom.test", List.of("first@remote.test", "second@remote.test"), new OutgoingMessage("", false,
                        () -> new ByteArrayInputStream("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII))));
    }

    private static ScriptedSmtpServer newServer() {
        try {
            return new ScriptedSmtpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
