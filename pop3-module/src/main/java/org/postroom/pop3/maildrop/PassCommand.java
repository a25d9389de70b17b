package org.postroom.pop3.maildrop;

import java.util.Collection;
import java.util.List;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.reply.Replies;

/**
 * PASS (RFC 1939 §7): logs in the address given by USER. The whole rest of the line is the
 * password, spaces included. A failed PASS returns to the start of AUTHORIZATION: the next
 * attempt begins with USER again.
 */
public final class PassCommand implements CommandHandler<POP3Session> {

    private final MaildropLogin login;

    public PassCommand(MaildropLogin login) {
        this.login = login;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        String password = request.getArgument();
        if (password == null || password.isEmpty()) {
            return Replies.PASS_USAGE;
        }
        // CommandStates lets PASS through only after USER
        return SessionState.of(session) instanceof SessionState.UserGiven user
                ? login.logIn(session, user.address(), password)
                : Replies.USER_FIRST;
    }

    @Override
    public Collection<String> getImplCommands() {
        return List.of("PASS");
    }
}
