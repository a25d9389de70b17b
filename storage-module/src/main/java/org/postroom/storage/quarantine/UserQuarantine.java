package org.postroom.storage.quarantine;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Address;
import org.postroom.storage.directory.Page;
import org.postroom.storage.mailbox.DeliveryReceipt;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.MailStore.NothingDelivered;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageChecks;
import org.postroom.storage.message.MessageContent;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.message.MessageReaper;
import org.postroom.storage.message.StoredMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One mail user's own quarantine: the held messages that were for their mailbox (a {@code
 * quarantine_user} row each, made when the message was held), as long as the message is held and
 * the user has not decided on it. The user releases their copy into their own INBOX only, or
 * deletes it; the other recipients and the administrators are not affected, except that an
 * administrator's later release leaves this user out. When every copy of a message that went to
 * users only is decided, the hold ends: released when anyone released it, else deleted with its
 * bytes.
 *
 * <p>Every method takes the user's address (the signed-in user's, never one from a request) and
 * answers about other users' messages exactly as about messages that do not exist: empty or
 * {@link NotFoundException}.
 */
public final class UserQuarantine {

    /** The user's copies that are theirs to decide on: still held, not decided. */
    private static final String OWN = """
            q.released_at is null and exists (
                select 1 from quarantine_user p join mail_user u on u.id = p.user_id join domain d on d.id = u.domain_id
                 where p.message_id = q.message_id and p.decision is null and d.name = :domain and u.local_part = :local)
            """;

    private final Database db;
    private final HeldMessages messages;

    public UserQuarantine(Database db, MessageChecks checks) {
        this.db = db;
        this.messages = new HeldMessages(checks);
    }

    /** The user's held messages, newest first; {@code page} counts from 0. */
    public Page<HeldMessage> list(String address, int page, int pageSize) {
        Address user = Address.of(address);
        return db.run("list held messages of " + user,
                jdbc -> messages.page(jdbc, OWN, statement -> statement.param("domain", user.domain())
                        .param("local", user.localPart()), page, pageSize));
    }

    /** How many held messages wait for the user's decision. */
    public long count(String address) {
        return list(address, 0, 1).total();
    }

    /** One of the user's held messages; empty when it is not theirs, not held, or they decided on it. */
    public Optional<HeldMessage> find(String address, long id) {
        Address user = Address.of(address);
        return db.run("find held message " + id + " of " + user,
                jdbc -> messages.one(jdbc, "q.message_id = :id and " + OWN, statement -> statement.param("id", id)
                        .param("domain", user.domain()).param("local", user.localPart())));
    }

    /**
     * The bytes of a message {@link #find} gave, streamed chunk by chunk. Reading fails with an
     * IOException when the message is deleted before it was read to the end.
     */
    public InputStream content(HeldMessage message) {
        return new MessageContent(db, message.id(), message.size());
    }

    /**
     * Delivers the user's copy of held message {@code id} into their INBOX (within their quota, as
     * {@link MailStore#deliver} would) and records their decision, in one transaction that first
     * locks the held row, so that an administrator's release or delete at the same moment either
     * comes first (then this one is refused) or sees this decision.
     *
     * @throws NotFoundException when the message is not the user's (or not in the quarantine)
     * @throws ConflictException when it was released already, the user decided on it already, or
     *         their mailbox has no room for it; then nothing is committed
     */
    public ReleaseReceipt release(String address, long id) {
        Address user = Address.of(address);
        try {
            return db.inTransaction("release held message " + id + " to " + user, jdbc -> {
                OwnCopy copy = decide(jdbc, user, id, Decision.RELEASED);
                DeliveryReceipt receipt = MailStore.deliverStored(jdbc, copy.message(),
                        List.of(new Recipient(user.toString(), Set.of(copy.inboxId()), Set.of())));
                endWhenAllDecided(jdbc, id);
                return new ReleaseReceipt(id, receipt.delivered(), receipt.overQuota(), List.of());
            });
        } catch (NothingDelivered e) {
            throw new ConflictException("held message " + id + " was not released: your mailbox has no room for it");
        }
    }

