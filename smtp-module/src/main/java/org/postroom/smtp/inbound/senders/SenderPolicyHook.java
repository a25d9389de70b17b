package org.postroom.smtp.inbound.senders;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postroom.smtp.inbound.hook.StorageBackedHook;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.inbound.senders.Dnsbl.Listing;
import org.postroom.smtp.reply.Refusal;
import org.postroom.smtp.reply.Replies;
import org.postroom.smtp.reply.Reply;
import org.postroom.storage.Printable;
import org.postroom.storage.directory.RoleAddresses;
import org.postroom.storage.senders.SenderLists;
import org.postroom.storage.senders.SenderMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port 25's decision about the sender, per recipient, before the recipient itself is looked at:
 * a block entry of the recipient's lists (the user's, then the domain's) refuses it with 550 5.7.1;
 * an allow entry lets it pass here and is remembered for the checks at the end of DATA ({@link
 * AllowListed}); otherwise a DNS blocklist that lists the client refuses it with 554 5.7.1 naming
 * the list and its reason. postmaster@ and abuse@ of any domain ({@link RoleAddresses}) skip all
 * of it, so that a listed or blocked sender can still reach a human about it (RFC 5321 §4.5.1).
 * Declines in every other case, for {@code LocalRecipientHook} to decide.
 */
public final class SenderPolicyHook extends StorageBackedHook implements RcptHook {

    private static final Logger log = LoggerFactory.getLogger(SenderPolicyHook.class);

    private final SenderLists lists;
    private final Dnsbl dnsbl;

    public SenderPolicyHook(SenderLists lists, Dnsbl dnsbl) {
        this.lists = lists;
        this.dnsbl = dnsbl;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        String recipient = rcpt.asString();
        if (RoleAddresses.isRole(recipient)) {
            return HookResult.DECLINED;
        }
        String from = sender.isNullSender() ? "" : sender.asString();
        return withStorage(session, "match sender lists", () -> decide(session, from, recipient));
    }

    private HookResult decide(SMTPSession session, String sender, String recipient) {
        InetAddress client = session.getRemoteAddress().getAddress();
        Optional<SenderMatch> match = lists.match(recipient, sender, client);
        if (match.filter(SenderMatch::blocks).isPresent()) {
            log.info("session {}: RCPT <{}> from <{}> refused with {}: reason={} entry={} list={}",
                    session.getSessionID(), Printable.of(recipient), Printable.of(sender), Replies.SENDER_BLOCKED.codes(),
                    Refusal.SENDER_BLOCKED, Printable.of(match.get().entry()), match.get().scope().name().toLowerCase(Locale.ROOT));
            return Verdicts.of(Replies.SENDER_BLOCKED);
        }
        if (match.isPresent()) {
            AllowListed.add(session, recipient);
            return HookResult.DECLINED;
        }
        Optional<Listing> listing = dnsbl.listing(session);
        if (listing.isPresent()) {
            Reply reply = Replies.dnsblListed(listing.get().address(), listing.get().zone(), listing.get().reason());
            log.info("session {}: RCPT <{}> refused with {}: reason={} zone={}", session.getSessionID(),
                    Printable.of(recipient), reply.codes(), Refusal.DNSBL_LISTED, listing.get().zone());
            return Verdicts.of(reply);
        }
        return HookResult.DECLINED;
    }
}
