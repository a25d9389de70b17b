package org.postroom.smtp.inbound.spam;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.postroom.smtp.message.MessageHeaders;
import org.postroom.storage.message.MessageCheck;

/**
 * What the spam check decided about the message of the current transaction, for the commit: the
 * verdict stored with the message ({@code rspamd=add-header score=7.20 ...}), whether it is held in
 * the quarantine (reason {@value #HOLD_REASON}), and, for mail received on port 25, the header
 * fields written ({@link SpamHeaders}: ours on top, the same names from the sender removed, the
 * Subject tagged). Submitted mail is stored as it came.
 *
 * @param fields our X-Spam fields, each without its CRLF; empty when the message was not scanned
 * @param subjectTag the tag to put before the Subject, "" for none
 * @param rewrite true for mail received on port 25, whose header section is rewritten; false for
 *        submitted mail, which goes out unchanged
 */
public record SpamFindings(MessageCheck verdict, List<String> fields, String subjectTag, boolean hold,
        boolean rewrite) {

    /** The quarantine's reason for a message held as spam. */
    public static final String HOLD_REASON = "spam";

    private static final AttachmentKey<SpamFindings> KEY = AttachmentKey.of("postroom.spam-findings", SpamFindings.class);

    public SpamFindings {
        fields = List.copyOf(fields);
    }

    /** The findings about the current transaction's message; empty when the spam filter is off. */
    public static Optional<SpamFindings> of(SMTPSession session) {
        return session.getAttachment(KEY, State.Transaction);
    }

    void attachTo(SMTPSession session) {
        session.setAttachment(KEY, this, State.Transaction);
    }

    /** {@value #HOLD_REASON} when the message is to be held rather than delivered. */
    public Optional<String> holdReason() {
        return hold ? Optional.of(HOLD_REASON) : Optional.empty();
    }

    /** The message as stored: {@code content} with its header section rewritten where {@link #rewrite} says so. */
    public InputStream applyTo(InputStream content) throws IOException {
        if (!rewrite) {
            return content;
        }
        // buffered: the header section is read byte by byte, the body then streams on from the buffer
        InputStream buffered = new BufferedInputStream(content);
        byte[] header;
        try {
            header = MessageHeaders.read(buffered);
        } catch (IOException e) {
            buffered.close();
            throw e;
        }
        return new SequenceInputStream(new ByteArrayInputStream(SpamHeaders.rewrite(header, fields, subjectTag)),
                buffered);
    }
}
