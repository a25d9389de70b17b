package org.postroom.pop3;

import java.util.List;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.maildrop.Maildrop;
import org.postroom.pop3.maildrop.Maildrop.Message;
import org.postroom.pop3.reply.Replies;

/** LIST (RFC 1939 §5): the size of one message, or of every message not marked for deletion. */
final class ListCommand extends MessageCommand {

    ListCommand() {
        super("LIST", "LIST [msg]", 1);
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (request.getArgument() != null) {
            return super.onCommand(session, request);
        }
        Maildrop maildrop = maildrop(session);
        List<String> lines = maildrop.messages().stream().map(m -> m.number() + " " + m.size()).toList();
        return Replies.scanListings(maildrop.count(), maildrop.octets(), lines);
    }

    @Override
    Response onMessage(POP3Session session, Message message, List<Integer> arguments) {
        return Replies.scanListing(message.number(), message.size());
    }
}
