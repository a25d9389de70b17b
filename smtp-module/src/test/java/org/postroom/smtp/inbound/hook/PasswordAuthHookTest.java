package org.postroom.smtp.inbound.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.postroom.smtp.inbound.hook.Verdict.assertReply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postroom.listener.ReplyDelay;
import org.postroom.smtp.inbound.TestMailSystem;
import org.postroom.smtp.reply.Replies;

class PasswordAuthHookTest {

    private static final Duration FAILURE_DELAY = Duration.ofMillis(100);

    private final TestMailSystem mail = TestMailSystem.create();
    private final PasswordAuthHook hook = new PasswordAuthHook(mail.logins(3, FAILURE_DELAY));

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

    @Test
    void parallelGuessesFromOneAddressGetNoMorePasswordChecksThanTheLimit() throws Exception {
        // every guess starts before any is answered: each must still count against the same limit
        int guesses = 24;
        ExecutorService threads = Executors.newFixedThreadPool(guesses);
        try {
            CyclicBarrier start = new CyclicBarrier(guesses);
            List<Future<HookResult>> results = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                String guess = "parallel guess " + i;
                results.add(threads.submit(() -> {
                    start.await();
                    return auth(FakeTransport.session("192.0.2.30", true), "alice@example.com", guess);
                }));
            }
            int checked = 0;
            for (Future<HookResult> result : results) {
                HookResult verdict = result.get(60, TimeUnit.SECONDS);
                if (verdict.getSmtpRetCode().equals("535")) {
                    checked++;
                } else {
                    assertReply(verdict, Replies.TOO_MANY_AUTH_FAILURES);
                }
            }
            assertThat(checked).isEqualTo(3);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void everyAddressOfOneIpv6Slash64CountsAsOneClient() {
        // an IPv6 client has 2^64 addresses of its own: a new one per guess must not reset the count
        for (int i = 1; i <= 3; i++) {
            auth(FakeTransport.session("2001:db8:1:2::" + i, true), "alice@example.com", "wrong " + i);
        }
        assertReply(auth(FakeTransport.session("2001:db8:1:2:ffff:ffff:ffff:fff0", true), "alice@example.com",
                TestMailSystem.PASSWORD), Replies.TOO_MANY_AUTH_FAILURES);
        // the neighbouring /64 is another client
        assertReply(auth(FakeTransport.session("2001:db8:1:3::1", true), "alice@example.com", TestMailSystem.PASSWORD),
                Replies.AUTH_SUCCEEDED);
    }

    @Test
    void guessesAtOneAccountSpreadOverManyAddressesAreSlowedButTheUserStillGetsIn() {
        // each address stays under its own limit; together they guess at one account
        for (int i = 0; i < 12; i++) {
            auth(FakeTransport.session("198.51.100." + (10 + i), true), "bob@example.com", "spread guess " + i);
        }
        HookResult held = auth(FakeTransport.session("203.0.113.5", true), "bob@example.com", TestMailSystem.PASSWORD);
        assertThat(held.getSmtpRetCode()).isEqualTo("454");
        assertThat(held.getSmtpDescription()).startsWith("4.7.0 Too many failed logins for this account");

        // never a lock: once the account's delay has passed, the right password gets in
        HookResult later = await().atMost(Duration.ofSeconds(30)).until(
                () -> auth(FakeTransport.session("203.0.113.5", true), "bob@example.com", TestMailSystem.PASSWORD),
                result -> !result.getSmtpRetCode().equals("454"));
        assertReply(later, Replies.AUTH_SUCCEEDED);
    }

    private HookResult auth(SMTPSession session, String login, String password) {
        return hook.doAuth(session, Username.of(login), password);
    }
}
