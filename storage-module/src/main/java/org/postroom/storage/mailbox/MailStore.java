package org.postroom.storage.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.postroom.storage.Database;
import org.postroom.storage.limits.LimitExceeded;
import org.postroom.storage.limits.SendingCharge;
import org.postroom.storage.limits.SendingCounters;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.message.StoredMessage;
import org.postroom.storage.queue.DeliveryQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Takes in one message for all its recipients, in ONE transaction: the bytes stored once, an entry
 * in each local recipient's mailbox, a queue entry for each external address. When the call
 * returns, everything it reports is committed; when it throws, nothing is.
 *
 * <p>The bytes are streamed from the caller's input into chunks of {@link #CHUNK_SIZE}, so a large
 * message never sits whole in memory.
 */
public final class MailStore {

    /** The size of the chunks a message's bytes are stored in ({@link StoredMessage#CHUNK_SIZE}). */
    public static final int CHUNK_SIZE = StoredMessage.CHUNK_SIZE;

    private final Database db;

    public MailStore(Database db) {
        this.db = db;
    }

    /** Stores {@code content} for {@code recipients} without check verdicts (submitted or generated mail). */
    public DeliveryReceipt deliver(String sender, MessageOrigin origin, List<Recipient> recipients, InputStream content)
            throws IOException {
        return deliver(sender, origin, recipients, content, List.of());
    }

    /**
     * Stores {@code content} for {@code recipients}, with the verdicts of the checks it went through
     * on its way in ({@code checks}, kept in their order for {@link
     * org.postroom.storage.message.MessageChecks}). A local mailbox whose quota the message would
     * exceed is skipped; a recipient all of whose mailboxes were skipped (and who has no external
     * target) is reported over quota. When no recipient is left, nothing is stored, the checks
     * neither. Mail {@link MessageOrigin#RECEIVED received} from the internet is taken by all its
     * recipients or by none: with one of them over quota nothing is stored either, because its
     * sender may be forged and must not be told in a bounce; the sending server keeps the message
     * and tries again.
     *
     * @param sender the envelope sender, "" for the null sender
     * @param origin where the message came from, kept with it for outbound delivery
     * @param checks the verdicts stored with the message, committed with it
     * @throws IOException when reading {@code content} fails (nothing is stored)
     * @throws org.postroom.storage.StorageUnavailableException when the database fails (nothing is stored)
     */
    public DeliveryReceipt deliver(String sender, MessageOrigin origin, List<Recipient> recipients, InputStream content,
            List<MessageCheck> checks) throws IOException {
        return deliver(sender, origin, recipients, content, checks, Optional.empty());
    }

    /**
     * As {@link #deliver(String, MessageOrigin, List, InputStream, List)}, counting a submitted
     * message against its user's sending limits ({@code charge}) in the same transaction, last, so
     * that the user's counter row is held only for the moment before the commit.
     *
     * @throws LimitExceeded when the message would take its user over a limit (nothing is stored,
     *         nothing counted)
     */
    public DeliveryReceipt deliver(String sender, MessageOrigin origin, List<Recipient> recipients, InputStream content,
            List<MessageCheck> checks, Optional<SendingCharge> charge) throws IOException {
        try {
            return db.inTransaction("store message for " + recipients.size() + " recipients", jdbc -> {
                DeliveryReceipt receipt = deliverStored(jdbc, StoredMessage.write(jdbc, sender, origin, content, checks),
                        recipients);
                charge.ifPresent(message -> SendingCounters.charge(jdbc, message));
                return receipt;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (NothingDelivered e) {
            return e.receipt();
        }
    }

    /**
     * Delivers a message that is already stored (held in the quarantine until now) to {@code
     * recipients}, exactly as {@link #deliver} does: mailbox entries within quota, queue entries for
     * external addresses, all or nothing for mail received from the internet. Runs inside the
     * caller's transaction.
     *
     * @return the receipt of a delivery to at least one recipient
     * @throws NothingDelivered when no recipient took the message; some mailbox entries may have
     *         been written all the same, and the exception rolls the caller's transaction back
     */
    public static DeliveryReceipt deliverStored(JdbcClient jdbc, StoredMessage message, List<Recipient> recipients) {
        Set<Long> refused = new HashSet<>();
        for (long mailboxId : new TreeSet<>(allMailboxes(recipients))) {
            if (!addToMailbox(jdbc, mailboxId, message)) {
                refused.add(mailboxId);
            }
        }
        DeliveryQueue.enqueue(jdbc, message.sender(), message.id(), remoteAddresses(recipients));
        List<String> delivered = new ArrayList<>();
        List<String> overQuota = new ArrayList<>();
        for (Recipient recipient : recipients) {
            boolean refusedEverywhere = recipient.remoteAddresses().isEmpty()
                    && refused.containsAll(recipient.mailboxIds());
            (refusedEverywhere ? overQuota : delivered).add(recipient.address());
        }
        if (delivered.isEmpty() || message.origin() == MessageOrigin.RECEIVED && !overQuota.isEmpty()) {
            throw new NothingDelivered(new DeliveryReceipt(0, List.of(), overQuota));
        }
        return new DeliveryReceipt(message.id(), delivered, overQuota);
    }

    /** Adds the message to one mailbox unless that would exceed its owner's quota. */
    private static boolean addToMailbox(JdbcClient jdbc, long mailboxId, StoredMessage message) {
        return jdbc.sql("""
                with u as (
                    update mailbox mb
                       set next_uid = mb.next_uid + 1,
                           message_count = mb.message_count + 1,
                           total_bytes = mb.total_bytes + :size
                      from mail_user mu
                     where mb.id = :mailbox and mu.id = mb.user_id
                       and (mu.quota_bytes is null or mb.total_bytes + :size <= mu.quota_bytes)
                    returning mb.id, mb.next_uid - 1 as uid)
                insert into mailbox_entry (mailbox_id, uid, message_id, size, received_at, sender)
                select id, uid, :message, :size, now(), :sender from u
                """)
                .param("mailbox", mailboxId).param("size", message.size()).param("message", message.id())
                .param("sender", message.sender())
                .update() == 1;
    }

    private static Set<Long> allMailboxes(List<Recipient> recipients) {
        Set<Long> mailboxes = new HashSet<>();
        recipients.forEach(r -> mailboxes.addAll(r.mailboxIds()));
        return mailboxes;
    }

    /**
     * Every remote address once, mapped to the recipient it was forwarded for (an alias, the first
     * one that reaches it), or to null when it is itself the recipient (relayed for a user).
     */
    private static Map<String, String> remoteAddresses(List<Recipient> recipients) {
        Map<String, String> remote = new LinkedHashMap<>();
        for (Recipient recipient : recipients) {
            for (String address : recipient.remoteAddresses()) {
                remote.putIfAbsent(address, address.equals(recipient.address()) ? null : recipient.address());
            }
        }
        return remote;
    }

    /**
     * No recipient took the message ({@link #deliverStored}): thrown out of the transaction so
     * that it rolls back; {@link #receipt} says who was over quota.
     */
    public static final class NothingDelivered extends RuntimeException {
        private final transient DeliveryReceipt receipt;

        NothingDelivered(DeliveryReceipt receipt) {
            super(null, null, false, false);
            this.receipt = receipt;
        }

        /** The receipt of nothing stored: {@code delivered} empty, the recipients over quota. */
        public DeliveryReceipt receipt() {
            return receipt;
        }
    }
}
