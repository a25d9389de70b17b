package org.postroom.pop3.maildrop;

import java.util.Collection;
import java.util.List;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.reply.Replies;

/**
 * USER (RFC 1939 §7): remembers the address for the PASS that must follow. The login is the full
 * address. Refused before TLS unless plaintext logins are allowed, so that a client learns it
 * before it sends the password.
 */
public final class UserCommand implements CommandHandler<POP3Session> {

    private final MaildropLogin login;

    public UserCommand(MaildropLogin login) {
        this.login = login;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (!login.mayLogIn(session)) {
            return Replies.PLAINTEXT_REFUSED;
        }
        String address = request.getArgument();
        if (address == null || address.isBlank()) {
            return Replies.USER_USAGE;
        }
        SessionState.enter(session, new SessionState.UserGiven(address.strip()));
        return Replies.SEND_PASS;
    }

    @Override
    public Collection<String> getImplCommands() {
        return List.of("USER");
    }
}
