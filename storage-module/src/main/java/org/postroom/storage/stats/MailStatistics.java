package org.postroom.storage.stats;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.postroom.storage.Database;

/**
 * Figures for the dashboard: what the server holds, and how much mail moved. Every method only
 * reads, except that it now and then removes arrival records older than {@link #RETENTION}.
 */
public final class MailStatistics {

    /** How long arrivals are remembered; the longest span any figure looks back. */
    public static final Duration RETENTION = Duration.ofDays(8);
    private static final Duration CLEANUP_INTERVAL = Duration.ofHours(1);

    private final Database db;
    private final AtomicReference<Instant> lastCleanup = new AtomicReference<>(Instant.EPOCH);

    public MailStatistics(Database db) {
        this.db = db;
    }

    /** Counts now, and the traffic from {@code since} (at most {@link #RETENTION} ago) until now. */
    public ServerTotals totals(Instant since) {
        removeExpiredArrivals();
        return db.run("count server totals", jdbc -> jdbc.sql("""
                select (select count(*) from domain) as domains,
                       (select count(*) from mail_user) as users,
                       (select count(*) from alias) as aliases,
                       (select count(*) from message) as messages,
                       (select coalesce(sum(size), 0) from message) as bytes,
                       (select count(*) from message_arrival where received_at >= :since) as received,
                       (select count(*) from delivery_attempt where outcome = 'delivered' and attempted_at >= :since) as delivered,
                       (select count(*) from delivery_attempt where outcome = 'failed' and attempted_at >= :since) as failed
                """).param("since", Timestamp.from(since))
                .query((rs, n) -> new ServerTotals(rs.getLong("domains"), rs.getLong("users"), rs.getLong("aliases"),
                        rs.getLong("messages"), rs.getLong("bytes"), rs.getLong("received"), rs.getLong("delivered"),
                        rs.getLong("failed")))
                .single());
    }

    /**
     * Messages taken in and deliveries out per clock hour (in the database session's time zone),
     * for the last {@code hours} hours including the current one, oldest first. Hours without
     * traffic are listed with zeros, so the list always has {@code hours} entries.
     */
    public List<HourlyTraffic> hourly(int hours) {
        if (hours < 1 || hours > RETENTION.toHours()) {
            throw new IllegalArgumentException("hours must be between 1 and " + RETENTION.toHours());
        }
        removeExpiredArrivals();
        return db.run("count traffic per hour", jdbc -> jdbc.sql("""
                with hours as (
                    select generate_series(date_trunc('hour', now()) - make_interval(hours => :hours - 1),
                                           date_trunc('hour', now()), interval '1 hour') as hour)
                select h.hour,
                       (select count(*) from message_arrival a
                         where a.received_at >= h.hour and a.received_at < h.hour + interval '1 hour') as received,
                       (select count(*) from delivery_attempt d
                         where d.outcome = 'delivered'
                           and d.attempted_at >= h.hour and d.attempted_at < h.hour + interval '1 hour') as delivered
                  from hours h
                 order by h.hour
                """).param("hours", hours)
                .query((rs, n) -> new HourlyTraffic(rs.getTimestamp("hour").toInstant(), rs.getLong("received"),
                        rs.getLong("delivered")))
                .list());
    }

    private void removeExpiredArrivals() {
        Instant last = lastCleanup.get();
        Instant now = Instant.now();
        if (now.isBefore(last.plus(CLEANUP_INTERVAL)) || !lastCleanup.compareAndSet(last, now)) {
            return;
        }
        db.run("remove old arrival records", jdbc -> jdbc
                .sql("delete from message_arrival where received_at < now() - make_interval(secs => ?)")
                .param((double) RETENTION.toSeconds()).update());
    }
}
