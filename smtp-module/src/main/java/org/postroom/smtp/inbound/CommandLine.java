package org.postroom.smtp.inbound;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.smtp.SMTPSession;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Replies;

/**
 * Reads one command line and hands it to the command's handler: James's dispatcher, plus the
 * command line limit of RFC 5321 §4.5.3.1.4 (512 octets with the CRLF; 500 5.5.2 above it) and the
 * {@link SessionRecord}'s view of every command reply.
 */
final class CommandLine extends CommandDispatcher<SMTPSession> {

    /** RFC 5321 §4.5.3.1.4: the longest command line, CRLF included. */
    static final int MAX_LENGTH = 512;

    @Override
    public Response onLine(SMTPSession session, byte[] line) {
        Response response = line.length > MAX_LENGTH ? Verdicts.response(Replies.COMMAND_TOO_LONG)
                : super.onLine(session, line);
        return ((InboundSession) session).observed(response);
    }
}
