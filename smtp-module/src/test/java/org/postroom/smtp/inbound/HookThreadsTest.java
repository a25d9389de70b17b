package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The commit of a message blocks on PostgreSQL; it must hold up only its own session. Stock James
 * runs hooks on Netty's I/O threads, where one blocked commit delays the greeting of every
 * connection that lands on the same thread.
 */
class HookThreadsTest {

    private static final int OTHER_SESSIONS = 20;

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    @Test
    void twentyNewSessionsAreGreetedWhileOneCommitWaitsForTheDatabase() throws Exception {
        TestListener listener = bed.mx();
        try (SmtpTranscript blocked = SmtpTranscript.connect(listener.port())) {
            blocked.ehlo("client.elsewhere.test");
            blocked.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            blocked.send("RCPT TO:<alice@example.com>").expect("250");
            blocked.send("DATA").expect("354");
            try (AutoCloseable lock = bed.mail().lockMessages()) {
                blocked.raw("Subject: waits\r\n\r\nfor the lock\r\n.\r\n");
                awaitCommitWaitingForTheLock();

                List<SmtpTranscript> others = new ArrayList<>();
                try {
                    for (int i = 0; i < OTHER_SESSIONS; i++) {
                        // connect() reads and checks the 220 greeting
                        others.add(SmtpTranscript.connect(listener.port()));
                    }
                    for (SmtpTranscript other : others) {
                        other.send("NOOP").expect("250 2.0.0");
                    }
                } finally {
                    others.forEach(SmtpTranscript::close);
                }
                assertThat(others).hasSize(OTHER_SESSIONS);
                assertThat(blocked.replyWaiting()).as("the blocked commit has not been answered yet").isFalse();
            }
            // the lock is gone: the commit completes and only then the client hears 250
            blocked.expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
    }

    private void awaitCommitWaitingForTheLock() {
        await("the commit reached the database").atMost(Duration.ofSeconds(20))
                .until(() -> bed.mail().sessionsWaitingForALock() > 0);
    }
}
