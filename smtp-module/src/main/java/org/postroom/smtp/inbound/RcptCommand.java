package org.postroom.smtp.inbound;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.RcptCmdHandler;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Codes;
import org.postroom.smtp.reply.Replies;

/**
 * James's RCPT command with RCPT before MAIL answered 503 5.5.1 (James says 5.5.0) and an
 * unsupported RCPT parameter, such as the DSN extension's NOTIFY that Postroom does not offer,
 * answered 555 5.5.4 as RFC 5321 §4.1.1.11 says (James sends 504 without an enhanced status code),
 * and a recipient with a character RFC 5321 does not allow there refused with 501 5.1.3 ({@link
 * AddressArgument}).
 */
final class RcptCommand extends RcptCmdHandler {

    private static final String PARAMETER_NOT_IMPLEMENTED = Integer.toString(Codes.C504_PARAMETER_NOT_IMPLEMENTED);

    RcptCommand(MetricFactory metrics) {
        super(metrics);
    }

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        if (session.getAttachment(SMTPSession.SENDER, State.Transaction).isEmpty()) {
            return Verdicts.response(Replies.MAIL_FIRST);
        }
        if (request.getArgument() != null && !AddressArgument.isWellFormed(request.getArgument())) {
            return Verdicts.response(Replies.RECIPIENT_SYNTAX);
        }
        Response response = super.onCommand(session, request);
        return PARAMETER_NOT_IMPLEMENTED.equals(response.getRetCode())
                ? Verdicts.response(Replies.PARAMETER_NOT_RECOGNIZED) : response;
    }
}
