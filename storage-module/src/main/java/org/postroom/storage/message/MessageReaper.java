package org.postroom.storage.message;

import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Removes stored messages that no mailbox entry, no queue entry and no hold in the quarantine
 * refers to any more.
 *
 * <p>A message is shared by every mailbox and queue entry it was delivered to, so whoever removes
 * a reference asks whether it was the last one. Two transactions removing the last two references
 * concurrently would each still see the other's, so the message rows are locked first (in id
 * order, against deadlocks): the second transaction then waits, and its next statement sees the
 * first one's deletion.
 */
public final class MessageReaper {

    private MessageReaper() {
    }

    /** Must run inside the transaction that removed the references. */
    public static void removeUnreferenced(JdbcClient jdbc, Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        Long[] ids = messageIds.stream().distinct().sorted().toArray(Long[]::new);
        List<Long> locked = jdbc.sql("select id from message where id = any(?) order by id for update")
                .param(ids).query(Long.class).list();
        if (locked.isEmpty()) {
            return;
        }
        jdbc.sql("""
                delete from message m
                 where m.id = any(?)
                   and not exists (select 1 from mailbox_entry e where e.message_id = m.id)
                   and not exists (select 1 from queue_entry q where q.message_id = m.id)
                   and not exists (select 1 from quarantine h where h.message_id = m.id and h.released_at is null)
                """).param(ids).update();
    }
}
