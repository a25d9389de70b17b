package org.postroom.smtp.inbound.hook;

import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataLineFilter;
import org.postroom.smtp.reply.Replies;
import org.postroom.smtp.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first DATA line filter, against SMTP smuggling (CVE-2023-51764 class): the data ends only at
 * CRLF "." CRLF (RFC 5321 §4.1.1.4), and a message with a bare CR, a bare LF or a NUL anywhere is
 * refused whole with 554 5.6.0, as Postfix's {@code smtpd_forbid_bare_newline} does. James's
 * framer splits lines at a bare LF and its DATA handler ends at any 3-byte line starting with
 * ".", so {@code <LF>.<CR><LF>} would otherwise end one message early and let the rest of the data
 * run as commands: a second, forged message.
 *
 * <p>A line over the listener's length limit never reaches the filters: the listener drops its bytes
 * and the session reports it here ({@link #lineTooLong}) with how it ended, so that a long line
 * ending in a bare LF cannot make the next line look like the start of one.
 *
 * <p>This filter also answers every message another check refused mid-DATA ({@link
 * DataRejection}): the lines after the fault are dropped, and at the real end of the data the
 * client hears the reason, the message is discarded, and the transaction is over. The filters after
 * this one therefore see a line {@code ".<CR><LF>"} only as the real end of the data.
 */
public final class StrictDataFilter implements DataLineFilter {

    private static final Logger log = LoggerFactory.getLogger(StrictDataFilter.class);
    private static final AttachmentKey<LinePosition> POSITION = AttachmentKey.of("postroom.data-line-position", LinePosition.class);

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        LinePosition position = position(session);
        boolean endsWithCrlf = endsWithCrlf(line);
        // the previous line ended with a bare LF (or was cut off): this one does not start a line
        boolean startsLine = position.atLineStart;
        position.atLineStart = endsWithCrlf;
        Optional<Reply> rejection = DataRejection.reason(session);
        if (startsLine && endsWithCrlf && line.length == 3 && line[0] == '.') {
            return rejection.map(reason -> refuse(session, reason)).orElseGet(() -> next.onLine(session, line));
        }
        if (rejection.isPresent()) {
            return null;
        }
        if (!endsWithCrlf || containsBareCrOrNul(line)) {
            DataRejection.mark(session, Replies.BARE_LINE_ENDING);
            return null;
        }
        return next.onLine(session, line);
    }

    /**
     * A line of the message that the listener dropped for being over its length limit: the
     * message is refused with 552 5.3.4 at the end of its data (RFC 5322 §2.1.1; never stored
     * truncated), and the line counts as ended where the client ended it.
     *
     * @param endedWithCrlf whether the dropped line ended with CRLF; after a bare LF the next line
     *                      does not start a line, so a {@code ".<CR><LF>"} there is not the end
     */
    public static void lineTooLong(SMTPSession session, boolean endedWithCrlf) {
        position(session).atLineStart = endedWithCrlf;
        DataRejection.mark(session, Replies.MESSAGE_LINE_TOO_LONG);
    }

    private static LinePosition position(SMTPSession session) {
        return TransactionState.of(session, POSITION, LinePosition::new);
    }

    /** Ends the transaction (which discards the message) and answers with {@code reason}. */
    private static Response refuse(SMTPSession session, Reply reason) {
        log.debug("session {}: message refused: {}", session.getSessionID(), reason.line());
        session.popLineHandler();
        session.resetState();
        return Verdicts.response(reason);
    }

    private static boolean endsWithCrlf(byte[] line) {
        return line.length >= 2 && line[line.length - 2] == '\r' && line[line.length - 1] == '\n';
    }

    /**
     * Whether the next line of this message's data starts a line of the message. One mutable
     * object per message, because the filter looks at it for every line.
     */
    private static final class LinePosition {
        boolean atLineStart = true;
    }

    /** A CR or NUL anywhere before the final CRLF; James's framer already ended the line at the first LF. */
    private static boolean containsBareCrOrNul(byte[] line) {
        for (int i = 0; i < line.length - 2; i++) {
            if (line[i] == '\r' || line[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
