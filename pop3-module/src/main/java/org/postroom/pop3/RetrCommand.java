package org.postroom.pop3;

import java.io.InputStream;
import java.util.List;

import org.apache.james.protocols.api.Response;
import org.postroom.pop3.maildrop.Maildrop.Message;
import org.postroom.pop3.reply.Replies;

/** RETR (RFC 1939 §5): the whole message, byte for byte (dot-stuffed on the wire). */
final class RetrCommand extends ContentCommand {

    RetrCommand() {
        super("RETR", "RETR msg", 1, true);
    }

    @Override
    InputStream select(InputStream content, List<Integer> arguments) {
        return content;
    }

    @Override
    Response reply(Message message, InputStream body) {
        return Replies.retrieval(message.size(), body);
    }
}
