package org.postroom.smtp.inbound.greylist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postroom.smtp.inbound.checks.SpfEvaluation;
import org.postroom.smtp.inbound.checks.SpfResult;
import org.postroom.smtp.inbound.hook.StorageBackedHook;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.inbound.senders.AllowListed;
import org.postroom.smtp.reply.Refusal;
import org.postroom.smtp.reply.Replies;
import org.postroom.storage.Printable;
import org.postroom.storage.directory.RoleAddresses;
import org.postroom.storage.greylist.Attempt;
import org.postroom.storage.greylist.Attempt.Deferred;
import org.postroom.storage.greylist.Attempt.Known;
import org.postroom.storage.greylist.Attempt.Retried;
import org.postroom.storage.greylist.Attempt.Vouched;
import org.postroom.storage.greylist.Greylist;
import org.postroom.storage.greylist.Triplet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Greylisting of one recipient that port 25 is about to accept (asked by {@code LocalRecipientHook}
 * once the recipient is known to take the mail): the attempt's triplet goes to the {@link Greylist}
 * at the time of {@code clock}; a deferred one gets {@link Replies#GREYLISTED}, 451 4.7.1. Not
 * asked for postmaster@ and abuse@ ({@link RoleAddresses}: a human must be reachable at once) nor
 * for a sender on the recipient's allow list ({@link AllowListed}, which the sender lists' hook
 * found before). A triplet that has not passed passes all the same when its sender's domain
 * passed before and SPF passes for that domain ({@link SpfEvaluation}, evaluated here only then,
 * and reused by the SPF check at the end of DATA). Each outcome is counted in {@code
 * postroom.smtp.greylist} (tag {@code outcome}: known, retried, vouched, deferred, exempt); a
 * deferral and a first pass are logged.
 */
final class GreylistHook extends StorageBackedHook implements RcptHook {

    private static final Logger log = LoggerFactory.getLogger(GreylistHook.class);

    private final Greylist greylist;
    private final SpfEvaluation spf;
    private final Clock clock;
    private final MeterRegistry meters;

    GreylistHook(Greylist greylist, SpfEvaluation spf, Clock clock, MeterRegistry meters) {
        this.greylist = greylist;
        this.spf = spf;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        String recipient = rcpt.asString();
        if (RoleAddresses.isRole(recipient) || AllowListed.forRecipient(session, recipient)) {
            count("exempt");
            return HookResult.DECLINED;
        }
        String from = sender.isNullSender() ? "" : sender.asString();
        Triplet triplet = Triplet.of(session.getRemoteAddress().getAddress(), from, recipient);
        return withStorage(session, "greylist", () -> decide(session, triplet));
    }

    private HookResult decide(SMTPSession session, Triplet triplet) {
        Instant now = clock.instant();
        Attempt attempt = greylist.attempt(triplet, now, () -> spf.of(session).status() == SpfResult.Status.PASS);
        if (attempt instanceof Deferred deferred) {
            count("deferred");
            log.info("session {}: RCPT <{}> from <{}> refused with {}: reason={} network={} retry-in={}s",
                    session.getSessionID(), Printable.of(triplet.recipient()), Printable.of(triplet.sender()),
                    Replies.GREYLISTED.codes(), Refusal.GREYLISTED, triplet.clientNetwork(),
                    Duration.between(now, deferred.passesFrom()).toSeconds());
            return Verdicts.of(Replies.GREYLISTED);
        }
        if (attempt instanceof Retried retried) {
            count("retried");
            log.info("session {}: greylisting passed <{}> from <{}> network={}: retried after {}s",
                    session.getSessionID(), Printable.of(triplet.recipient()), Printable.of(triplet.sender()),
                    triplet.clientNetwork(), retried.waited().toSeconds());
        } else if (attempt instanceof Vouched vouched) {
            count("vouched");
            log.info("session {}: greylisting passed <{}> from <{}> network={}: spf=pass for {}, which passed before",
                    session.getSessionID(), Printable.of(triplet.recipient()), Printable.of(triplet.sender()),
                    triplet.clientNetwork(), vouched.domain());
        } else if (attempt instanceof Known) {
            count("known");
        }
        return HookResult.DECLINED;
    }

    private void count(String outcome) {
        Counter.builder("postroom.smtp.greylist").description("greylisting decisions on port 25, by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }
}
