package org.postroom.smtp.inbound.limits;

import java.util.List;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.postroom.smtp.inbound.hook.PasswordAuthHook;
import org.postroom.smtp.inbound.hook.StorageBackedHook;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Replies;
import org.postroom.storage.directory.AuthenticatedUser;
import org.postroom.storage.limits.SendingLimit;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingStanding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submission, MAIL: a user whose sending is suspended gets 550 5.7.1 and nothing counts; a user who
 * sent their messages of the clock hour gets 451 4.7.1 (the next hour takes them), their messages
 * or recipients of the last 24 hours 550 5.7.1, each reply naming the limit (RFC 3463 X.7.1). One
 * read of the user's counters; what it found goes with the transaction ({@link SendingAllowance}).
 * Must run after {@link org.postroom.smtp.inbound.hook.AuthRequiredHook}.
 */
public final class SendingLimitHook extends StorageBackedHook implements MailHook {

    private static final Logger log = LoggerFactory.getLogger(SendingLimitHook.class);

    /** In this order: the hour's limit first, since the client may try again in an hour. */
    private static final List<SendingLimit> RUNNING =
            List.of(SendingLimit.MESSAGES_PER_HOUR, SendingLimit.MESSAGES_PER_DAY, SendingLimit.RECIPIENTS_PER_DAY);

    private final SendingControl control;

    SendingLimitHook(SendingControl control) {
        this.control = control;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        AuthenticatedUser user = PasswordAuthHook.user(session)
                .orElseThrow(() -> new IllegalStateException("SendingLimitHook runs only after AuthRequiredHook"));
        return withStorage(session, "check the sending limits", () -> {
            SendingStanding standing = control.standing(user);
            if (standing.suspension().isPresent()) {
                log.info("session {}: <{}> refused with {}: reason=sending-suspended since {}", session.getSessionID(),
                        user.address(), Replies.SENDING_SUSPENDED.codes(), standing.suspension().get().suspendedAt());
                return Verdicts.of(Replies.SENDING_SUSPENDED);
            }
            SendingLimits limits = control.limitsOf(standing);
            new SendingAllowance(user.userId(), limits, standing.usage()).attachTo(session);
            for (SendingLimit limit : RUNNING) {
                if (limits.reached(limit, standing.usage().countOf(limit))) {
                    return control.refuse(session, user, limit, limits);
                }
            }
            return HookResult.DECLINED;
        });
    }
}
