package org.postroom.listener;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;

/**
 * Tells the listener that the client's next input is data rather than commands: SMTP's message
 * after 354 (RFC 5321 §4.1.1.4). The data phase starts with the reply being answered now and lasts
 * until the protocol's next reply (at the end of the data). Meanwhile the client is held to the
 * listener's minimum data rate instead of the command timeout: a long message line may take a
 * while, but the data as a whole must keep coming.
 */
public final class DataPhase {

    private static final AttachmentKey<Boolean> KEY = AttachmentKey.of("postroom.data-phase", Boolean.class);

    private DataPhase() {
    }

    /** The reply {@code session} is answering now opens a data phase. */
    public static void startsWithThisReply(ProtocolSession session) {
        session.setAttachment(KEY, Boolean.TRUE, State.Connection);
    }

    /** Whether the reply now being written opens a data phase; the mark is consumed. */
    static boolean take(ProtocolSession session) {
        return session.removeAttachment(KEY, State.Connection).isPresent();
    }
}
