package org.postroom.smtp.inbound.senders;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.postroom.storage.directory.Address;

/**
 * The recipients of the current transaction for whom an allow entry of their sender lists applied
 * at RCPT ({@link SenderPolicyHook}), so that a check at the end of DATA can spare them (the DMARC
 * quarantine) without asking the database again. Transaction state: RSET, EHLO and the end of DATA
 * forget it.
 */
public final class AllowListed {

    @SuppressWarnings("unchecked")
    private static final AttachmentKey<Set<String>> KEY =
            AttachmentKey.of("postroom.allow-listed", (Class<Set<String>>) (Class<?>) Set.class);

    private AllowListed() {
    }

    static void add(SMTPSession session, String recipient) {
        Set<String> recipients = new HashSet<>(of(session));
        recipients.add(Address.of(recipient).toString());
        session.setAttachment(KEY, Set.copyOf(recipients), State.Transaction);
    }

    /** True when the sender is on an allow list of {@code recipient} (as RCPT matched it). */
    public static boolean forRecipient(SMTPSession session, String recipient) {
        return of(session).contains(Address.of(recipient).toString());
    }

    /** True when the sender is on an allow list of every one of {@code recipients}, and there is one. */
    public static boolean forAll(SMTPSession session, Collection<String> recipients) {
        return !recipients.isEmpty() && recipients.stream().allMatch(recipient -> forRecipient(session, recipient));
    }

    private static Set<String> of(SMTPSession session) {
        return session.getAttachment(KEY, State.Transaction).orElse(Set.of());
    }
}