    /**
     * Deletes the user's copy of held message {@code id}: they will not get it, and an
     * administrator's release leaves them out. The message itself goes when no one else waits for it.
     *
     * @throws NotFoundException when the message is not the user's (or not in the quarantine)
     * @throws ConflictException when it was released already, or the user decided on it already
     */
    public void delete(String address, long id) {
        Address user = Address.of(address);
        db.inTransaction("delete held message " + id + " of " + user, jdbc -> {
            decide(jdbc, user, id, Decision.DELETED);
            endWhenAllDecided(jdbc, id);
            return null;
        });
    }

    /**
     * Locks the held row of message {@code id} and records the user's decision on their copy.
     *
     * @throws NotFoundException when the user has no copy of it
     * @throws ConflictException when the message was released, or the user decided, already
     */
    private static OwnCopy decide(JdbcClient jdbc, Address user, long id, Decision decision) {
        OwnCopy copy = jdbc.sql("""
                select m.id, m.size, m.sender, m.origin, q.released_at is not null as released, p.decision,
                       p.user_id, mb.id as inbox
                  from quarantine q
                  join message m on m.id = q.message_id
                  join quarantine_user p on p.message_id = q.message_id
                  join mail_user u on u.id = p.user_id
                  join domain d on d.id = u.domain_id
                  join mailbox mb on mb.user_id = u.id and mb.name = 'INBOX'
                 where q.message_id = :id and d.name = :domain and u.local_part = :local
                   for update of q
                """).param("id", id).param("domain", user.domain()).param("local", user.localPart())
                .query((rs, n) -> new OwnCopy(new StoredMessage(rs.getLong("id"), rs.getLong("size"),
                        rs.getString("sender"), MessageOrigin.ofColumn(rs.getString("origin"))),
                        rs.getBoolean("released"), rs.getString("decision"), rs.getLong("user_id"), rs.getLong("inbox")))
                .optional().orElseThrow(() -> new NotFoundException("no held message " + id + " for " + user));
        if (copy.decision() != null) {
            throw new ConflictException("held message " + id + " was " + copy.decision() + " by you already");
        }
        if (copy.released()) {
            throw new ConflictException("held message " + id + " was released already");
        }
        jdbc.sql("""
                update quarantine_user set decision = ?, decided_at = now() where message_id = ? and user_id = ?
                """).params(decision.column(), id, copy.userId()).update();
        return copy;
    }

    /**
     * Ends the hold of message {@code id} when it went to users only and every one of them has
     * decided: released (its copies in mailboxes keep it) when anyone released it, else deleted.
     * Runs under the held row's lock that {@link #decide} took.
     */
    private static void endWhenAllDecided(JdbcClient jdbc, long id) {
        Optional<Boolean> anyReleased = jdbc.sql("""
                select bool_or(p.decision = 'released')
                  from quarantine q join quarantine_user p on p.message_id = q.message_id
                 where q.message_id = ? and q.users_only
                having count(*) > 0 and count(*) filter (where p.decision is null) = 0
                """).param(id).query(Boolean.class).optional();
        if (anyReleased.isEmpty()) {
            return;
        }
        if (anyReleased.get()) {
            jdbc.sql("update quarantine set released_at = now() where message_id = ?").param(id).update();
        } else {
            jdbc.sql("delete from quarantine where message_id = ?").param(id).update();
            MessageReaper.removeUnreferenced(jdbc, List.of(id));
        }
    }

    private enum Decision {
        RELEASED, DELETED;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The user's copy of a held message, as {@link #decide} read it under the lock. */
    private record OwnCopy(StoredMessage message, boolean released, String decision, long userId, long inboxId) {
    }
}
