package org.postroom.pop3.maildrop;

import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * Where a POP3 session stands (RFC 1939 §3): in AUTHORIZATION before USER or after a failed login,
 * in AUTHORIZATION with the address USER gave, or in TRANSACTION with its maildrop, which exists
 * only there. Kept on the session in place of James's state number and user mailbox; James clears
 * it, as its own, when STLS starts TLS (RFC 2595 §4: the client logs in afresh).
 */
public sealed interface SessionState {

    /** Where the state is kept: an attachment James clears with the session's state. */
    AttachmentKey<SessionState> KEY = AttachmentKey.of("postroom.pop3.state", SessionState.class);

    /** AUTHORIZATION: no USER yet, or the last login failed. */
    record Authorization() implements SessionState {
    }

    /** AUTHORIZATION after USER: the address the next PASS logs in. */
    record UserGiven(String address) implements SessionState {
    }

    /** TRANSACTION: logged in, the maildrop locked and listed. */
    record Transaction(Maildrop maildrop) implements SessionState {
    }

    static SessionState of(POP3Session session) {
        return session.getAttachment(KEY, State.Transaction).orElseGet(Authorization::new);
    }

    /** The maildrop of a session in TRANSACTION. */
    static Optional<Maildrop> maildrop(POP3Session session) {
        return of(session) instanceof Transaction transaction ? Optional.of(transaction.maildrop()) : Optional.empty();
    }

    static void enter(POP3Session session, SessionState state) {
        session.setAttachment(KEY, state, State.Transaction);
    }
}
