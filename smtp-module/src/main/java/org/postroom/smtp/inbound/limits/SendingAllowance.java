package org.postroom.smtp.inbound.limits;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.postroom.smtp.inbound.hook.TransactionState;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingUsage;

/**
 * What MAIL found of the authenticated user's sending for the current transaction: the limits that
 * apply and the usage then, for RCPT's checks and for the charge at the commit. Kept in transaction
 * state, so RSET and the end of DATA forget it; and whether the transaction was refused for a limit
 * once already, so that one transaction counts one refusal however many RCPTs it tries.
 */
record SendingAllowance(long userId, SendingLimits limits, SendingUsage usage) {

    private static final AttachmentKey<SendingAllowance> KEY =
            AttachmentKey.of("postroom.sending-allowance", SendingAllowance.class);
    private static final AttachmentKey<AtomicBoolean> REFUSED =
            AttachmentKey.of("postroom.sending-refused", AtomicBoolean.class);

    /** Makes this the allowance of a new transaction (begun with MAIL), which has not been refused yet. */
    void attachTo(SMTPSession session) {
        session.setAttachment(KEY, this, State.Transaction);
        session.setAttachment(REFUSED, new AtomicBoolean(), State.Transaction);
    }

    /** The allowance of the current transaction; empty before MAIL, and on port 25. */
    static Optional<SendingAllowance> of(SMTPSession session) {
        return session.getAttachment(KEY, State.Transaction);
    }

    /** True the first time it is asked in a transaction, false after. */
    static boolean firstRefusal(SMTPSession session) {
        return !TransactionState.of(session, REFUSED, AtomicBoolean::new).getAndSet(true);
    }
}
