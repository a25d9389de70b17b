package org.postroom.smtp.inbound;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataLineFilter;
import org.postroom.smtp.inbound.hook.TransactionState;
import org.postroom.smtp.message.MessageHeaders;

/**
 * Submission only: adds the Date and Message-ID header fields a submitted message lacks (RFC 6409
 * §8.2 and §8.3, RFC 5322 §3.6), at the end of its header section, so a message from a careless
 * script still threads and sorts in the recipients' mail clients. Present fields are never changed.
 */
final class MissingHeadersFilter implements DataLineFilter {

    private static final AttachmentKey<HeaderSection> SECTION = AttachmentKey.of("postroom.header-section", HeaderSection.class);

    private final String hostname;

    MissingHeadersFilter(String hostname) {
        this.hostname = hostname;
    }

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        HeaderSection section = TransactionState.of(session, SECTION, HeaderSection::new);
        if (section.ended || section.takes(line)) {
            return next.onLine(session, line);
        }
        // the first line after the header section: the blank line, a body line, or the end of data
        section.ended = true;
        if (!section.hasDate) {
            Response response = next.onLine(session, field("Date: " + HeaderDate.now()));
            if (response != null) {
                return response;
            }
        }
        if (!section.hasMessageId) {
            Response response = next.onLine(session, field("Message-ID: <" + UUID.randomUUID() + "@" + hostname + ">"));
            if (response != null) {
                return response;
            }
        }
        return next.onLine(session, line);
    }

    private static byte[] field(String text) {
        return (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** What the header section seen so far holds. */
    private static final class HeaderSection {
        boolean ended;
        boolean hasDate;
        boolean hasMessageId;

        /** True when {@code line} belongs to the header section: a field or a folded continuation. */
        boolean takes(byte[] line) {
            if (line.length > 0 && (line[0] == ' ' || line[0] == '\t')) {
                return true;
            }
            String name = MessageHeaders.fieldName(line);
            if (name == null) {
                return false;
            }
            hasDate |= name.equals("date");
            hasMessageId |= name.equals("message-id");
            return true;
        }
    }
}
