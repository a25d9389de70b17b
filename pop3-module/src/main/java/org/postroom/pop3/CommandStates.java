package org.postroom.pop3;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.maildrop.SessionState;
import org.postroom.pop3.reply.Replies;

/**
 * Decides, in one place, which command is legal in which state (RFC 1939 §3-§6): it runs before
 * every command's own handler and answers a command given in the wrong state with an {@code -ERR}
 * that says why; otherwise it steps aside (returns null) and the command's handler runs, knowing
 * its state is right. CAPA and QUIT are legal everywhere.
 */
final class CommandStates implements CommandHandler<POP3Session> {

    /** AUTHORIZATION state: logging in, and STLS (RFC 2595 §4), which is only allowed before login. */
    private static final Set<String> AUTHORIZATION = Set.of("USER", "PASS", "AUTH", "STLS");
    /** TRANSACTION state: working on the locked maildrop. */
    private static final Set<String> TRANSACTION = Set.of("STAT", "LIST", "RETR", "DELE", "NOOP", "RSET", "TOP", "UIDL");

    @Override
    public Response onCommand(POP3Session session, Request request) {
        String command = request.getCommand();
        SessionState state = SessionState.of(session);
        boolean loggedIn = state instanceof SessionState.Transaction;
        if (TRANSACTION.contains(command) && !loggedIn) {
            return Replies.onlyAfterLogin(command);
        }
        if (AUTHORIZATION.contains(command) && loggedIn) {
            return Replies.ALREADY_LOGGED_IN;
        }
        if (command.equals("PASS") && !(state instanceof SessionState.UserGiven)) {
            return Replies.USER_FIRST;
        }
        return null;
    }

    @Override
    public Collection<String> getImplCommands() {
        Set<String> all = new HashSet<>(AUTHORIZATION);
        all.addAll(TRANSACTION);
        return all;
    }
}
