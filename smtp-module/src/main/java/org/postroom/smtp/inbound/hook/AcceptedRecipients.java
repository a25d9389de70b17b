package org.postroom.smtp.inbound.hook;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.postroom.storage.mailbox.Recipient;

/**
 * Where the accepted recipients of the current transaction go, as the RCPT policies resolved them
 * (local mailboxes, alias targets, remote addresses). Kept in transaction state, so RSET, a new
 * EHLO or the end of DATA forget them, exactly as they forget James's own recipient list.
 */
public final class AcceptedRecipients {

    @SuppressWarnings("unchecked")
    private static final AttachmentKey<List<Recipient>> KEY =
            AttachmentKey.of("postroom.accepted-recipients", (Class<List<Recipient>>) (Class<?>) List.class);

    private AcceptedRecipients() {
    }

    /** Records {@code recipient}; call it only together with accepting the RCPT. */
    public static void add(SMTPSession session, Recipient recipient) {
        List<Recipient> recipients = new ArrayList<>(of(session));
        recipients.add(recipient);
        session.setAttachment(KEY, List.copyOf(recipients), State.Transaction);
    }

    /** The accepted recipients in RCPT order; empty before the first one. */
    public static List<Recipient> of(SMTPSession session) {
        return session.getAttachment(KEY, State.Transaction).orElse(List.of());
    }
}
