package org.postroom.smtp.inbound.hook;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * The accepted recipients of the current transaction whose mail waits in the administrators'
 * quarantine rather than in a mailbox: postmaster@ or abuse@ of a domain that has no one to read
 * them. A transaction has these or {@link AcceptedRecipients}, never both ({@link
 * LocalRecipientHook}). Transaction state, like James's own recipient list.
 */
public final class HeldRecipients {

    @SuppressWarnings("unchecked")
    private static final AttachmentKey<List<String>> KEY =
            AttachmentKey.of("postroom.held-recipients", (Class<List<String>>) (Class<?>) List.class);

    private HeldRecipients() {
    }

    /** Records {@code address}; call it only together with accepting the RCPT. */
    static void add(SMTPSession session, String address) {
        List<String> recipients = new ArrayList<>(of(session));
        recipients.add(address);
        session.setAttachment(KEY, List.copyOf(recipients), State.Transaction);
    }

    /** The held recipients in RCPT order; empty when there are none. */
    public static List<String> of(SMTPSession session) {
        return session.getAttachment(KEY, State.Transaction).orElse(List.of());
    }
}
