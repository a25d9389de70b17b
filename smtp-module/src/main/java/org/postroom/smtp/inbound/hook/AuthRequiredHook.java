package org.postroom.smtp.inbound.hook;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.postroom.smtp.reply.Replies;

/**
 * Submission (RFC 6409 §4.3): a transaction starts only after AUTH; MAIL before it gets
 * 530 5.7.0 (RFC 4954 §6).
 */
public final class AuthRequiredHook implements MailHook {

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        return session.getUsername() == null ? Verdicts.of(Replies.AUTH_REQUIRED) : HookResult.DECLINED;
    }
}
