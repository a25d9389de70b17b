package org.postroom.smtp.inbound.limits;

import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.postroom.smtp.inbound.hook.PasswordAuthHook;
import org.postroom.smtp.inbound.hook.StorageBackedHook;
import org.postroom.smtp.reply.Refusal;
import org.postroom.smtp.reply.Reply;

/**
 * A spam check of submitted mail whose rejections ({@link Refusal#SPAM_REJECTED}) count against the
 * user's suspension: a stolen password shows as mail rspamd rejects. Answers what the check answers;
 * the count is stored after the check decided, and a database failure then turns the rejection
 * into 451 4.3.0 (the message is not taken either way).
 */
final class SpamRejectCount extends StorageBackedHook implements MessageHook {

    private final MessageHook check;
    private final SendingControl control;

    SpamRejectCount(MessageHook check, SendingControl control) {
        this.check = check;
        this.control = control;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope message) {
        HookResult result = check.onMessage(session, message);
        if (result.getResult().getAction() != HookReturnCode.Action.DENY || result.getSmtpRetCode() == null
                || Refusal.of(Reply.parse(result.getSmtpRetCode() + " " + result.getSmtpDescription()))
                        != Refusal.SPAM_REJECTED) {
            return result;
        }
        return PasswordAuthHook.user(session).map(user -> withStorage(session, "count a spam rejection", () -> {
            control.counted(session, user, true);
            return result;
        })).orElse(result);
    }
}
