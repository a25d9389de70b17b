package org.postroom.smtp.inbound.hook;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postroom.smtp.SmtpStandard;
import org.postroom.smtp.reply.Replies;

/**
 * At most {@code maxRecipients} recipients per transaction; the next RCPT gets 452 4.5.3 and the
 * client sends the rest in another transaction (RFC 5321 §4.5.3.1.10). RFC 5321 §4.5.3.1.8 asks
 * servers to take at least 100, so the limit is never below that.
 */
public final class MaxRecipientsHook implements RcptHook {

    private final int maxRecipients;

    public MaxRecipientsHook(int maxRecipients) {
        if (maxRecipients < SmtpStandard.MIN_RECIPIENTS) {
            throw new IllegalArgumentException("at least " + SmtpStandard.MIN_RECIPIENTS + " recipients must be allowed, not "
                    + maxRecipients);
        }
        this.maxRecipients = maxRecipients;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        return session.getRcptCount() >= maxRecipients ? Verdicts.of(Replies.TOO_MANY_RECIPIENTS) : HookResult.DECLINED;
    }
}
