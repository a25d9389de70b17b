package org.postroom.smtp.inbound;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.apache.james.protocols.smtp.core.DataCmdHandler;
import org.postroom.listener.OverlongLineSession;
import org.postroom.smtp.inbound.hook.StrictDataFilter;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Replies;

/**
 * One SMTP connection. Differs from James's session in the replies it gives for protocol-level
 * faults, each with an enhanced status code, and in that it lets the {@link SessionRecord} see the
 * replies of continuation lines (DATA, AUTH) as well as those of commands.
 *
 * <p>A line longer than the listener's frame limit is a command line over the limit of RFC 5321
 * §4.5.3.1.4 (500 5.5.2), except inside DATA: there James would drop the line and store the rest
 * of the message truncated; Postroom refuses the whole message with 552 5.3.4 at its end, and
 * how the dropped line ended decides whether the next one starts a line ({@link StrictDataFilter}).
 * A line over the limit that answers an AUTH challenge ends the exchange with 500 5.5.6.
 *
 * <p>The end of a mail transaction ({@link #resetState}) is the one place where the message spooled
 * for it is let go.
 */
final class InboundSession extends SMTPSessionImpl implements OverlongLineSession {

    InboundSession(ProtocolTransport transport, InboundConfiguration configuration) {
        super(transport, configuration);
    }

    @Override
    public Response lineTooLong(boolean endedWithCrlf) {
        if (getAttachment(DataCmdHandler.MAILENV, State.Transaction).isPresent()) {
            StrictDataFilter.lineTooLong(this, endedWithCrlf);
            return null;
        }
        // comes from the framer, not a command handler: the command line does not see it
        return observed(Verdicts.response(Replies.COMMAND_TOO_LONG));
    }

    /** The only exchange outside DATA is AUTH's; the listener has ended it. */
    @Override
    public Response exchangeLineTooLong() {
        return observed(Verdicts.response(Replies.AUTH_LINE_TOO_LONG));
    }

    /**
     * Ends the mail transaction, and with it the life of its spooled message (the file deleted):
     * James calls this after the message hooks at the end of DATA (the message committed or
     * refused), on RSET, EHLO, HELO and STARTTLS; {@link StrictDataFilter} when it refuses the
     * data; {@link UnfinishedTransaction} when the connection ends.
     */
    @Override
    public void resetState() {
        getAttachment(DataCmdHandler.MAILENV, State.Transaction)
                .filter(SpooledMessage.class::isInstance)
                .ifPresent(message -> ((SpooledMessage) message).close());
        super.resetState();
    }

    @Override
    public Response newFatalErrorResponse() {
        return Verdicts.response(Replies.LOCAL_ERROR);
    }

    @Override
    public Response newCommandNotFoundErrorResponse() {
        return Verdicts.response(Replies.UNKNOWN_COMMAND);
    }

    @Override
    public <T extends ProtocolSession> void pushLineHandler(LineHandler<T> handler) {
        super.pushLineHandler((LineHandler<T>) (session, line) -> observed(handler.onLine(session, line)));
    }

    /** Tells the session record about a reply on its way to the client; returns it unchanged. */
    Response observed(Response response) {
        // most DATA lines get no reply: no need to look the record up for each
        if (response != null) {
            SessionRecord.of(this).ifPresent(record -> record.observe(this, response));
        }
        return response;
    }
}
