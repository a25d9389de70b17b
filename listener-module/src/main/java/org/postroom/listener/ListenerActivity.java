package org.postroom.listener;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts what is still going on in a listener, so that {@code unbind()} can wait for it: commands
 * handed to the hook threads and not yet answered, and protocol sessions whose disconnect handlers
 * have not run yet (a POP3 session releases its maildrop lock there).
 */
final class ListenerActivity {

    /** Shutdown only: polling keeps the per-command path free of locks and signalling. */
    private static final Duration POLL = Duration.ofMillis(10);

    private final AtomicInteger commands = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();

    void commandStarted() {
        commands.incrementAndGet();
    }

    void commandFinished() {
        commands.decrementAndGet();
    }

    void sessionOpened() {
        sessions.incrementAndGet();
    }

    void sessionClosed() {
        sessions.decrementAndGet();
    }

    /** Waits until no command is in progress; false when the deadline passed first. */
    boolean awaitNoCommands(Instant deadline) {
        return awaitZero(commands, deadline);
    }

    /** Waits until every session ran its disconnect handlers; false when the deadline passed first. */
    boolean awaitNoSessions(Instant deadline) {
        return awaitZero(sessions, deadline);
    }

    private static boolean awaitZero(AtomicInteger counter, Instant deadline) {
        while (counter.get() > 0) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
