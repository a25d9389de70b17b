package org.postroom.storage.quarantine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.DomainName;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.Page;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.mailbox.DeliveryReceipt;
import org.postroom.storage.mailbox.MailStore.NothingDelivered;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.message.MessageChecks;
import org.postroom.storage.message.MessageContent;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.message.MessageReaper;
import org.postroom.storage.message.StoredMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Messages held back from delivery until an administrator releases or deletes them, or until they
 * expire; each user it was for may also decide on their own copy ({@link UserQuarantine}). A held
 * message is stored once, like delivered mail, but reaches no mailbox and no queue while it is held.
 */
public final class Quarantine {

    /** Held messages expired per transaction, so that a long backlog does not make one huge one. */
    private static final int EXPIRY_BATCH = 500;

    private final Database db;
    private final MailDirectory directory;
    private final HeldMessages messages;

    public Quarantine(Database db, MailDirectory directory, MessageChecks checks) {
        this.db = db;
        this.directory = directory;
        this.messages = new HeldMessages(checks);
    }

    /**
     * Stores {@code content} once, with its check verdicts, and holds it for {@code recipients}
     * (their order kept) because of {@code reason}: no mailbox or queue entry is made. Each user whose
     * mailbox a recipient resolved to gets the message in their own quarantine ({@link
     * UserQuarantine}). Everything commits together when the call returns; when it throws, nothing
     * is stored.
     *
     * @param sender the envelope sender, "" for the null sender
     * @param origin where the message came from; a release delivers it as that
     * @param reason why it is held ({@code dmarc}, {@code spam}, …)
     * @throws IOException when reading {@code content} fails (nothing is stored)
     * @throws org.postroom.storage.StorageUnavailableException when the database fails (nothing is stored)
     */
    public HoldReceipt hold(String sender, MessageOrigin origin, List<Recipient> recipients, InputStream content,
            String reason, List<MessageCheck> checks) throws IOException {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a held message needs a reason");
        }
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a held message needs recipients");
        }
        try {
            return db.inTransaction("hold message for " + recipients.size() + " recipients", jdbc -> {
                StoredMessage message = StoredMessage.write(jdbc, sender, origin, content, checks);
                jdbc.sql("insert into quarantine (message_id, reason, users_only) values (?, ?, ?)")
                        .params(message.id(), reason, usersOnly(recipients)).update();
                for (int position = 0; position < recipients.size(); position++) {
                    Recipient recipient = recipients.get(position);
                    jdbc.sql("""
                            insert into quarantine_recipient (message_id, position, address, relayed) values (?, ?, ?, ?)
                            """).params(message.id(), position, recipient.address(), relayed(recipient)).update();
                }
                jdbc.sql("""
                        insert into quarantine_user (message_id, user_id)
                        select distinct cast(? as bigint), user_id from mailbox where id = any(?)
                        """).params(message.id(), recipients.stream().flatMap(r -> r.mailboxIds().stream()).distinct()
                                .toArray(Long[]::new)).update();
                return new HoldReceipt(message.id());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Held messages (not the released ones), newest first; {@code page} counts from 0. */
    public Page<HeldMessage> list(int page, int pageSize) {
        return list(null, page, pageSize);
    }

    /**
     * Held messages (not the released ones), newest first; {@code page} counts from 0. With a
     * {@code domain}, only those with a recipient at that domain (a held message to several domains
     * shows under each); null or blank for all.
     */
    public Page<HeldMessage> list(String domain, int page, int pageSize) {
        return list(domain, null, page, pageSize);
    }

    /**
     * As {@link #list(String, int, int)}, and when {@code within} is not null only messages all
     * of whose recipients are at those domains (what a domain administrator may decide on alone).
     */
    public Page<HeldMessage> list(String domain, Collection<String> within, int page, int pageSize) {
        String filter = domain == null || domain.isBlank() ? null : DomainName.canonical(domain);
        String[] withinFilter = within == null ? null : within.stream().map(DomainName::canonical).toArray(String[]::new);
        return db.run("list held messages", jdbc -> messages.page(jdbc, """
                q.released_at is null and (cast(:domain as text) is null or exists (
                    select 1 from quarantine_recipient r where r.message_id = q.message_id and r.domain = :domain))
                and (cast(:within as text[]) is null or not exists (
                    select 1 from quarantine_recipient r where r.message_id = q.message_id
                       and not r.domain = any(:within)))
                """, statement -> statement.param("domain", filter).param("within", withinFilter), page, pageSize));
    }

    /** How many messages are held now. */
    public long count() {
        return db.run("count held messages", Quarantine::count);
    }

    /** One message, held or released; empty when it was never held, was deleted or expired. */
    public Optional<HeldMessage> find(long id) {
        return db.run("find held message " + id,
                jdbc -> messages.one(jdbc, "q.message_id = :id", statement -> statement.param("id", id)));
    }

    /**
     * The message's bytes, streamed chunk by chunk. Reading fails with an IOException when the
     * message is deleted before it was read to the end.
     */
    public InputStream content(HeldMessage message) {
        return new MessageContent(db, message.id(), message.size());
    }

    /**
     * Delivers a held message to its recipients, exactly as {@link MailStore#deliver} would have
     * (local mailboxes within quota, external addresses through the queue), and marks it released,
     * in one transaction. Each recipient is resolved again in the directory; one that takes no mail
     * any more is left out and named in the receipt, and so is a user who released or deleted their
     * own copy already ({@link UserQuarantine}); when no one is left, nothing is delivered and the
     * message goes unless a released copy holds it. Exactly once: the held row is locked, so a
     * second release running at the same time (another administrator, another process, a user)
     * waits and then finds it released.
     *
     * @throws NotFoundException when no message {@code id} is in the quarantine
     * @throws ConflictException when it was released already, or could not be delivered (over
     *         quota, no recipient left); then it stays held and nothing is committed
     */
    public ReleaseReceipt release(long id) {
        List<HeldRecipient> heldFor = heldRecipients(id);
        if (heldFor.isEmpty()) {
            throw notHeld(id);
        }
        List<Recipient> recipients = new ArrayList<>();
        List<String> undeliverable = new ArrayList<>();
        for (HeldRecipient held : heldFor) {
            resolve(held).ifPresentOrElse(recipients::add, () -> undeliverable.add(held.address()));
        }
        if (recipients.isEmpty()) {
            throw new ConflictException("held message " + id + " was not released: none of its recipients "
                    + undeliverable + " takes mail any more; delete it instead");
        }
        try {
            return db.inTransaction("release held message " + id, jdbc -> {
                StoredMessage message = jdbc.sql("""
                        update quarantine q set released_at = now()
                          from message m
                         where q.message_id = ? and q.released_at is null and m.id = q.message_id
                        returning m.id, m.size, m.sender, m.origin
                        """).param(id).query((rs, n) -> new StoredMessage(rs.getLong("id"), rs.getLong("size"),
                                rs.getString("sender"), MessageOrigin.ofColumn(rs.getString("origin"))))
                        .optional().orElseThrow(() -> notHeld(id));
                List<Recipient> undecided = withoutDecidedUsers(jdbc, id, recipients);
                if (undecided.isEmpty()) {
                    MessageReaper.removeUnreferenced(jdbc, List.of(id));
                    return new ReleaseReceipt(id, List.of(), List.of(), undeliverable);
                }
                DeliveryReceipt receipt = MailStore.deliverStored(jdbc, message, undecided);
                return new ReleaseReceipt(id, receipt.delivered(), receipt.overQuota(), undeliverable);
            });
        } catch (NothingDelivered e) {
            throw new ConflictException("held message " + id + " was not released: no room in the mailbox of "
                    + e.receipt().overQuota());
        }
    }

    /**
     * Deletes a held message without delivering it; its bytes and verdicts go with it.
     *
     * @throws NotFoundException when no message {@code id} is in the quarantine
     * @throws ConflictException when it was released already (it is the recipients' now)
     */
    public void delete(long id) {
        db.inTransaction("delete held message " + id, jdbc -> {
            int deleted = jdbc.sql("delete from quarantine where message_id = ? and released_at is null")
                    .param(id).update();
            if (deleted == 0) {
                throw notHeld(id);
            }
            MessageReaper.removeUnreferenced(jdbc, List.of(id));
            return null;
        });
    }

    /**
     * Deletes the messages held longer than {@code retention}, and forgets releases older than
     * that. Returns how many held messages were deleted. Processes running it at the same time
     * each take other messages, and skip one an administrator is releasing right now.
     */
    public int expire(Duration retention) {
        long seconds = retention.toSeconds();
        int expired = 0;
        int batch;
        do {
            batch = db.inTransaction("expire held messages", jdbc -> {
                List<Long> ids = jdbc.sql("""
                        delete from quarantine where message_id in (
                            select message_id from quarantine
                             where released_at is null and held_at < now() - make_interval(secs => ?)
                             order by held_at limit ? for update skip locked)
                        returning message_id
                        """).params(seconds, EXPIRY_BATCH).query(Long.class).list();
                MessageReaper.removeUnreferenced(jdbc, ids);
                return ids.size();
            });
            expired += batch;
        } while (batch == EXPIRY_BATCH);
        db.run("forget old releases", jdbc -> jdbc.sql("""
                delete from quarantine where released_at < now() - make_interval(secs => ?)
                """).param(seconds).update());
        return expired;
    }

    /**
     * {@code recipients} without the mailboxes of the users who decided on their own copy (released
     * into their INBOX, or deleted); a recipient left with nowhere to go is left out. Read under the
     * held row's lock, so no user decides meanwhile.
     */
    private static List<Recipient> withoutDecidedUsers(JdbcClient jdbc, long id, List<Recipient> recipients) {
        Set<Long> decided = Set.copyOf(jdbc.sql("""
                select mb.id from quarantine_user p join mailbox mb on mb.user_id = p.user_id
                 where p.message_id = ? and p.decision is not null
                """).param(id).query(Long.class).list());
        List<Recipient> undecided = new ArrayList<>();
        for (Recipient recipient : recipients) {
            Set<Long> mailboxes = recipient.mailboxIds().stream().filter(mailbox -> !decided.contains(mailbox))
                    .collect(Collectors.toSet());
            if (!mailboxes.isEmpty() || !recipient.remoteAddresses().isEmpty()) {
                undecided.add(new Recipient(recipient.address(), mailboxes, recipient.remoteAddresses()));
            }
        }
        return undecided;
    }

    /**
     * Where a held recipient's copy goes now: the directory's answer for a local address, the
     * address itself for one an authenticated user relayed; empty when it takes no mail any more.
     */
    private Optional<Recipient> resolve(HeldRecipient held) {
        if (held.relayed()) {
            return Optional.of(Recipient.remote(held.address()));
        }
        return directory.resolve(held.address()) instanceof Deliverable deliverable
                ? Optional.of(Recipient.resolved(held.address(), deliverable))
                : Optional.empty();
    }

    /** The recipients of message {@code id} while it is held; empty when it is not (every held message has some). */
    private List<HeldRecipient> heldRecipients(long id) {
        return db.run("read recipients of held message " + id, jdbc -> jdbc.sql("""
                select r.address, r.relayed
                  from quarantine q join quarantine_recipient r on r.message_id = q.message_id
                 where q.message_id = ? and q.released_at is null
                 order by r.position
                """).param(id).query((rs, n) -> new HeldRecipient(rs.getString(1), rs.getBoolean(2))).list());
    }

    /**
     * Why message {@code id} cannot be released or deleted: it is gone, or it was released (perhaps
     * by whoever held its row lock a moment ago).
     */
    private RuntimeException notHeld(long id) {
        return find(id).filter(message -> !message.held())
                .<RuntimeException>map(message -> new ConflictException("held message " + id
                        + " was released already, at " + message.releasedAt()))
                .orElseGet(() -> new NotFoundException("no held message " + id));
    }

    /** An address {@link Recipient#remote relayed} for an authenticated user rather than resolved here. */
    private static boolean relayed(Recipient recipient) {
        return recipient.mailboxIds().isEmpty() && recipient.remoteAddresses().equals(Set.of(recipient.address()));
    }

    /**
     * True when every recipient's copy goes to local mailboxes only, so that the users' own
     * decisions settle the whole message.
     */
    private static boolean usersOnly(List<Recipient> recipients) {
        return recipients.stream().allMatch(r -> !r.mailboxIds().isEmpty() && r.remoteAddresses().isEmpty());
    }

    private static long count(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from quarantine where released_at is null").query(Long.class).single();
    }

    private record HeldRecipient(String address, boolean relayed) {
    }
}
