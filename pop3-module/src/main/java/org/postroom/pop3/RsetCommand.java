package org.postroom.pop3;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.maildrop.Maildrop;
import org.postroom.pop3.reply.Replies;

/** RSET (RFC 1939 §5): unmarks every message marked by DELE in this session. */
final class RsetCommand extends Pop3Command {

    RsetCommand() {
        super("RSET");
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        Maildrop maildrop = maildrop(session);
        maildrop.unmarkAll();
        return Replies.unmarked(maildrop.count(), maildrop.octets());
    }
}
