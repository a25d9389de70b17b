package org.postroom.smtp.inbound.hook;

import java.util.List;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postroom.smtp.reply.Replies;
import org.postroom.smtp.reply.Reply;
import org.postroom.smtp.srs.Reversal;
import org.postroom.smtp.srs.Reversal.NotRewritten;
import org.postroom.smtp.srs.Reversal.Original;
import org.postroom.smtp.srs.Reversal.Refused;
import org.postroom.smtp.srs.SenderRewriting;
import org.postroom.storage.directory.Address;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution;
import org.postroom.storage.directory.RecipientResolution.AliasLimitExceeded;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.RecipientResolution.Disabled;
import org.postroom.storage.directory.RecipientResolution.NotLocal;
import org.postroom.storage.directory.RecipientResolution.Unattended;
import org.postroom.storage.directory.RecipientResolution.UnknownLocal;
import org.postroom.storage.directory.RecipientResolution.Via;
import org.postroom.storage.mailbox.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every recipient at one of our domains, at RCPT time rather than after the data (so the
 * sending server, not we, tells its user): a user, an alias, a catch-all or a plus-address is
 * accepted, unless no mailbox it reaches has room left under its quota for the message, as big as
 * MAIL's SIZE parameter declared it or at least one octet (452 4.2.2, RFC 1870 §6.2: the client
 * retries that recipient later); an unknown address gets 550 5.1.1, a disabled user 550 5.2.1, an
 * alias that loops 550 5.4.6. Addresses at other domains are left to {@link RelayControlHook}.
 *
 * <p>postmaster@ and abuse@ of a domain with no one to read them (no user, alias, postmaster target
 * or catch-all: the directory's {@code Unattended}) are accepted all the same, as RFC 5321 §4.5.1
 * demands, and their mail is held in the administrators' quarantine ({@link HeldRecipients}). Held
 * and delivered recipients are stored apart, so they never share a transaction: the one that would
 * mix them gets 452 4.5.3 and the client sends it in a transaction of its own.
 *
 * <p>An SRS address at one of our domains ({@link SenderRewriting}: the sender of mail an alias
 * forwarded) stands for its original address, so a bounce reaches the original sender; one whose
 * hash does not match or that has expired is refused like an unknown user (550 5.1.1), the reason
 * logged. A valid one is taken from any sender: whoever has it was sent mail from that address.
 *
 * <p>A recipient about to be accepted for delivery is put to the {@code beforeAccepting} hooks
 * first (port 25's greylisting): the first that does not decline decides, so that only recipients
 * that would be taken are ever deferred, never an unknown or full one.
 *
 * <p>The address's domain is what follows its last {@code @}, so relay tricks such as
 * {@code user%other.test@ours}, {@code other.test!user@ours} or {@code "user@other.test"@ours} are
 * local parts at our domain: they reach a local mailbox (a catch-all) or nobody, never another host.
 */
public final class LocalRecipientHook extends StorageBackedHook implements RcptHook {

    private static final Logger log = LoggerFactory.getLogger(LocalRecipientHook.class);

    private final MailDirectory directory;
    private final SenderRewriting senderRewriting;
    private final List<RcptHook> beforeAccepting;

    public LocalRecipientHook(MailDirectory directory, SenderRewriting senderRewriting, List<RcptHook> beforeAccepting) {
        this.directory = directory;
        this.senderRewriting = senderRewriting;
        this.beforeAccepting = List.copyOf(beforeAccepting);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        return withStorage(session, "resolve recipient", () -> decide(session, sender, rcpt));
    }

    private HookResult decide(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        String address = rcpt.asString();
        RecipientResolution resolution = resolve(session, address);
        if (resolution instanceof NotLocal) {
            return HookResult.DECLINED;
        }
        if (resolution instanceof Deliverable deliverable) {
            if (!deliverable.hasRoomFor(MessageSizeHook.declaredSize(session).orElse(1))) {
                return Verdicts.of(Replies.MAILBOX_FULL);
            }
            if (!HeldRecipients.of(session).isEmpty()) {
                return Verdicts.of(Replies.HELD_APART);
            }
            for (RcptHook hook : beforeAccepting) {
                HookResult verdict = hook.doRcpt(session, sender, rcpt);
                if (verdict.getResult().getAction() != HookReturnCode.Action.DECLINED) {
                    return verdict;
                }
            }
            AcceptedRecipients.add(session, Recipient.resolved(address, deliverable));
            return HookResult.OK;
        }
        if (resolution instanceof Unattended) {
            if (!AcceptedRecipients.of(session).isEmpty()) {
                return Verdicts.of(Replies.HELD_APART);
            }
            HeldRecipients.add(session, address);
            return HookResult.OK;
        }
        return Verdicts.of(refusal(resolution));
    }

    /** Where mail for {@code address} goes: for an SRS address of ours, where its original goes. */
    private RecipientResolution resolve(SMTPSession session, String address) {
        Reversal reversal = senderRewriting.reverse(address);
        if (reversal instanceof NotRewritten || !directory.isLocalDomain(Address.of(address).domain())) {
            return directory.resolve(address);
        }
        if (reversal instanceof Refused refused) {
            log.info("session {}: RCPT refused with {}: reason={}", session.getSessionID(), Replies.UNKNOWN_USER.line(),
                    refused.reason().word());
            return new UnknownLocal();
        }
        String original = ((Original) reversal).address();
        RecipientResolution resolution = directory.resolve(original);
        return resolution instanceof NotLocal ? new Deliverable(Via.ALIAS, Set.of(), Set.of(original)) : resolution;
    }

    private static Reply refusal(RecipientResolution resolution) {
        if (resolution instanceof Disabled) {
            return Replies.MAILBOX_DISABLED;
        }
        if (resolution instanceof AliasLimitExceeded) {
            return Replies.ALIAS_LOOP;
        }
        if (resolution instanceof UnknownLocal) {
            return Replies.UNKNOWN_USER;
        }
        throw new IllegalStateException("unexpected recipient resolution " + resolution);
    }
}
