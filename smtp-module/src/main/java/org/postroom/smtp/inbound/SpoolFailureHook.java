package org.postroom.smtp.inbound;

import java.io.IOException;

import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Refusal;
import org.postroom.smtp.reply.Replies;
import org.postroom.smtp.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first check at the end of DATA: a message the spool could not take whole is refused before
 * any check reads it and nothing of it is stored, 452 4.3.1 when the spool's disk was full (RFC
 * 3463 "mail system full"; the sending server keeps the message and retries), 451 4.3.0 for any
 * other failure of the spool. The next transaction is taken as soon as there is room again.
 */
final class SpoolFailureHook implements MessageHook {

    private static final Logger log = LoggerFactory.getLogger(SpoolFailureHook.class);

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope message) {
        if (!(message instanceof SpooledMessage spooled)) {
            return HookResult.DECLINED;
        }
        return spooled.failure().map(failure -> refuse(session, failure)).orElse(HookResult.DECLINED);
    }

    private static HookResult refuse(SMTPSession session, IOException failure) {
        Reply reply = failure instanceof SpoolFullException ? Replies.SYSTEM_FULL : Replies.TRY_LATER;
        log.warn("session {}: the spool could not take the message, answered {}: reason={} {}", session.getSessionID(),
                reply.line(), Refusal.of(reply), failure.getMessage());
        return Verdicts.of(reply);
    }
}
