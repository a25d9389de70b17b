package org.postroom.pop3;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.POP3StartTlsResponse;

/**
 * STLS (RFC 2595 §4): starts TLS on the POP3 port. The transport switches to TLS after writing
 * the +OK; the listener drops anything the client pipelined behind STLS in clear text, so an
 * injected command never runs inside the TLS session.
 */
final class StlsCommand extends Pop3Command {

    private static final Response BEGIN_TLS = new POP3StartTlsResponse(POP3Response.OK_RESPONSE, "Begin TLS negotiation")
            .immutable();
    private static final Response ALREADY_TLS = Replies.error("Already using TLS");
    private static final Response NOT_OFFERED = Replies.error("STLS is not offered on this port");

    StlsCommand() {
        super("STLS");
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (session.isTLSStarted()) {
            return ALREADY_TLS;
        }
        if (!session.isStartTLSSupported()) {
            return NOT_OFFERED;
        }
        return BEGIN_TLS;
    }
}
