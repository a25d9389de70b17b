package org.postroom.smtp.inbound;

import java.util.Optional;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.MailCmdHandler;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Refusal;
import org.postroom.smtp.reply.Replies;
import org.postroom.storage.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's MAIL command with the sequence errors of RFC 5321 §4.1.4 answered 503 5.5.1 (James says
 * 5.5.0), a nested MAIL refused without dropping the sender the transaction already has, and a
 * sender with a character RFC 5321 does not allow there, or one that makes no address, refused
 * with 501 5.1.7 ({@link AddressArgument}) in a log line of its own rather than James's stack trace.
 */
final class MailCommand extends MailCmdHandler {

    private static final Logger LOGGER = LoggerFactory.getLogger(MailCommand.class);

    MailCommand(MetricFactory metrics) {
        super(metrics);
    }

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        if (session.getAttachment(SMTPSession.SENDER, State.Transaction).isPresent()) {
            return Verdicts.response(Replies.NESTED_MAIL);
        }
        if (session.getAttachment(SMTPSession.CURRENT_HELO_MODE, State.Connection).isEmpty()) {
            return Verdicts.response(Replies.HELO_FIRST);
        }
        String argument = request.getArgument();
        if (argument != null && !AddressArgument.isWellFormed(argument)) {
            return Verdicts.response(Replies.SENDER_SYNTAX);
        }
        Optional<String> unparsable = argument == null ? Optional.empty() : AddressArgument.unparsableSender(argument);
        if (unparsable.isPresent()) {
            LOGGER.info("session {}: sender refused with {}: reason={}, not an address: {}", session.getSessionID(),
                    Replies.SENDER_SYNTAX.line(), Refusal.SENDER_SYNTAX, Printable.text(unparsable.get()));
            return Verdicts.response(Replies.SENDER_SYNTAX);
        }
        return super.onCommand(session, request);
    }
}
