package org.postroom.storage.mailbox;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.postroom.storage.Database;

/**
 * Reading and removing what a mailbox holds: the POP3 side of the store.
 */
public final class Mailboxes {

    private final Database db;

    public Mailboxes(Database db) {
        this.db = db;
    }

    /** The mailbox's entries by ascending UID (arrival order); empty for an empty or unknown mailbox. */
    public List<MailboxEntry> entries(long mailboxId) {
        return db.run("list mailbox " + mailboxId, jdbc -> jdbc.sql("""
                select uid, message_id, size, received_at from mailbox_entry where mailbox_id = ? order by uid
                """).param(mailboxId)
                .query((rs, n) -> new MailboxEntry(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getTimestamp(4).toInstant()))
                .list());
    }

    /** The UID validity: changes only when a mailbox is created anew, so UIDs stay unique with it. */
    public long uidValidity(long mailboxId) {
        return db.run("read mailbox " + mailboxId, jdbc -> jdbc
                .sql("select uid_validity from mailbox where id = ?").param(mailboxId)
                .query(Long.class).single());
    }

    /**
     * The entry's bytes, streamed chunk by chunk. Reading fails with an IOException if the message
     * is deleted before it was read to the end.
     */
    public InputStream content(MailboxEntry entry) {
        return content(entry.messageId(), entry.size());
    }

    /** A stored message's bytes, streamed chunk by chunk; {@code size} is its stored size. */
    public InputStream content(long messageId, long size) {
        return new MessageContent(db, messageId, size);
    }

    /**
     * Removes the entries with these UIDs, all in one transaction, and the stored messages nobody
     * else refers to. Returns how many entries were removed (UIDs already gone are ignored).
     */
    public int expunge(long mailboxId, Collection<Long> uids) {
        if (uids.isEmpty()) {
            return 0;
        }
        Long[] uidArray = uids.toArray(Long[]::new);
        return db.inTransaction("expunge " + uids.size() + " messages from mailbox " + mailboxId, jdbc -> {
            List<Long> messageIds = new ArrayList<>();
            long[] bytes = {0};
            jdbc.sql("delete from mailbox_entry where mailbox_id = ? and uid = any(?) returning message_id, size")
                    .params(mailboxId, uidArray)
                    .query(rs -> {
                        messageIds.add(rs.getLong(1));
                        bytes[0] += rs.getLong(2);
                    });
            if (messageIds.isEmpty()) {
                return 0;
            }
            jdbc.sql("""
                    update mailbox set message_count = message_count - ?, total_bytes = total_bytes - ? where id = ?
                    """).params(messageIds.size(), bytes[0], mailboxId).update();
            MessageReaper.removeUnreferenced(jdbc, messageIds);
            return messageIds.size();
        });
    }
}
