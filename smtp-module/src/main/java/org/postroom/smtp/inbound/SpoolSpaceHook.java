package org.postroom.smtp.inbound;

import java.util.Optional;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Refusal;
import org.postroom.smtp.reply.Replies;
import org.postroom.smtp.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No new transaction while the spool's file system has less free space than {@code
 * postroom.spool.min-free-space}: MAIL, and DATA for a transaction begun before ({@link
 * DataCommand}), are answered 452 4.3.1 before a byte of a message is taken, as Postfix does with
 * {@code queue_minfree}, so the room left goes to the messages already in flight and to the
 * database on the same disk. The sending server keeps its message and retries.
 */
final class SpoolSpaceHook implements MailHook {

    private static final Logger log = LoggerFactory.getLogger(SpoolSpaceHook.class);

    private final Spool spool;

    SpoolSpaceHook(Spool spool) {
        this.spool = spool;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        return refusal(session, "MAIL").map(Verdicts::of).orElse(HookResult.DECLINED);
    }

    /** The refusal of {@code command} while the spool is short of room; none while it has room. */
    Optional<Reply> refusal(SMTPSession session, String command) {
        if (spool.hasRoom()) {
            return Optional.empty();
        }
        log.warn("session {}: {} answered {}: reason={} the spool {} has less free space than"
                + " postroom.spool.min-free-space ({} bytes)", session.getSessionID(), command,
                Replies.SYSTEM_FULL.line(), Refusal.SYSTEM_FULL, spool.directory(), spool.minFreeSpace());
        return Optional.of(Replies.SYSTEM_FULL);
    }
}
