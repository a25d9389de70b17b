package org.postroom.smtp.inbound.hook;

import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.postroom.smtp.reply.Reply;

/**
 * Why the message being received will be refused once its DATA ends. A check that finds a fault
 * mid-DATA (a bare line ending, a line or the message too long) cannot answer at once: RFC 5321
 * §4.1.1.4 gives the client the floor until CRLF.CRLF. So it marks the transaction here, the rest
 * of the data is read and dropped, and {@link StrictDataFilter} answers with the first reason.
 */
public final class DataRejection {

    private static final AttachmentKey<Reply> KEY = AttachmentKey.of("postroom.data-rejection", Reply.class);

    private DataRejection() {
    }

    /** Marks the current message as refused with {@code reply}, unless an earlier reason stands. */
    public static void mark(SMTPSession session, Reply reply) {
        if (reason(session).isEmpty()) {
            session.setAttachment(KEY, reply, State.Transaction);
        }
    }

    /** The reply the current message will be refused with, if a check refused it. */
    public static Optional<Reply> reason(SMTPSession session) {
        return session.getAttachment(KEY, State.Transaction);
    }
}
