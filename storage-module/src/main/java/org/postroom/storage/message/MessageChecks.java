package org.postroom.storage.message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postroom.storage.Database;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The check verdicts stored with messages ({@code message_check}): written in the transaction that
 * stores the message, read by whoever shows the message (the console's queue and quarantine pages).
 * They leave with the message.
 */
public final class MessageChecks {

    private static final RowMapper<MessageCheck> CHECK = (rs, n) -> new MessageCheck(rs.getString("method"),
            rs.getString("result"), rs.getString("detail"));

    private final Database db;

    public MessageChecks(Database db) {
        this.db = db;
    }

    /**
     * Stores {@code checks} for message {@code messageId}, keeping their order, in one statement.
     * Must run inside the transaction that stores the message, so they commit with it or not at all.
     */
    public static void record(JdbcClient jdbc, long messageId, List<MessageCheck> checks) {
        if (checks.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into message_check (message_id, position, method, result, detail)
                select ?, t.position - 1, t.method, t.result, t.detail
                  from unnest(?::text[], ?::text[], ?::text[]) with ordinality as t(method, result, detail, position)
                """).params(messageId, checks.stream().map(MessageCheck::check).toArray(String[]::new),
                checks.stream().map(MessageCheck::result).toArray(String[]::new),
                checks.stream().map(MessageCheck::detail).toArray(String[]::new)).update();
    }

    /** The verdicts of one message in the order they were stored; empty when it has none or is gone. */
    public List<MessageCheck> of(long messageId) {
        return db.run("read checks of message " + messageId, jdbc -> jdbc.sql("""
                select method, result, detail from message_check where message_id = ? order by position
                """).param(messageId).query(CHECK).list());
    }

    /**
     * The verdicts of several messages in one query, each list in stored order; a message without
     * verdicts (or gone) is not in the map.
     */
    public Map<Long, List<MessageCheck>> of(Collection<Long> messageIds) {
        Map<Long, List<MessageCheck>> checks = new LinkedHashMap<>();
        if (messageIds.isEmpty()) {
            return checks;
        }
        return db.run("read checks of " + messageIds.size() + " messages", jdbc -> {
            jdbc.sql("""
                    select message_id, method, result, detail from message_check
                     where message_id = any(?) order by message_id, position
                    """).param(messageIds.toArray(Long[]::new)).query(rs -> {
                        checks.computeIfAbsent(rs.getLong("message_id"), id -> new ArrayList<>())
                                .add(CHECK.mapRow(rs, 0));
                    });
            return checks;
        });
    }
}
