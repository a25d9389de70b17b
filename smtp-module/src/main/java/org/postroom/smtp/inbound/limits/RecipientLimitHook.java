package org.postroom.smtp.inbound.limits;

import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postroom.smtp.inbound.hook.PasswordAuthHook;
import org.postroom.smtp.inbound.hook.StorageBackedHook;
import org.postroom.storage.limits.SendingLimit;

/**
 * Submission, RCPT: one recipient more than the user's limit per message gets 452 4.5.3 (RFC 5321
 * §4.5.3.1.10: the client sends the others in another message), one more than their recipients of
 * the last 24 hours leave 550 5.7.1; each reply names the limit. Counts only the recipients
 * accepted so far in the transaction, against what MAIL read ({@link SendingAllowance}): no
 * database read per recipient. A transaction counts one refusal however many recipients it tries.
 */
public final class RecipientLimitHook extends StorageBackedHook implements RcptHook {

    private final SendingControl control;

    RecipientLimitHook(SendingControl control) {
        this.control = control;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        Optional<SendingAllowance> allowance = SendingAllowance.of(session);
        if (allowance.isEmpty()) {
            return HookResult.DECLINED;
        }
        int accepted = session.getRcptCount();
        SendingLimit reached = allowance.get().limits().reached(SendingLimit.RECIPIENTS_PER_MESSAGE, accepted)
                ? SendingLimit.RECIPIENTS_PER_MESSAGE
                : allowance.get().limits().reached(SendingLimit.RECIPIENTS_PER_DAY,
                        allowance.get().usage().recipientsToday() + accepted) ? SendingLimit.RECIPIENTS_PER_DAY : null;
        if (reached == null) {
            return HookResult.DECLINED;
        }
        return withStorage(session, "count a refusal for a sending limit", () -> control.refuse(session,
                PasswordAuthHook.user(session).orElseThrow(), reached, allowance.get().limits()));
    }
}
