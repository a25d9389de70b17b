package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.listener.testing.RandomSessions;
import org.postroom.pop3.Pop3Fixture.Settings;
import org.postroom.testing.LogCapture;

/**
 * Clients sending random commands for a few seconds ({@link RandomPop3Session}) to a maildrop with
 * mail in it: every command is answered or the connection closed in time, nothing is answered
 * -ERR [SYS/TEMP] but the login throttle (the database is up), and nothing the clients do is
 * logged as an error or with a stack trace. A failure names the seed that replays it.
 */
class RandomCommandsTest {

    private static final long SEED = 0x5EED_0021L;
    private static final int CLIENTS = 4;
    private static final Duration RUNNING = Duration.ofSeconds(3);
    private static final Duration REPLY_DEADLINE = Duration.ofSeconds(5);

    @AutoClose
    private final Pop3Fixture fixture = new Pop3Fixture();
    /** At the server's levels (pop3-module's logback-test.xml): James's INFO lines are seen. */
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void randomClientsAreAnsweredAndNeverLoggedAsServerErrors() throws Exception {
        for (int i = 1; i <= 5; i++) {
            fixture.deliver(Pop3Fixture.ALICE, "Subject: message " + i + "\r\n\r\n.starts with a dot\r\nline\r\n");
            fixture.deliver(Pop3Fixture.BOB, "Subject: message " + i + "\r\n\r\nbody\r\n");
        }
        // logins are not throttled for the test's hundreds of wrong passwords (the account still is)
        Pop3Process server = fixture.start(Settings.defaults().throttled(100_000, Duration.ZERO));
        SSLSocketFactory tls = fixture.clientTls().getSocketFactory();
        int sessions = RandomSessions.of(SEED, CLIENTS, RUNNING, REPLY_DEADLINE).run((input, connections) ->
                new RandomPop3Session(input, connections.open(server.port()), tls).play());

        RandomSessions.awaitServerDone(server::openConnections);
        server.close();
        // an ERROR line or a Netty warning fails the test through test-support's NoErrorsLogged
        assertThat(log.stackTraces()).as("stack traces logged while clients misbehaved").isEmpty();
        assertThat(sessions).as("sessions played").isGreaterThanOrEqualTo(CLIENTS);
    }
}
