package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.listener.testing.RandomSessions;

/**
 * Clients sending random commands for a few seconds, on the MX and the submission listener at
 * once ({@link RandomSmtpSession}): every command is answered or the connection closed in time,
 * nothing is answered 451 (the database is up), and nothing the clients do is logged as an error
 * or with a stack trace. A failure names the seed that replays it.
 */
class RandomCommandsTest {

    private static final long SEED = 0x5EED_0021L;
    private static final int CLIENTS = 4;
    private static final Duration RUNNING = Duration.ofSeconds(3);
    private static final Duration REPLY_DEADLINE = Duration.ofSeconds(5);

    /** Logins are not throttled for the test's hundreds of wrong passwords. */
    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed(100_000, Duration.ZERO);

    @Test
    void randomClientsAreAnsweredAndNeverLoggedAsServerErrors() throws Exception {
        TestListener mx = bed.mx();
        TestListener submission = bed.submission();
        int sessions = RandomSessions.of(SEED, CLIENTS, RUNNING, REPLY_DEADLINE).run((input, connections) ->
                new RandomSmtpSession(input, connections.open(input.chance(50) ? mx.port() : submission.port()))
                        .play());

        RandomSessions.awaitServerDone(() -> mx.openConnections() + submission.openConnections());
        mx.close();
        submission.close();
        // an ERROR line or a Netty warning fails the test through test-support's NoErrorsLogged
        assertThat(bed.log().stackTraces()).as("stack traces logged while clients misbehaved").isEmpty();
        assertThat(sessions).as("sessions played").isGreaterThanOrEqualTo(CLIENTS);
    }
}
