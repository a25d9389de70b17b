package org.postroom.smtp.inbound.hook;

import java.util.function.Supplier;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * What a filter or a check keeps about the message of the current transaction, in the session's
 * transaction state, which James clears when the transaction ends (RSET, the end of DATA, EHLO,
 * STARTTLS): the first to ask makes it.
 */
public final class TransactionState {

    private TransactionState() {
    }

    /** The value under {@code key} in the current transaction, made with {@code fresh} if there is none yet. */
    public static <T> T of(SMTPSession session, AttachmentKey<T> key, Supplier<T> fresh) {
        return session.getAttachment(key, State.Transaction).orElseGet(() -> {
            T value = fresh.get();
            session.setAttachment(key, value, State.Transaction);
            return value;
        });
    }
}
