package org.postroom.smtp.inbound.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.smtp.inbound.hook.Verdict.assertReply;

import java.time.Duration;

import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postroom.listener.ReplyDelay;
import org.postroom.smtp.inbound.TestMailSystem;
import org.postroom.smtp.reply.Replies;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class PasswordAuthHookTest {

    private static final Duration FAILURE_DELAY = Duration.ofMillis(100);

    private final TestMailSystem mail = TestMailSystem.create();
    private final PasswordAuthHook hook = new PasswordAuthHook(mail.authenticator(), mail.throttle(3, FAILURE_DELAY),
            new SimpleMeterRegistry());

    @AfterEach
    void close() {
        mail.close();
    }

    @Test
    void theRightPasswordLogsTheUserInAndLetsThemRelay() {
        SMTPSession session = FakeTransport.session("192.0.2.7", true);
        assertReply(auth(session, "Alice@Example.com", TestMailSystem.PASSWORD), Replies.AUTH_SUCCEEDED);
        assertThat(session.getUsername().asString()).isEqualTo("alice@example.com");
        assertThat(session.isRelayingAllowed()).isTrue();
        assertThat(PasswordAuthHook.user(session)).hasValueSatisfying(u -> assertThat(u.address()).isEqualTo("alice@example.com"));
    }

    @Test
    void aWrongPasswordIsRefusedWith535AfterADelayThatGrowsWithTheFailures() {
        SMTPSession session = FakeTransport.session("192.0.2.8", true);
        assertReply(auth(session, "alice@example.com", "wrong"), Replies.AUTH_FAILED);
        assertThat(ReplyDelay.take(session)).contains(FAILURE_DELAY);
        auth(session, "alice@example.com", "wrong");
        assertReply(auth(session, "alice@example.com", "wrong"), Replies.AUTH_FAILED);
        // the third failure of this IP is answered after three times the base delay, by the listener
        assertThat(ReplyDelay.take(session)).contains(FAILURE_DELAY.multipliedBy(3));
        assertThat(session.getUsername()).isNull();
        assertThat(session.isRelayingAllowed()).isFalse();
    }

    @Test
    void anIpWithTooManyFailuresIsDisconnectedWith421EvenWithTheRightPassword() {
        SMTPSession session = FakeTransport.session("192.0.2.9", true);
        for (int i = 0; i < 3; i++) {
            auth(session, "alice@example.com", "wrong");
        }
        HookResult blocked = auth(session, "alice@example.com", TestMailSystem.PASSWORD);
        assertReply(blocked, Replies.TOO_MANY_AUTH_FAILURES);
        assertThat(blocked.getResult().isDisconnected()).isTrue();
        assertThat(session.getUsername()).isNull();
        // another address is not affected
        assertReply(auth(FakeTransport.session("192.0.2.10", true), "alice@example.com", TestMailSystem.PASSWORD),
                Replies.AUTH_SUCCEEDED);
    }

    @Test
    void aDisabledUserCannotLogIn() {
        assertReply(auth(FakeTransport.session("192.0.2.11", true), "carol@example.com", TestMailSystem.PASSWORD),
                Replies.AUTH_FAILED);
    }

    @Test
    void aDatabaseFailureIsATemporaryAuthenticationFailure() {
        mail.breakDatabase();
        assertReply(auth(FakeTransport.session("192.0.2.12", true), "alice@example.com", TestMailSystem.PASSWORD),
                Replies.AUTH_UNAVAILABLE);
    }

    private HookResult auth(SMTPSession session, String login, String password) {
        return hook.doAuth(session, Username.of(login), password);
    }
}
