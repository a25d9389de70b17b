package org.postroom.listener;

import java.time.Duration;
import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;

/**
 * Holds a session's next reply back for a while without holding a thread: the failed-login delay
 * ({@code postroom.auth.failure-delay}). A hook that slept instead kept one of the listener's few
 * hook threads for up to ten seconds, and a handful of clients failing logins at once would stall
 * every other session of the listener.
 *
 * <p>The listener's transport writes the reply, and every reply after it, once the delay has
 * passed, in order; until then no further line of the client is read, so a client that pipelines
 * its guesses waits like one that does not.
 */
public final class ReplyDelay {

    private static final AttachmentKey<Duration> KEY = AttachmentKey.of("postroom.reply-delay", Duration.class);

    private ReplyDelay() {
    }

    /** The next reply of {@code session} leaves no sooner than {@code delay} from now. */
    public static void delayNextReply(ProtocolSession session, Duration delay) {
        session.setAttachment(KEY, delay, State.Connection);
    }

    /** The delay asked for the next reply, now consumed. */
    public static Optional<Duration> take(ProtocolSession session) {
        return session.removeAttachment(KEY, State.Connection).filter(delay -> !delay.isZero() && !delay.isNegative());
    }
}
