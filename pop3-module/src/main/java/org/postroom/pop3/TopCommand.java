package org.postroom.pop3;

import java.io.InputStream;
import java.util.List;

import org.apache.james.protocols.api.Response;
import org.postroom.pop3.maildrop.Maildrop.Message;
import org.postroom.pop3.reply.Replies;

/** TOP (RFC 1939 §7): the header and the first n lines of the body; a preview, not a retrieval. */
final class TopCommand extends ContentCommand {

    TopCommand() {
        super("TOP", "TOP msg n", 2, false);
    }

    @Override
    InputStream select(InputStream content, List<Integer> arguments) {
        return new TopLines(content, arguments.get(1));
    }

    @Override
    Response reply(Message message, InputStream body) {
        return Replies.top(message.number(), body);
    }
}
