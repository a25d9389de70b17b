package org.postroom.storage.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.postroom.storage.Database;
import org.postroom.storage.Printable;
import org.postroom.storage.directory.DomainName;
import org.postroom.storage.directory.Page;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log (table {@code audit_entry}, V24): who changed what, from where and when; logins and
 * failed logins on the web; suspensions of sending and their lifts. Entries are written as they
 * happen (a change that must not exist without its entry writes it in its own transaction through
 * {@link #write(JdbcClient, AuditEvent)}), read newest first, and deleted after the retention.
 * Every text is stored printable ({@link Printable#text}), so a hostile name cannot forge a line of
 * an export or a page.
 */
public final class AuditLog {

    /** Entries deleted per statement by {@link #purge}, so that a long backlog is no one huge transaction. */
    private static final int PURGE_BATCH = 5000;

    private static final String WHERE = """
             where (cast(:actor as text) is null or actor = :actor)
               and (cast(:action as text) is null or action = :action
                    or (right(:action, 1) = '.' and starts_with(action, :action)))
               and (cast(:domain as text) is null or domain = :domain)
               and (cast(:from as timestamptz) is null or at >= :from)
               and (cast(:until as timestamptz) is null or at < :until)
               and (cast(:within as text[]) is null or domain = any(:within))
            """;

    /** The actor of what the server does by itself, such as suspending a user's sending. */
    public static final String SERVER_ACTOR = "server";

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    /** Writes one entry (committed before it returns). */
    public void record(AuditEvent event) {
        db.run("write audit entry", jdbc -> {
            write(jdbc, event);
            return null;
        });
    }

    /** Writes one entry with {@code jdbc}, in the caller's transaction: it commits with the change it tells of. */
    public static void write(JdbcClient jdbc, AuditEvent event) {
        jdbc.sql("""
                insert into audit_entry (actor, channel, client, action, domain, target, detail)
                values (:actor, :channel, :client, :action, :domain, :target, :detail)
                """).param("actor", Printable.text(event.actor())).param("channel", event.channel().key())
                .param("client", printable(event.client())).param("action", Printable.text(event.action()))
                .param("domain", event.domain() == null ? null : Printable.text(DomainName.canonical(event.domain())))
                .param("target", printable(event.target())).param("detail", printable(event.detail())).update();
    }

    /** One page of the entries {@code query} matches, the newest first; an empty page when none does. */
    public Page<AuditEntry> search(AuditQuery query, int page, int pageSize) {
        long offset = Page.offset(page, pageSize);
        String domain = query.domain() == null || query.domain().isBlank() ? null : DomainName.canonical(query.domain());
        String[] within = query.within() == null ? null
                : query.within().stream().map(DomainName::canonical).toArray(String[]::new);
        return db.run("search the audit log", jdbc -> {
            long total = filtered(jdbc.sql("select count(*) from audit_entry" + WHERE), query, domain, within)
                    .query(Long.class).single();
            List<AuditEntry> items = filtered(jdbc.sql("select * from audit_entry" + WHERE
                    + " order by at desc, id desc limit :limit offset :offset"), query, domain, within)
                    .param("limit", pageSize).param("offset", offset).query(AuditLog::entry).list();
            return new Page<>(items, page, pageSize, total);
        });
    }

    /**
     * Deletes the entries older than {@code retention} (each batch committed on its own, so several
     * processes may purge at once) and answers how many went.
     */
    public int purge(Duration retention) {
        long seconds = retention.toSeconds();
        int purged = 0;
        int batch;
        do {
            batch = db.run("purge the audit log", jdbc -> jdbc.sql("""
                    delete from audit_entry where id in (
                        select id from audit_entry where at < now() - make_interval(secs => ?)
                         order by at limit ? for update skip locked)
                    """).params(seconds, PURGE_BATCH).update());
            purged += batch;
        } while (batch == PURGE_BATCH);
        return purged;
    }

    private static JdbcClient.StatementSpec filtered(JdbcClient.StatementSpec statement, AuditQuery query, String domain,
            String[] within) {
        String action = query.action() == null || query.action().isBlank() ? null : query.action().strip();
        String actor = query.actor() == null || query.actor().isBlank() ? null : query.actor().strip();
        return statement.param("actor", actor).param("action", action).param("domain", domain)
                .param("from", timestamp(query.from())).param("until", timestamp(query.until())).param("within", within);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String printable(String text) {
        return text == null ? null : Printable.text(text);
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                AuditChannel.of(rs.getString("channel")), rs.getString("client"), rs.getString("action"),
                rs.getString("domain"), rs.getString("target"), rs.getString("detail"));
    }
}
