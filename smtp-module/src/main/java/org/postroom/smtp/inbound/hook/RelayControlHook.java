package org.postroom.smtp.inbound.hook;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postroom.smtp.reply.Replies;
import org.postroom.storage.mailbox.Recipient;

/**
 * The last word on a recipient that {@link LocalRecipientHook} left open, i.e. one at another
 * domain: relayed (queued for outbound delivery) only for a session whose user authenticated,
 * otherwise 554 5.7.1. James accepts a recipient when every hook declines, so this hook never does:
 * Postroom is never an open relay. Like a local one, a relayed recipient never shares a transaction
 * with recipients held for the administrators ({@link HeldRecipients}: 452 4.5.3).
 *
 * <p>554 rather than 550: RFC 5321 §3.6.2 lets either refuse relaying; 554 says "transaction
 * failed" for a reason that will not change on retry, as Postfix's reject_unauth_destination does.
 */
public final class RelayControlHook implements RcptHook {

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (!session.isRelayingAllowed()) {
            return Verdicts.of(Replies.RELAY_DENIED);
        }
        if (!HeldRecipients.of(session).isEmpty()) {
            return Verdicts.of(Replies.HELD_APART);
        }
        AcceptedRecipients.add(session, Recipient.remote(rcpt.asString()));
        return HookResult.OK;
    }
}
