package org.postroom.pop3;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.maildrop.MaildropLogin;
import org.postroom.pop3.maildrop.SessionState;
import org.postroom.pop3.reply.Replies;

/**
 * CAPA (RFC 2449): what this session can do now. USER and SASL PLAIN are listed only where a
 * password may be sent (over TLS, or where plaintext logins are allowed), so that a client does
 * not send one in the clear only to be refused (as Dovecot does); STLS only before TLS and
 * before login (RFC 2595 §4), which James's own CAPA gets wrong.
 */
final class CapaCommand extends Pop3Command {

    /** RFC 2449 §6: IMPLEMENTATION names the server software, for debugging. */
    static final String IMPLEMENTATION = "IMPLEMENTATION Postroom";

    private final MaildropLogin login;

    CapaCommand(MaildropLogin login) {
        super("CAPA");
        this.login = login;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        List<String> capabilities = new ArrayList<>();
        if (login.mayLogIn(session)) {
            capabilities.add("USER");
            capabilities.add("SASL PLAIN");
        }
        capabilities.addAll(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"));
        if (session.isStartTLSSupported() && !session.isTLSStarted()
                && !(SessionState.of(session) instanceof SessionState.Transaction)) {
            capabilities.add("STLS");
        }
        capabilities.add(IMPLEMENTATION);
        return Replies.capabilities(capabilities);
    }
}
