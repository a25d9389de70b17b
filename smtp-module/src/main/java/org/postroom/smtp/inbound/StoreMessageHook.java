package org.postroom.smtp.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.postroom.listener.ProtocolListener;
import org.postroom.smtp.dsn.QuotaBounces;
import org.postroom.smtp.inbound.checks.MessageAuthentication;
import org.postroom.smtp.inbound.hook.AcceptedRecipients;
import org.postroom.smtp.inbound.hook.HeldRecipients;
import org.postroom.smtp.inbound.hook.PasswordAuthHook;
import org.postroom.smtp.inbound.hook.StorageBackedHook;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.inbound.limits.SendingControl;
import org.postroom.smtp.inbound.spam.SpamFindings;
import org.postroom.smtp.reply.Refusal;
import org.postroom.smtp.reply.Replies;
import org.postroom.storage.Printable;
import org.postroom.storage.limits.LimitExceeded;
import org.postroom.storage.mailbox.DeliveryReceipt;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.quarantine.HoldReceipt;
import org.postroom.storage.quarantine.Quarantine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The end of DATA: the spooled message goes into {@link MailStore#deliver} for all accepted
 * recipients in one transaction, and only after its COMMIT does the client hear 250 with the
 * queue id. The database down: 451 4.3.0, nothing stored, the client retries. Every local mailbox
 * over its quota: 452 4.2.2, nothing stored. Some of them over quota: on port 25, 452 4.2.2 for
 * the whole transaction and nothing stored, since the sender may be forged and a DSN to it would be
 * backscatter (the sending server keeps the message and retries); on submission the others get the
 * message, and the 250 (one reply for all, RFC 5321) is sent after the DSN to the user about the
 * full mailboxes has been stored ({@link QuotaBounces}). A submitted message is counted against its
 * user's sending limits in the same transaction ({@link SendingControl#charge}); one that another
 * session took over a limit meanwhile is rolled back and refused (451 4.7.1 for the hour, 550 5.7.1
 * for the day), never answered 250.
 *
 * <p>On port 25 the message is stored behind its Authentication-Results field and with the
 * verdicts of the checks ({@link MessageAuthentication}) and of the spam filter ({@link
 * SpamFindings}: its X-Spam fields and Subject tag too); one a DMARC policy of quarantine applies
 * to, or the spam filter holds (reason spam), goes into the {@link Quarantine} instead of the
 * mailboxes and the queue, for an administrator to release or delete, and the client hears the same
 * 250. So does a transaction for postmaster@ or
 * abuse@ of a domain with no one to read them ({@link HeldRecipients}, reason {@value #HOLD_REASON}).
 *
 * <p>Runs on the listener's hook threads, never on a Netty I/O thread, because the commit blocks.
 * The spooled message is let go when James ends the transaction after this hook ({@link
 * InboundSession#resetState}).
 */
final class StoreMessageHook extends StorageBackedHook implements MessageHook {

    private static final Logger log = LoggerFactory.getLogger(StoreMessageHook.class);

    /** The quarantine's reason for mail held because no one reads a role address. */
    static final String HOLD_REASON = "role-address";

    private final MailStore store;
    private final Quarantine quarantine;
    private final QuotaBounces quotaBounces;
    private final SendingControl sending;
    private final MeterRegistry meters;

    StoreMessageHook(MailStore store, Quarantine quarantine, QuotaBounces quotaBounces, SendingControl sending,
            MeterRegistry meters) {
        this.store = store;
        this.quarantine = quarantine;
        this.quotaBounces = quotaBounces;
        this.sending = sending;
        this.meters = meters;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope message) {
        String sender = message.getMaybeSender().isNullSender() ? "" : message.getMaybeSender().asString();
        return withStorage(session, "store a message", () -> store(session, sender, message));
    }

    private HookResult store(SMTPSession session, String sender, MailEnvelope message) {
        Optional<MessageAuthentication> findings = MessageAuthentication.of(session);
        Optional<SpamFindings> spam = SpamFindings.of(session);
        List<MessageCheck> verdicts = new ArrayList<>(findings.map(MessageAuthentication::verdicts).orElse(List.of()));
        spam.ifPresent(found -> verdicts.add(found.verdict()));
        // postmaster@ or abuse@ of a domain with no one to read them: held until an administrator
        // releases the message (to the postmaster target set meanwhile) or deletes it
        List<String> unattended = HeldRecipients.of(session);
        Optional<String> hold = unattended.isEmpty()
                ? findings.flatMap(MessageAuthentication::hold).or(() -> spam.flatMap(SpamFindings::holdReason))
                : Optional.of(HOLD_REASON);
        List<Recipient> recipients = unattended.isEmpty() ? AcceptedRecipients.of(session)
                : unattended.stream().map(address -> new Recipient(address, Set.of(), Set.of())).toList();
        DeliveryReceipt receipt;
        try (InputStream content = withFindings(session, findings, spam, message.getMessageInputStream())) {
            if (hold.isPresent()) {
                HoldReceipt held = quarantine.hold(sender, origin(session), recipients, content, hold.get(), verdicts);
                log.info("session {}: message {} from <{}> held in quarantine: reason={}", session.getSessionID(),
                        held.queueId(), Printable.of(sender), hold.get());
                return committed(session, held.queueId());
            }
            receipt = store.deliver(sender, origin(session), recipients, content, verdicts,
                    sending.charge(session, recipients.size()));
        } catch (IOException e) {
            return unreadable(session, e);
        } catch (LimitExceeded e) {
            // another session of the user committed meanwhile; this message is rolled back, uncounted
            return sending.refusedAtCommit(session, PasswordAuthHook.user(session).orElseThrow(), e.limit());
        }
        if (!receipt.stored()) {
            log.info("session {}: message from <{}> refused with {}: reason={} recipients={}",
                    session.getSessionID(), sender, Replies.MAILBOX_FULL.line(), Refusal.MAILBOX_FULL,
                    receipt.overQuota());
            return Verdicts.of(Replies.MAILBOX_FULL);
        }
        if (!receipt.overQuota().isEmpty()) {
            log.warn("session {}: message {} from <{}> not delivered to {}: mailbox over quota",
                    session.getSessionID(), receipt.queueId(), sender, receipt.overQuota());
            bounceOverQuota(sender, receipt, message);
        }
        return committed(session, receipt.queueId());
    }

    /** The message is committed under {@code queueId}: recorded, counted, and the client told. */
    private HookResult committed(SMTPSession session, String queueId) {
        SessionRecord.of(session).ifPresent(record -> record.queued(queueId));
        Counter.builder("postroom.smtp.messages.received").description("messages committed at the end of DATA")
                .tag("listener", ProtocolListener.nameOf(session)).register(meters).increment();
        return Verdicts.of(Replies.queued(queueId));
    }

    /**
     * The message as stored: behind the Authentication-Results field of the checks that ran on it
     * (RFC 8601 §5: prepended, with this server's name as its authserv-id), when any did, with the
     * spam filter's fields and Subject tag ({@link SpamFindings#applyTo}).
     */
    private static InputStream withFindings(SMTPSession session, Optional<MessageAuthentication> findings,
            Optional<SpamFindings> spam, InputStream content) throws IOException {
        InputStream marked = spam.isPresent() ? spam.get().applyTo(content) : content;
        return findings.<InputStream>map(found -> new SequenceInputStream(new ByteArrayInputStream(found
                .authenticationResults(session.getConfiguration().getHelloName()).getBytes(StandardCharsets.US_ASCII)),
                marked)).orElse(marked);
    }

    private static HookResult unreadable(SMTPSession session, IOException e) {
        log.warn("session {}: could not read the spooled message, answered {}: {}", session.getSessionID(),
                Replies.TRY_LATER.line(), e.toString());
        return Verdicts.of(Replies.TRY_LATER);
    }

    /** Mail of a session that logged in was submitted by our user; anything else came from the internet. */
    private static MessageOrigin origin(SMTPSession session) {
        return PasswordAuthHook.user(session).isPresent() ? MessageOrigin.SUBMITTED : MessageOrigin.RECEIVED;
    }

    private void bounceOverQuota(String sender, DeliveryReceipt receipt, MailEnvelope message) {
        try (InputStream content = message.getMessageInputStream()) {
            quotaBounces.send(sender, receipt.messageId(), receipt.overQuota(), content);
        } catch (IOException e) {
            log.warn("message {}: no DSN about the full mailboxes, the spooled copy is unreadable: {}",
                    receipt.queueId(), e.toString());
        }
    }
}
