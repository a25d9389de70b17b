package org.postroom.pop3;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.UnknownCommandHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.reply.Replies;

/** Any command POP3 does not know, APOP included (see {@link Greeting}). */
final class UnknownCommand extends UnknownCommandHandler<POP3Session> {

    @Override
    public Response onCommand(POP3Session session, Request request) {
        return Replies.UNKNOWN_COMMAND;
    }
}
