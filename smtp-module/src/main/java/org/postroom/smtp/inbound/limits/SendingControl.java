package org.postroom.smtp.inbound.limits;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Replies;
import org.postroom.smtp.reply.Reply;
import org.postroom.storage.directory.AuthenticatedUser;
import org.postroom.storage.limits.SendingCharge;
import org.postroom.storage.limits.SendingCounters;
import org.postroom.storage.limits.SendingLimit;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;
import org.postroom.storage.limits.SendingStanding;
import org.postroom.storage.limits.Suspension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending limits of authenticated submission as the SMTP chain applies them ({@code
 * postroom.limits.*}): MAIL refuses a suspended user and one who reached a limit ({@link
 * SendingLimitHook}), RCPT one recipient too many ({@link RecipientLimitHook}), and the commit
 * counts the message in its own transaction ({@link #charge}), refusing it when another session
 * took the user over a limit meanwhile. Every refusal for a limit, and every submitted message the
 * spam filter rejects ({@link #countingSpamRejects}), counts towards the user's suspension; the one
 * that suspends them stores a notice for the domain's postmaster ({@link SuspensionNotices}) and is
 * logged at INFO. The time is the clock's.
 */
public final class SendingControl {

    private static final Logger log = LoggerFactory.getLogger(SendingControl.class);

    private final boolean enabled;
    private final SendingCounters counters;
    private final SendingPolicy policy;
    private final SuspensionNotices notices;
    private final Clock clock;

    private SendingControl(boolean enabled, SendingCounters counters, SendingPolicy policy, SuspensionNotices notices,
            Clock clock) {
        this.enabled = enabled;
        this.counters = counters;
        this.policy = policy;
        this.notices = notices;
        this.clock = clock;
    }

    /** {@code policy}'s limits and suspensions over {@code counters}, at the time of {@code clock}. */
    public static SendingControl on(SendingCounters counters, SendingPolicy policy, SuspensionNotices notices,
            Clock clock) {
        return new SendingControl(true, counters, policy, notices, clock);
    }

    /** No limits ({@code postroom.limits.enabled=false}): submission counts, limits and suspends no one. */
    public static SendingControl off() {
        return new SendingControl(false, null, null, null, null);
    }

    /** The MAIL hooks of submission (none when off); they must run after the user logged in. */
    public List<MailHook> mailHooks() {
        return enabled ? List.of(new SendingLimitHook(this)) : List.of();
    }

    /** The RCPT hooks of submission (none when off), before the recipient is looked up. */
    public List<RcptHook> rcptHooks() {
        return enabled ? List.of(new RecipientLimitHook(this)) : List.of();
    }

    /** {@code spamChecks} of submission, each rejection they answer counted against the user (when on). */
    public List<MessageHook> countingSpamRejects(List<MessageHook> spamChecks) {
        return enabled ? spamChecks.stream().<MessageHook>map(check -> new SpamRejectCount(check, this)).toList()
                : spamChecks;
    }

    /**
     * The charge of the current transaction's message to {@code recipients}, for {@link
     * org.postroom.storage.mailbox.MailStore#deliver}; empty when the session did not log in, or
     * when the limits are off.
     */
    public Optional<SendingCharge> charge(SMTPSession session, int recipients) {
        return SendingAllowance.of(session)
                .map(allowance -> new SendingCharge(allowance.userId(), recipients, allowance.limits(), clock.instant()));
    }

    /**
     * The message of the current transaction was not committed because it would take the user
     * over {@code limit}: counted as a refusal, and the reply to send.
     */
    public HookResult refusedAtCommit(SMTPSession session, AuthenticatedUser user, SendingLimit limit) {
        SendingLimits limits = SendingAllowance.of(session).map(SendingAllowance::limits)
                .orElseThrow(() -> new IllegalStateException("a charged message has its allowance"));
        return refuse(session, user, limit, limits);
    }

    SendingStanding standing(AuthenticatedUser user) {
        return counters.standing(user.userId(), clock.instant());
    }

    SendingLimits limitsOf(SendingStanding standing) {
        return standing.effective(policy);
    }

    /**
     * Refuses the current transaction for {@code limit}: the first refusal of a transaction is
     * counted (and may suspend the user), and the reply names the limit.
     */
    HookResult refuse(SMTPSession session, AuthenticatedUser user, SendingLimit limit, SendingLimits limits) {
        Reply reply = Replies.sendingLimitReached(limit, limits.of(limit));
        log.info("session {}: <{}> refused with {}: reason=sending-limit limit={} value={}", session.getSessionID(),
                user.address(), reply.codes(), limit.key(), limits.of(limit));
        if (SendingAllowance.firstRefusal(session)) {
            counted(session, user, false);
        }
        return Verdicts.of(reply);
    }

    /** Counts a refusal ({@code spam}: a spam rejection) of {@code user}, suspending them when it is the one too many. */
    void counted(SMTPSession session, AuthenticatedUser user, boolean spam) {
        Optional<Suspension> suspended = counters.refused(user.userId(), spam, policy, clock.instant());
        suspended.ifPresent(suspension -> {
            String notice = notices.send(suspension, policy.lockAfter());
            log.info("session {}: sending of <{}> suspended: reason={} after {} in 24 hours; {}", session.getSessionID(),
                    suspension.address(), suspension.reason().key(), policy.lockAfter(), notice);
        });
    }
}
