package org.postroom.smtp.inbound;

import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * A connection that ends inside a mail transaction (the client went away during DATA, or the
 * listener closed it) ends the transaction too, so that the message spooled for it is let go
 * ({@link InboundSession#resetState}): a client cannot fill the spool by hanging up.
 */
final class UnfinishedTransaction implements DisconnectHandler<SMTPSession> {

    @Override
    public void onDisconnect(SMTPSession session) {
        session.resetState();
    }
}
