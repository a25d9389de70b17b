package org.postroom.pop3;

import java.util.Collection;
import java.util.List;

import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.maildrop.Maildrop;
import org.postroom.pop3.maildrop.SessionState;

/** A handler of one POP3 command; {@link CommandStates} has already checked the session's state. */
abstract class Pop3Command implements CommandHandler<POP3Session> {

    private final List<String> name;

    Pop3Command(String name) {
        this.name = List.of(name);
    }

    @Override
    public final Collection<String> getImplCommands() {
        return name;
    }

    /** The maildrop of a TRANSACTION command's session: {@link CommandStates} lets none through before login. */
    static Maildrop maildrop(POP3Session session) {
        return SessionState.maildrop(session)
                .orElseThrow(() -> new IllegalStateException("a TRANSACTION command got through before login"));
    }
}
