package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The idle timeout fires once, at the configured time, and says so; James's handler waited twice
 * as long and closed without a word. A client waiting for a slow server is not idle.
 */
class IdleTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    @Test
    void anIdleClientIsToldAndDisconnectedAtTheConfiguredTimeoutNotTwiceIt() throws Exception {
        int port = listeners.bind(new RecordingSmtp().protocol(),
                ListenerFixture.settings("smtp-idle", TestReplies.SMTP).idleTimeout(TIMEOUT).build()).port();

        try (LineClient client = LineClient.connect(port)) {
            assertThat(client.reply()).startsWith("220");
            long greeted = System.nanoTime();

            assertThat(client.readLine()).isEqualTo(TestReplies.SMTP.idleTimeout());
            Duration idle = Duration.ofNanos(System.nanoTime() - greeted);

            assertThat(idle).isBetween(TIMEOUT.minusMillis(500), TIMEOUT.multipliedBy(2).minusMillis(500));
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void eachCommandStartsTheIdleTimeAgain() throws Exception {
        int port = listeners.bind(new RecordingSmtp().protocol(),
                ListenerFixture.settings("smtp-idle", TestReplies.SMTP).idleTimeout(TIMEOUT).build()).port();

        try (LineClient client = LineClient.connect(port)) {
            client.reply();
            // silent for half the timeout three times: one and a half timeouts without being closed
            for (int i = 0; i < 3; i++) {
                assertThat(client.inputWithin(TIMEOUT.dividedBy(2))).as("silence %d", i).isFalse();
                assertThat(client.command("NOOP")).startsWith("250");
            }
        }
    }

    @Test
    void aClientWaitingForASlowHookIsNotTimedOut() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        int port = listeners.bind(smtp.protocol(), ListenerFixture.settings("smtp-idle", TestReplies.SMTP)
                .idleTimeout(Duration.ofSeconds(1)).build()).port();

        try (LineClient client = LineClient.connect(port)) {
            client.reply();
            client.command("EHLO client.test");
            smtp.holdNextMailFor(Duration.ofMillis(2500));

            assertThat(client.command("MAIL FROM:<alice@client.test>")).startsWith("250");
        }
    }
}
