package org.postroom.smtp.inbound.hook;

import java.util.List;
import java.util.OptionalLong;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataLineFilter;
import org.apache.james.protocols.smtp.core.esmtp.EhloExtension;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailParametersHook;
import org.postroom.smtp.reply.Replies;

/**
 * The message size limit of RFC 1870: announced in EHLO as {@code SIZE <limit>}, checked against
 * the SIZE parameter of MAIL (552 5.3.4 before any data is sent), and counted during DATA, where a
 * message over the limit is read to its end, dropped, and answered with 552 5.3.4.
 *
 * <p>Must come after {@link StrictDataFilter}, which guarantees that a {@code ".<CR><LF>"} line is
 * the real end of the data. The octets counted are the lines as sent, as RFC 1870 §4 suggests.
 *
 * <p>The size MAIL declared is kept for the transaction ({@link #declaredSize}), so that a
 * recipient whose mailbox cannot take that much is refused at RCPT already.
 */
public final class MessageSizeHook implements EhloExtension, MailParametersHook, DataLineFilter {

    private static final String SIZE = "SIZE";
    private static final AttachmentKey<Long> DECLARED = AttachmentKey.of("postroom.declared-size", Long.class);

    private final long maxMessageSize;

    public MessageSizeHook(long maxMessageSize) {
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("the message size limit must be positive, not " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public List<String> getImplementedEsmtpFeatures(SMTPSession session) {
        return List.of(SIZE + " " + maxMessageSize);
    }

    @Override
    public String[] getMailParamNames() {
        return new String[] {SIZE};
    }

    @Override
    public HookResult doMailParameter(SMTPSession session, String paramName, String paramValue) {
        long declared;
        try {
            declared = Long.parseLong(paramValue);
        } catch (NumberFormatException e) {
            return Verdicts.of(Replies.SIZE_SYNTAX);
        }
        if (declared < 0) {
            return Verdicts.of(Replies.SIZE_SYNTAX);
        }
        if (declared > maxMessageSize) {
            return Verdicts.of(Replies.MESSAGE_TOO_BIG);
        }
        session.setAttachment(DECLARED, declared, State.Transaction);
        return HookResult.DECLINED;
    }

    /** The size in octets MAIL's SIZE parameter declared for the current transaction, if it did. */
    public static OptionalLong declaredSize(SMTPSession session) {
        return session.getAttachment(DECLARED, State.Transaction).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        boolean endOfData = line.length == 3 && line[0] == '.';
        if (!endOfData) {
            long size = session.currentMessageSize() + line.length;
            session.setCurrentMessageSize(size);
            if (size > maxMessageSize) {
                DataRejection.mark(session, Replies.MESSAGE_TOO_BIG);
                return null;
            }
        }
        return next.onLine(session, line);
    }
}
