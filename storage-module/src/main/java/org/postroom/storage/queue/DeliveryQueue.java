package org.postroom.storage.queue;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Address;
import org.postroom.storage.message.MessageContent;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.message.MessageReaper;
import org.postroom.storage.queue.DeliveryAttempt.Outcome;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbound queue: delivery workers claim, complete, defer and fail entries; the console lists,
 * retries and deletes them.
 *
 * <p>Every queue time is the database's: entries are created, leased, deferred, expired and
 * warned about against PostgreSQL's {@code now()}, never against the clock of the process that
 * asks, so processes whose clocks disagree still retry on the same schedule.
 */
public final class DeliveryQueue {

    /** The channel {@link QueueSignal} listens on to hear of new (or newly due) entries at once. */
    static final String CHANNEL = "postroom_queue";

    private static final String COLUMNS = """
            q.id, q.message_id, m.size, q.sender, m.origin, q.recipient, coalesce(q.forwarded_for, '') as forwarded_for,
            q.domain, q.state, q.attempts, q.next_attempt_at, q.last_error, q.created_at
            """;
    private static final RowMapper<QueueEntry> ENTRY = (rs, n) -> new QueueEntry(rs.getLong("id"),
            rs.getLong("message_id"), rs.getLong("size"), rs.getString("sender"),
            MessageOrigin.ofColumn(rs.getString("origin")), rs.getString("recipient"),
            rs.getString("forwarded_for"), rs.getString("domain"), rs.getString("state"), rs.getInt("attempts"),
            rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"),
            rs.getTimestamp("created_at").toInstant());
    private static final RowMapper<DeliveryAttempt> ATTEMPT = (rs, n) -> new DeliveryAttempt(rs.getLong("id"),
            rs.getLong("queue_entry_id"), rs.getLong("message_id"), rs.getString("recipient"),
            rs.getTimestamp("attempted_at").toInstant(), rs.getString("next_hop"),
            Outcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)), rs.getString("reply"));

    private final Database db;

    public DeliveryQueue(Database db) {
        this.db = db;
    }

    /**
     * Queues message {@code messageId} for each remote address (the keys), with the alias it was
     * forwarded for (the value, or null when the address is itself the recipient), and wakes the
     * workers of every process once the calling transaction commits. Runs inside the caller's
     * transaction (the one that stores the message), so the entries commit with it or not at all.
     */
    public static void enqueue(JdbcClient jdbc, String sender, long messageId, Map<String, String> remoteAddresses) {
        for (Map.Entry<String, String> address : remoteAddresses.entrySet()) {
            jdbc.sql("""
                    insert into queue_entry (message_id, sender, recipient, domain, forwarded_for) values (?, ?, ?, ?, ?)
                    """).params(messageId, sender, address.getKey(), Address.of(address.getKey()).domain(),
                    address.getValue()).update();
        }
        if (!remoteAddresses.isEmpty()) {
            wakeWorkers(jdbc);
        }
    }

    /**
     * Claims the next group that is due for {@code worker}, until {@code lease} from now: the due
     * entries (queued, or whose previous worker's lease ran out) of one message for one domain, at
     * most {@code limit} of them, so that they share one SMTP transaction. Empty when nothing is due.
     *
     * <p>The message's row is locked while claiming ({@code SKIP LOCKED}): concurrent claims, in
     * this process or another, each take a different message, so no entry is claimed twice and no
     * group is split between two workers.
     */
    public List<QueueEntry> claimNext(String worker, int limit, Duration lease) {
        return db.run("claim queue entries", jdbc -> jdbc.sql("""
                with locked as (
                    select m.id from message m
                     where m.id in (select message_id from queue_entry
                                     where next_attempt_at <= now() and (state = 'queued' or lease_until < now()))
                     order by m.id
                     limit 1
                       for no key update skip locked),
                destination as (
                    select e.message_id, e.domain from queue_entry e join locked on locked.id = e.message_id
                     where e.next_attempt_at <= now() and (e.state = 'queued' or e.lease_until < now())
                     order by e.domain, e.id
                     limit 1),
                claimed as (
                    update queue_entry q
                       set state = 'delivering', lease_until = now() + make_interval(secs => :lease), claimed_by = :worker
                     where q.id in (
                        select e.id from queue_entry e
                          join destination d on d.message_id = e.message_id and d.domain = e.domain
                         where e.next_attempt_at <= now() and (e.state = 'queued' or e.lease_until < now())
                         order by e.id
                         limit :limit)
                       -- checked again on the row's latest version: a claim that committed after this
                       -- statement's snapshot was taken must not be claimed over
                       and q.next_attempt_at <= now() and (q.state = 'queued' or q.lease_until < now())
                    returning q.*)
                select %s from claimed q join message m on m.id = q.message_id order by q.id
                """.formatted(COLUMNS))
                .param("lease", seconds(lease)).param("worker", worker).param("limit", limit)
                .query(ENTRY).list());
    }

    /**
     * Marks that the sender was warned of the entry's delay, once the entry has waited at least
     * {@code after} since it was queued (by the database's clock). True only for the first caller
     * after that, so the warning goes out at most once however many workers defer the entry; false
     * while the entry is younger.
     */
    public boolean markDelayWarned(QueueEntry entry, Duration after) {
        return db.run("mark delay warning of queue entry " + entry.id(), jdbc -> jdbc.sql("""
                update queue_entry set delay_warned = true
                 where id = ? and not delay_warned and now() >= created_at + make_interval(secs => ?)
                """).params(entry.id(), seconds(after)).update()) == 1;
    }

    /** The message bytes of an entry, streamed. */
    public InputStream content(QueueEntry entry) {
        return new MessageContent(db, entry.messageId(), entry.messageSize());
    }

    /**
     * The next hop took the message: logs the attempt and removes the entry, in one transaction.
     * Returns how long the entry was queued, by the database's clock.
     */
    public Duration complete(QueueEntry entry, String nextHop, String reply) {
        return Duration.between(entry.createdAt(), finish(entry, Outcome.DELIVERED, nextHop, reply));
    }

    /** The delivery failed for good (5xx, no such domain, expired): logs it and removes the entry. */
    public void fail(QueueEntry entry, String nextHop, String reply) {
        finish(entry, Outcome.FAILED, nextHop, reply);
    }

    /**
     * A temporary failure: logs it and releases the entry until {@code delay} from now, by the
     * database's clock, but no later than {@code maxAge} after the entry was queued, so that the
     * last attempt comes right at that limit. Returns when the entry is tried next.
     *
     * <p>Empty, with nothing written, when the entry has reached {@code maxAge}: it has expired,
     * and the caller fails it (with a bounce) instead.
     */
    public Optional<Instant> defer(QueueEntry entry, Duration delay, Duration maxAge, String nextHop, String error) {
        OffsetDateTime expiry = timestamp(entry.createdAt().plus(maxAge));
        return db.inTransaction("defer queue entry " + entry.id(), jdbc -> {
            Optional<OffsetDateTime> next = jdbc.sql("""
                    select least(now() + make_interval(secs => :delay), :expiry) where now() < :expiry
                    """).param("delay", seconds(delay)).param("expiry", expiry)
                    .query(OffsetDateTime.class).optional();
            next.ifPresent(at -> {
                logAttempt(jdbc, entry, Outcome.DEFERRED, nextHop, error);
                jdbc.sql("""
                        update queue_entry
                           set state = 'queued', attempts = attempts + 1, next_attempt_at = ?, last_error = ?,
                               lease_until = null, claimed_by = null
                         where id = ?
                        """).params(at, error, entry.id()).update();
            });
            return next.map(OffsetDateTime::toInstant);
        });
    }

    /**
     * Gives back every entry {@code worker} holds, as the worker says it delivers none of them: a
     * claim whose answer was lost with the database may have committed, and its entries would
     * otherwise wait for their lease. Entries another worker claimed since are left alone. Returns
     * how many were given back.
     */
    public int releaseClaims(String worker) {
        return db.run("release the claims of " + worker, jdbc -> jdbc.sql("""
                update queue_entry set state = 'queued', lease_until = null, claimed_by = null
                 where claimed_by = ? and state = 'delivering'
                """).param(worker).update());
    }

    /** Entries by next attempt time; {@code offset} and {@code limit} page through them. */
    public List<QueueEntry> list(int offset, int limit) {
        return db.run("list queue", jdbc -> jdbc.sql("select " + COLUMNS
                + " from queue_entry q join message m on m.id = q.message_id order by q.next_attempt_at, q.id limit ? offset ?")
                .params(limit, offset).query(ENTRY).list());
    }

    /** One entry; empty when it is not (or no longer) queued. */
    public Optional<QueueEntry> find(long id) {
        return db.run("find queue entry", jdbc -> jdbc.sql("select " + COLUMNS
                + " from queue_entry q join message m on m.id = q.message_id where q.id = ?")
                .param(id).query(ENTRY).optional());
    }

    /** Every attempt logged for an entry, oldest first (also after the entry left the queue). */
    public List<DeliveryAttempt> attempts(long queueEntryId) {
        return db.run("list delivery attempts", jdbc -> jdbc
                .sql("select * from delivery_attempt where queue_entry_id = ? order by attempted_at, id")
                .param(queueEntryId).query(ATTEMPT).list());
    }

    /** The most recent failed attempts, newest first. */
    public List<DeliveryAttempt> recentFailures(int limit) {
        return db.run("list failed deliveries", jdbc -> jdbc
                .sql("select * from delivery_attempt where outcome = 'failed' order by attempted_at desc, id desc limit ?")
                .param(limit).query(ATTEMPT).list());
    }

    /**
     * Makes an entry due now (an administrator's "retry now").
     *
     * @throws NotFoundException when the entry is not queued
     */
    public void retryNow(long id) {
        int updated = db.run("retry queue entry " + id, jdbc -> jdbc.sql("""
                update queue_entry set next_attempt_at = now() where id = ?
                """).param(id).update());
        if (updated == 0) {
            throw new NotFoundException("no queue entry " + id);
        }
        db.run("wake delivery", jdbc -> {
            wakeWorkers(jdbc);
            return null;
        });
    }

    /**
     * Removes an entry without delivering it and without a bounce (an administrator's decision).
     * An entry a worker is delivering right now (claimed, lease not run out) is left alone, since
     * the remote server may already have it; it can be deleted once that attempt is over.
     *
     * @throws NotFoundException when the entry is not queued
     * @throws ConflictException when a worker is delivering the entry right now
     */
    public void delete(long id) {
        db.inTransaction("delete queue entry " + id, jdbc -> {
            Long messageId = jdbc.sql("""
                    delete from queue_entry where id = ? and not (state = 'delivering' and lease_until >= now())
                    returning message_id
                    """).param(id).query(Long.class).optional().orElseThrow(() -> find(id).isPresent()
                            ? new ConflictException("queue entry " + id + " is being delivered right now; try again in a moment")
                            : new NotFoundException("no queue entry " + id));
            MessageReaper.removeUnreferenced(jdbc, List.of(messageId));
            return null;
        });
    }

    /** The queue's depth and its oldest entry's age, by the database's clock. */
    public QueueSummary summary() {
        return db.run("summarise queue", jdbc -> jdbc.sql("""
                select count(*), min(created_at),
                       coalesce(greatest(0, floor(extract(epoch from now() - min(created_at)) * 1000)), 0)::bigint
                  from queue_entry
                """).query((rs, n) -> new QueueSummary(rs.getLong(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        Duration.ofMillis(rs.getLong(3))))
                .single());
    }

    /** Returns when the attempt was logged, by the database's clock. */
    private Instant finish(QueueEntry entry, Outcome outcome, String nextHop, String reply) {
        return db.inTransaction(outcome.column() + " queue entry " + entry.id(), jdbc -> {
            Instant attemptedAt = logAttempt(jdbc, entry, outcome, nextHop, reply);
            jdbc.sql("delete from queue_entry where id = ?").param(entry.id()).update();
            MessageReaper.removeUnreferenced(jdbc, List.of(entry.messageId()));
            return attemptedAt;
        });
    }

    /** PostgreSQL delivers the notification when the transaction commits, to every listening process. */
    private static void wakeWorkers(JdbcClient jdbc) {
        jdbc.sql("select pg_notify(?, '')").param(CHANNEL).query(Object.class).single();
    }

    private static Instant logAttempt(JdbcClient jdbc, QueueEntry entry, Outcome outcome, String nextHop,
            String reply) {
        return jdbc.sql("""
                insert into delivery_attempt (queue_entry_id, message_id, recipient, next_hop, outcome, reply)
                values (?, ?, ?, ?, ?, ?)
                returning attempted_at
                """).params(entry.id(), entry.messageId(), entry.recipient(), nextHop, outcome.column(), reply)
                .query(OffsetDateTime.class).single().toInstant();
    }

    /** A time the database handed out (or one computed from it), bound as {@code timestamptz}. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** For {@code make_interval(secs => ...)}, to the millisecond. */
    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
