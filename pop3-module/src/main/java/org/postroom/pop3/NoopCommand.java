package org.postroom.pop3;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.reply.Replies;

/** NOOP (RFC 1939 §5): keeps the session alive. */
final class NoopCommand extends Pop3Command {

    NoopCommand() {
        super("NOOP");
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        return Replies.OK;
    }
}
