package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failed-login delay holds the reply, not a thread: on a listener with a single hook thread, a
 * session waiting for its delayed -ERR does not keep another session from being served, and what
 * the waiting client pipelined after the failed login is answered after it, in order.
 */
class ReplyDelayTest {

    private static final Duration FAILURE_DELAY = Duration.ofSeconds(2);
    private static final Duration PROMPT = Duration.ofSeconds(1);

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    @Test
    void aDelayedReplyHoldsNoHookThreadAndKeepsTheOrderOfReplies() throws Exception {
        RecordingPop3 pop3 = new RecordingPop3();
        pop3.delayFailedLoginsBy(FAILURE_DELAY);
        int port = listeners.bind(pop3.protocol(),
                ListenerFixture.settings("pop3-test", TestReplies.POP3).hookThreads(1).build()).port();

        try (LineClient guessing = LineClient.connect(port); LineClient other = LineClient.connect(port)) {
            assertThat(guessing.readLine()).startsWith("+OK");
            assertThat(guessing.command("USER alice@mx.test")).startsWith("+OK");
            long failed = System.nanoTime();
            guessing.send("PASS wrong", "USER alice@mx.test");

            assertThat(other.readLine()).startsWith("+OK");
            assertThat(other.command("USER bob@mx.test")).startsWith("+OK");
            assertThat(other.command("PASS secret")).startsWith("+OK");
            assertThat(Duration.ofNanos(System.nanoTime() - failed)).as("the other session was served meanwhile")
                    .isLessThan(PROMPT);

            assertThat(guessing.readLine()).startsWith("-ERR");
            assertThat(Duration.ofNanos(System.nanoTime() - failed)).isGreaterThanOrEqualTo(FAILURE_DELAY);
            assertThat(guessing.readLine()).as("the pipelined USER, after the delayed reply").startsWith("+OK");
            assertThat(guessing.command("PASS secret")).startsWith("+OK");
        }
    }
}
