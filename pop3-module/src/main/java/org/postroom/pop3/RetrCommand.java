package org.postroom.pop3;

import java.io.InputStream;
import java.util.List;

import org.postroom.pop3.maildrop.Maildrop.Message;

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
    String status(Message message) {
        return message.size() + " octets";
    }
}
