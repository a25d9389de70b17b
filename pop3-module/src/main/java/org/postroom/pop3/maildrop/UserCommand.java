package org.postroom.pop3.maildrop;

import java.util.Collection;
import java.util.List;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * USER (RFC 1939 §7): remembers the address for the PASS that must follow. The login is the full
 * address. Refused before TLS unless plaintext logins are allowed, so that a client learns it
 * before it sends the password.
 */
public final class UserCommand implements CommandHandler<POP3Session> {

    /** The address given by USER, until PASS uses it. */
    static final AttachmentKey<String> PENDING_ADDRESS = AttachmentKey.of("postroom.pendingAddress", String.class);

    private static final Response USAGE = MaildropLogin.error("Usage: USER address");
    private static final Response SEND_PASS = new POP3Response(POP3Response.OK_RESPONSE, "Send PASS").immutable();

    private final MaildropLogin login;

    public UserCommand(MaildropLogin login) {
        this.login = login;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (!login.mayLogIn(session)) {
            return MaildropLogin.PLAINTEXT_REFUSED;
        }
        String address = request.getArgument();
        if (address == null || address.isBlank()) {
            return USAGE;
        }
        session.setAttachment(PENDING_ADDRESS, address.strip(), State.Transaction);
        session.setHandlerState(POP3Session.AUTHENTICATION_USERSET);
        return SEND_PASS;
    }

    @Override
    public Collection<String> getImplCommands() {
        return List.of("USER");
    }
}
