package org.postroom.smtp.inbound;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.MailCmdHandler;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Replies;

/**
 * James's MAIL command with the sequence errors of RFC 5321 §4.1.4 answered 503 5.5.1 (James says
 * 5.5.0), a nested MAIL refused without dropping the sender the transaction already has, and a
 * sender with a character RFC 5321 does not allow there refused with 501 5.1.7 ({@link
 * AddressArgument}).
 */
final class MailCommand extends MailCmdHandler {

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
        if (request.getArgument() != null && !AddressArgument.isWellFormed(request.getArgument())) {
            return Verdicts.response(Replies.SENDER_SYNTAX);
        }
        return super.onCommand(session, request);
    }
}
