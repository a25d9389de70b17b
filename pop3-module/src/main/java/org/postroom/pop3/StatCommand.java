package org.postroom.pop3;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.maildrop.Maildrop;
import org.postroom.pop3.reply.Replies;

/** STAT (RFC 1939 §5): messages and octets not marked for deletion, from the login's listing. */
final class StatCommand extends Pop3Command {

    StatCommand() {
        super("STAT");
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        Maildrop maildrop = maildrop(session);
        return Replies.dropListing(maildrop.count(), maildrop.octets());
    }
}
