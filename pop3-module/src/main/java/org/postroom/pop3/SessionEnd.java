package org.postroom.pop3;

import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.maildrop.Maildrop;
import org.postroom.pop3.maildrop.SessionState;

/**
 * However a session ends (QUIT, dropped connection, idle timeout, server stop), the maildrop lock
 * is released: QUIT releases it itself, and without this a dropped connection would keep the
 * maildrop locked. A session that ends without QUIT removes nothing (RFC 1939 §6).
 */
final class SessionEnd implements DisconnectHandler<POP3Session> {

    @Override
    public void onDisconnect(POP3Session session) {
        SessionState.maildrop(session).ifPresent(Maildrop::close);
    }
}
