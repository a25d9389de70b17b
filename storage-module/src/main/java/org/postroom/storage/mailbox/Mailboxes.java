package org.postroom.storage.mailbox;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.postroom.storage.Database;
import org.postroom.storage.message.MessageContent;
import org.postroom.storage.message.MessageReaper;
import org.springframework.jdbc.core.simple.JdbcClient;

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
                select uid, message_id, size, received_at, sender from mailbox_entry where mailbox_id = ? order by uid
                """).param(mailboxId)
                .query((rs, n) -> new MailboxEntry(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5)))
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
     * The whole bytes of several small messages in ONE query, by message id, for a reader that
     * wants them one after another (a POP3 client retrieving its new mail) without a database
     * round trip per message. Every entry must fit in one chunk ({@link MailStore#CHUNK_SIZE});
     * a message that is gone, or whose bytes do not match its entry's size, is left out, so the
     * caller falls back to {@link #content} and its error.
     */
    public Map<Long, byte[]> smallContents(Collection<MailboxEntry> entries) {
        Map<Long, Long> sizes = new HashMap<>();
        for (MailboxEntry entry : entries) {
            if (entry.size() > MailStore.CHUNK_SIZE) {
                throw new IllegalArgumentException("message " + entry.messageId() + " spans more than one chunk");
            }
            sizes.put(entry.messageId(), entry.size());
        }
        Map<Long, byte[]> contents = new HashMap<>();
        if (sizes.isEmpty()) {
            return contents;
        }
        return db.run("read " + sizes.size() + " messages", jdbc -> {
            jdbc.sql("select message_id, data from message_chunk where message_id = any(?) and seq = 0")
                    .param(sizes.keySet().toArray(Long[]::new))
                    .query(rs -> {
                        byte[] data = rs.getBytes(2);
                        if (data.length == sizes.get(rs.getLong(1))) {
                            contents.put(rs.getLong(1), data);
                        }
                    });
            return contents;
        });
    }

    /**
     * Removes the entries with these UIDs, all in one transaction, and the stored messages nobody
     * else refers to. Returns how many entries were removed (UIDs already gone are ignored).
     */
    public int expunge(long mailboxId, Collection<Long> uids) {
        if (uids.isEmpty()) {
            return 0;
        }
        return db.inTransaction("expunge " + uids.size() + " messages from mailbox " + mailboxId,
                jdbc -> expunge(jdbc, mailboxId, uids));
    }

    /** {@link #expunge(long, Collection)} inside the caller's transaction. */
    static int expunge(JdbcClient jdbc, long mailboxId, Collection<Long> uids) {
        List<Long> messageIds = new ArrayList<>();
        long[] bytes = {0};
        jdbc.sql("delete from mailbox_entry where mailbox_id = ? and uid = any(?) returning message_id, size")
                .params(mailboxId, uids.toArray(Long[]::new))
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
    }
}
