package org.postroom.storage.quarantine;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.postroom.storage.directory.Page;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.message.MessageChecks;
import org.postroom.storage.message.MessageHead;
import org.postroom.storage.message.MessageOrigin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * How held messages are read, for the administrators' {@link Quarantine} and a user's {@link
 * UserQuarantine} alike: the columns, the rows and their verdicts. A query names the quarantine
 * row {@code q} and its message {@code m}; its further conditions are the caller's.
 */
final class HeldMessages {

    private static final String COLUMNS = """
            select q.message_id, m.sender, m.origin, m.size, q.reason, q.held_at, q.released_at,
            array(select r.address from quarantine_recipient r where r.message_id = q.message_id order by r.position)
                as recipients,
            """ + MessageHead.column("q.message_id") + """
              from quarantine q join message m on m.id = q.message_id
            """;

    private final MessageChecks checks;

    HeldMessages(MessageChecks checks) {
        this.checks = checks;
    }

    /**
     * One page, newest first, of the held messages that {@code where} (an SQL condition on {@code q}
     * and {@code m}, its parameters bound by {@code params}) selects, with their verdicts.
     */
    Page<HeldMessage> page(JdbcClient jdbc, String where, Params params, int page, int pageSize) {
        long offset = Page.offset(page, pageSize);
        List<HeldMessage> rows = params.bind(jdbc.sql(COLUMNS + " where " + where + """
                 order by q.held_at desc, q.message_id desc
                 limit :size offset :offset
                """)).param("size", pageSize)
                .param("offset", offset).query((rs, n) -> row(rs)).list();
        long total = params.bind(jdbc.sql("select count(*) from quarantine q join message m on m.id = q.message_id"
                + " where " + where)).query(Long.class).single();
        Map<Long, List<MessageCheck>> verdicts = checks.of(rows.stream().map(HeldMessage::id).toList());
        return new Page<>(rows.stream().map(row -> withChecks(row, verdicts.getOrDefault(row.id(), List.of()))).toList(),
                page, pageSize, total);
    }

    /** The one held message that {@code where} selects, with its verdicts; empty when none. */
    Optional<HeldMessage> one(JdbcClient jdbc, String where, Params params) {
        return params.bind(jdbc.sql(COLUMNS + " where " + where))
                .query((rs, n) -> row(rs)).optional().map(row -> withChecks(row, checks.of(row.id())));
    }

    /** Binds a query's own named parameters. */
    @FunctionalInterface
    interface Params {
        StatementSpec bind(StatementSpec statement);
    }

    private static HeldMessage row(ResultSet rs) throws SQLException {
        Array recipients = rs.getArray("recipients");
        byte[] head = rs.getBytes("head");
        Timestamp releasedAt = rs.getTimestamp("released_at");
        return new HeldMessage(rs.getLong("message_id"), rs.getString("sender"),
                MessageOrigin.ofColumn(rs.getString("origin")), rs.getLong("size"),
                Arrays.asList((String[]) recipients.getArray()), rs.getString("reason"),
                rs.getTimestamp("held_at").toInstant(), releasedAt == null ? null : releasedAt.toInstant(),
                MessageHead.text(head), List.of());
    }

    private static HeldMessage withChecks(HeldMessage row, List<MessageCheck> verdicts) {
        return new HeldMessage(row.id(), row.sender(), row.origin(), row.size(), row.recipients(), row.reason(),
                row.heldAt(), row.releasedAt(), row.header(), verdicts);
    }
}
