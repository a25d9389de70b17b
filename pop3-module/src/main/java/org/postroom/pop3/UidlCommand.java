package org.postroom.pop3;

import java.util.List;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.maildrop.Maildrop;
import org.postroom.pop3.maildrop.Maildrop.Message;
import org.postroom.pop3.reply.Replies;

/**
 * UIDL (RFC 1939 §7): the unique id of one message, or of every message not marked for deletion.
 * The ids never change and are never reused (see {@link Maildrop}), so clients that "leave mail
 * on the server" download each message once.
 */
final class UidlCommand extends MessageCommand {

    UidlCommand() {
        super("UIDL", "UIDL [msg]", 1);
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (request.getArgument() != null) {
            return super.onCommand(session, request);
        }
        List<String> lines = maildrop(session).messages().stream().map(m -> m.number() + " " + m.uidl()).toList();
        return Replies.uniqueIdListings(lines);
    }

    @Override
    Response onMessage(POP3Session session, Message message, List<Integer> arguments) {
        return Replies.uniqueIdListing(message.number(), message.uidl());
    }
}
