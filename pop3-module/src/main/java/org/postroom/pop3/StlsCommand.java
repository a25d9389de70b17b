package org.postroom.pop3;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.reply.Replies;

/**
 * STLS (RFC 2595 §4): starts TLS on the POP3 port. The transport switches to TLS after writing
 * the +OK; the listener drops anything the client pipelined behind STLS in clear text, so an
 * injected command never runs inside the TLS session.
 */
final class StlsCommand extends Pop3Command {

    StlsCommand() {
        super("STLS");
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (session.isTLSStarted()) {
            return Replies.ALREADY_TLS;
        }
        if (!session.isStartTLSSupported()) {
            return Replies.STLS_NOT_OFFERED;
        }
        return Replies.BEGIN_TLS;
    }
}
