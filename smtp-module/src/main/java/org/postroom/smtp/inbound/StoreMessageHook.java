package org.postroom.smtp.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.postroom.smtp.inbound.hook.AcceptedRecipients;
import org.postroom.smtp.inbound.hook.StorageBackedHook;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Replies;
import org.postroom.storage.mailbox.DeliveryReceipt;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of DATA: the spooled message goes into {@link MailStore#deliver} for all accepted
 * recipients in one transaction, and only after its COMMIT does the client hear 250 with the
 * queue id. The database down: 451 4.3.0, nothing stored, the client retries. Every local mailbox
 * over its quota: 452 4.2.2, nothing stored.
 *
 * <p>Runs on the listener's hook threads, never on a Netty I/O thread, because the commit blocks.
 */
final class StoreMessageHook extends StorageBackedHook implements MessageHook {

    private static final Logger log = LoggerFactory.getLogger(StoreMessageHook.class);

    private final MailStore store;

    StoreMessageHook(MailStore store) {
        this.store = store;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope message) {
        String sender = message.getMaybeSender().isNullSender() ? "" : message.getMaybeSender().asString();
        List<Recipient> recipients = AcceptedRecipients.of(session);
        try {
            return withStorage(session, "store a message", () -> store(session, sender, recipients, message));
        } finally {
            ((SpooledMessage) message).close();
        }
    }

    private HookResult store(SMTPSession session, String sender, List<Recipient> recipients, MailEnvelope message) {
        DeliveryReceipt receipt;
        try (InputStream content = message.getMessageInputStream()) {
            receipt = store.deliver(sender, recipients, content);
        } catch (IOException e) {
            log.warn("session {}: could not read the spooled message, answered {}: {}", session.getSessionID(),
                    Replies.TRY_LATER.line(), e.toString());
            return Verdicts.of(Replies.TRY_LATER);
        }
        if (!receipt.stored()) {
            return Verdicts.of(Replies.MAILBOX_FULL);
        }
        if (!receipt.overQuota().isEmpty()) {
            // RFC 5321 has one DATA reply for all recipients; these were over quota only with this message
            log.warn("session {}: message {} not delivered to {}: mailbox over quota", session.getSessionID(),
                    receipt.queueId(), receipt.overQuota());
        }
        SessionRecord.of(session).ifPresent(record -> record.queued(receipt.queueId()));
        return Verdicts.of(Replies.queued(receipt.queueId()));
    }
}
