package org.postroom.listener;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;

/**
 * A protocol session that answers a line over the listener's length limit knowing how the line
 * ended. The listener drops the bytes of such a line as they come (its memory stays bounded) and
 * asks the session once the line's LF has arrived; a session without this interface is asked
 * James's {@link ProtocolSession#newLineTooLongResponse()}.
 */
public interface OverlongLineSession extends ProtocolSession {

    /**
     * The reply to a line that was too long, or null for none (SMTP inside DATA answers only at
     * the end of the data).
     *
     * @param endedWithCrlf whether the line ended with CRLF rather than with a bare LF, read from
     *                      the bytes the client sent
     */
    Response lineTooLong(boolean endedWithCrlf);

    /**
     * The reply to a line that was too long to answer an exchange a line handler was running (an
     * AUTH challenge); the listener has ended the exchange.
     */
    default Response exchangeLineTooLong() {
        return newLineTooLongResponse();
    }
}
