package org.postroom.pop3;

import java.util.List;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.maildrop.Maildrop.Message;
import org.postroom.pop3.reply.Replies;

/** DELE (RFC 1939 §5): marks a message; it is removed only by QUIT, and RSET unmarks it. */
final class DeleCommand extends MessageCommand {

    DeleCommand() {
        super("DELE", "DELE msg", 1);
    }

    @Override
    Response onMessage(POP3Session session, Message message, List<Integer> arguments) {
        maildrop(session).mark(message);
        return Replies.markedForDeletion(message.number());
    }
}
