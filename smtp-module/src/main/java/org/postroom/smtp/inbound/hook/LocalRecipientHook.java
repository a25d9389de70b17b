package org.postroom.smtp.inbound.hook;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postroom.smtp.reply.Replies;
import org.postroom.smtp.reply.Reply;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution;
import org.postroom.storage.directory.RecipientResolution.AliasLimitExceeded;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.RecipientResolution.Disabled;
import org.postroom.storage.directory.RecipientResolution.NotLocal;
import org.postroom.storage.directory.RecipientResolution.UnknownLocal;
import org.postroom.storage.mailbox.Recipient;

/**
 * Decides every recipient at one of our domains, at RCPT time rather than after the data (so the
 * sending server, not we, tells its user): a user, an alias, a catch-all or a plus-address is
 * accepted, unless no mailbox it reaches has room left under its quota for the message, as big as
 * MAIL's SIZE parameter declared it or at least one octet (452 4.2.2, RFC 1870 §6.2: the client
 * retries that recipient later); an unknown address gets 550 5.1.1, a disabled user 550 5.2.1, an
 * alias that loops 550 5.4.6. Addresses at other domains are left to {@link RelayControlHook}.
 *
 * <p>The address's domain is what follows its last {@code @}, so relay tricks such as
 * {@code user%other.test@ours}, {@code other.test!user@ours} or {@code "user@other.test"@ours} are
 * local parts at our domain: they reach a local mailbox (a catch-all) or nobody, never another host.
 */
public final class LocalRecipientHook extends StorageBackedHook implements RcptHook {

    private final MailDirectory directory;

    public LocalRecipientHook(MailDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        return withStorage(session, "resolve recipient", () -> decide(session, rcpt.asString()));
    }

    private HookResult decide(SMTPSession session, String address) {
        RecipientResolution resolution = directory.resolve(address);
        if (resolution instanceof NotLocal) {
            return HookResult.DECLINED;
        }
        if (resolution instanceof Deliverable deliverable) {
            if (!deliverable.hasRoomFor(MessageSizeHook.declaredSize(session).orElse(1))) {
                return Verdicts.of(Replies.MAILBOX_FULL);
            }
            AcceptedRecipients.add(session, Recipient.resolved(address, deliverable));
            return HookResult.OK;
        }
        return Verdicts.of(refusal(resolution));
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
