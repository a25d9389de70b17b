package org.postroom.smtp.inbound;

import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataCmdHandler;
import org.postroom.listener.DataPhase;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Replies;

/**
 * James's DATA command, with the message spooled ({@link Spool}) instead of held in a byte array,
 * and its refusals answered with Postroom's replies: 501 5.5.4 for an argument, 503 5.5.1 for DATA
 * before MAIL or without an accepted recipient (RFC 5321 §4.1.4, §3.3), 452 4.3.1 while the
 * spool is short of room ({@link SpoolSpaceHook}). Its 354 opens the
 * listener's {@link DataPhase}: up to the reply at the end of the data the client is held to the
 * minimum data rate, not to the command timeout of each line.
 */
final class DataCommand extends DataCmdHandler {

    private final Spool spool;
    private final SpoolSpaceHook space;

    DataCommand(MetricFactory metrics, Spool spool, SpoolSpaceHook space) {
        super(metrics);
        this.spool = spool;
        this.space = space;
    }

    @Override
    protected Response doDATAFilter(SMTPSession session, String argument) {
        if (argument != null && !argument.isEmpty()) {
            return Verdicts.response(Replies.NO_ARGUMENT_ALLOWED);
        }
        if (session.getAttachment(SMTPSession.SENDER, State.Transaction).isEmpty()) {
            return Verdicts.response(Replies.MAIL_FIRST);
        }
        if (session.getRcptCount() == 0) {
            return Verdicts.response(Replies.RCPT_FIRST);
        }
        return space.refusal(session, "DATA").map(Verdicts::response).orElse(null);
    }

    @Override
    protected Response doDATA(SMTPSession session, String argument) {
        Response ready = super.doDATA(session, argument);
        DataPhase.startsWithThisReply(session);
        return ready;
    }

    @Override
    protected MailEnvelope createEnvelope(MaybeSender sender, List<MailAddress> recipients) {
        return spool.newMessage(sender, recipients);
    }
}
