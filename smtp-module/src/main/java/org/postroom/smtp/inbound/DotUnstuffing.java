package org.postroom.smtp.inbound;

import java.util.Arrays;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataLineFilter;

/**
 * The last DATA line filter before the message is written: RFC 5321 §4.5.2, "if the first
 * character is a period and there are other characters on the line, the first character is
 * deleted". James's writer deletes it only when a second period follows, so a line ".x" from a
 * client that does not double its dots would be stored as ".x" where every compliant server stores
 * "x" (found by SmtpDataFuzzTest). This filter deletes the period of such a line and leaves a line
 * starting with two to James, which deletes one; the line "." alone is the end of the data, which
 * StrictDataFilter guarantees by the time a line gets here.
 */
final class DotUnstuffing implements DataLineFilter {

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        boolean endOfData = line.length == 3 && line[0] == '.';
        if (!endOfData && line.length > 1 && line[0] == '.' && line[1] != '.') {
            return next.onLine(session, Arrays.copyOfRange(line, 1, line.length));
        }
        return next.onLine(session, line);
    }
}
