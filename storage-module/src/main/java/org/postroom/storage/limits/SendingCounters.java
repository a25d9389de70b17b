package org.postroom.storage.limits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.postroom.storage.Database;
import org.postroom.storage.audit.AuditChannel;
import org.postroom.storage.audit.AuditEvent;
import org.postroom.storage.audit.AuditLog;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Address;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What each user sent and how often they were refused, per clock hour (table {@code
 * sending_count}), and the suspensions of sending it leads to (table {@code sending_suspension}),
 * in the database every process shares. Every read and write goes by the primary key of one user's
 * rows, at most 24 of them: nothing scans the table.
 *
 * <p>A submitted message is counted by {@link #charge} inside the transaction that commits it, so
 * that only committed mail counts and two processes committing for the same user at once take
 * turns on the hour's row: the second sees the first's message, and the one that would go over a
 * limit is rolled back. The hour is the caller's clock's, the same on every process as far as
 * their clocks agree; at the turn of an hour two processes may each count in their own hour.
 */
public final class SendingCounters {

    /** "Per day": the current hour's row and the 23 before it. */
    static final Duration DAY = Duration.ofHours(24);

    private static final String STANDING = """
            select u.id, u.local_part || '@' || d.name as address, %s, %s,
                   coalesce(c.hour_messages, 0) as hour_messages, coalesce(c.day_messages, 0) as day_messages,
                   coalesce(c.day_recipients, 0) as day_recipients, coalesce(c.limit_hits, 0) as limit_hits,
                   coalesce(c.spam_rejects, 0) as spam_rejects, s.suspended_at, s.reason
              from mail_user u
              join domain d on d.id = u.domain_id
              left join user_sending_limits ul on ul.user_id = u.id
              left join domain_sending_limits dl on dl.domain_id = u.domain_id
              left join sending_suspension s on s.user_id = u.id and s.lifted_at is null
              left join lateral (
                    select sum(messages) filter (where hour = :hour) as hour_messages, sum(messages) as day_messages,
                           sum(recipients) as day_recipients, sum(limit_hits) as limit_hits,
                           sum(spam_rejects) as spam_rejects
                      from sending_count where user_id = u.id and hour > :dayStart) c on true
            """.formatted(limitColumns("ul"), limitColumns("dl"));

    private final Database db;

    public SendingCounters(Database db) {
        this.db = db;
    }

    /**
     * The standing of the user {@code userId} at {@code now}: limits as set, usage, suspension.
     *
     * @throws NotFoundException when there is no such user (any more)
     */
    public SendingStanding standing(long userId, Instant now) {
        return db.run("read sending standing", jdbc -> hours(jdbc.sql(STANDING + " where u.id = :user"), now)
                .param("user", userId).query(SendingCounters::standing).optional())
                .orElseThrow(() -> new NotFoundException("no user with id " + userId));
    }

    /**
     * The standing of the user {@code address} at {@code now}.
     *
     * @throws NotFoundException when there is no such user
     */
    public SendingStanding standing(String address, Instant now) {
        Address user = Address.of(address);
        return db.run("read sending standing", jdbc -> hours(jdbc.sql(STANDING
                + " where d.name = :domain and u.local_part = :local"), now)
                .param("domain", user.domain()).param("local", user.localPart())
                .query(SendingCounters::standing).optional())
                .orElseThrow(() -> new NotFoundException("no user " + address));
    }

    /**
     * Counts {@code charge}'s message and recipients in the caller's transaction (the one that
     * commits the message), and forgets the user's rows older than a day.
     *
     * @throws LimitExceeded when the message takes the user over a limit; the caller's transaction
     *         must roll back, which takes the count back with it
     */
    public static void charge(JdbcClient jdbc, SendingCharge charge) {
        Instant hour = hourOf(charge.now());
        int hourMessages = jdbc.sql("""
                insert into sending_count (user_id, hour, messages, recipients) values (:user, :hour, 1, :recipients)
                on conflict (user_id, hour) do update
                   set messages = sending_count.messages + 1,
                       recipients = sending_count.recipients + excluded.recipients
                returning messages
                """).param("user", charge.userId()).param("hour", Timestamp.from(hour))
                .param("recipients", charge.recipients()).query(Integer.class).single();
        if (over(charge.limits().messagesPerHour(), hourMessages)) {
            throw new LimitExceeded(SendingLimit.MESSAGES_PER_HOUR);
        }
        jdbc.sql("delete from sending_count where user_id = :user and hour <= :dayStart")
                .param("user", charge.userId()).param("dayStart", Timestamp.from(hour.minus(DAY))).update();
        Totals day = jdbc.sql("""
                select coalesce(sum(messages), 0) as messages, coalesce(sum(recipients), 0) as recipients
                  from sending_count where user_id = :user and hour > :dayStart
                """).param("user", charge.userId()).param("dayStart", Timestamp.from(hour.minus(DAY)))
                .query((rs, n) -> new Totals(rs.getLong("messages"), rs.getLong("recipients"))).single();
        if (over(charge.limits().messagesPerDay(), day.messages())) {
            throw new LimitExceeded(SendingLimit.MESSAGES_PER_DAY);
        }
        if (over(charge.limits().recipientsPerDay(), day.recipients())) {
            throw new LimitExceeded(SendingLimit.RECIPIENTS_PER_DAY);
        }
    }

    /**
     * Records that the user {@code userId} was refused for a sending limit ({@code spam} false) or
     * had a submitted message rejected by the spam filter ({@code spam} true) at {@code now}, and
     * suspends their sending when that makes {@code policy}'s count for the day. Commits before it
     * returns; of two processes crossing the count at once only one suspends.
     *
     * @return the suspension this call put in force; empty when none, or when one was in force already
     */
    public Optional<Suspension> refused(long userId, boolean spam, SendingPolicy policy, Instant now) {
        Instant hour = hourOf(now);
        String column = spam ? "spam_rejects" : "limit_hits";
        return db.inTransaction("count a refused submission", jdbc -> {
            jdbc.sql("""
                    insert into sending_count (user_id, hour, %1$s) values (:user, :hour, 1)
                    on conflict (user_id, hour) do update set %1$s = sending_count.%1$s + 1
                    """.formatted(column)).param("user", userId).param("hour", Timestamp.from(hour)).update();
            long today = jdbc.sql("select coalesce(sum(%s), 0) from sending_count where user_id = :user and hour > :dayStart"
                    .formatted(column)).param("user", userId).param("dayStart", Timestamp.from(hour.minus(DAY)))
                    .query(Long.class).single();
            if (!policy.suspends(today)) {
                return Optional.<Suspension>empty();
            }
            SuspensionReason reason = spam ? SuspensionReason.SPAM_REJECTS : SuspensionReason.LIMIT_HITS;
            Optional<Suspension> suspended = jdbc.sql("""
                    with suspended as (
                        insert into sending_suspension (user_id, suspended_at, reason) values (:user, :now, :reason)
                        on conflict (user_id) where lifted_at is null do nothing
                        returning user_id, suspended_at, reason)
                    select u.local_part || '@' || d.name as address, s.suspended_at, s.reason
                      from suspended s join mail_user u on u.id = s.user_id join domain d on d.id = u.domain_id
                    """).param("user", userId).param("now", Timestamp.from(now)).param("reason", reason.key())
                    .query((rs, n) -> suspension(rs)).optional();
            // in the suspension's transaction: no suspension without its audit entry
            suspended.ifPresent(suspension -> AuditLog.write(jdbc, new AuditEvent(AuditLog.SERVER_ACTOR,
                    AuditChannel.SERVER, null, "sending.suspend", Address.of(suspension.address()).domain(),
                    suspension.address(), "reason " + reason.key())));
            return suspended;
        });
    }

    static Suspension suspension(ResultSet rs) throws SQLException {
        return new Suspension(rs.getString("address"), rs.getTimestamp("suspended_at").toInstant(),
                SuspensionReason.of(rs.getString("reason")));
    }

    /** The clock hour {@code now} is counted in. */
    static Instant hourOf(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS);
    }

    private static boolean over(Integer limit, long count) {
        return limit != null && count > limit;
    }

    private static JdbcClient.StatementSpec hours(JdbcClient.StatementSpec statement, Instant now) {
        Instant hour = hourOf(now);
        return statement.param("hour", Timestamp.from(hour)).param("dayStart", Timestamp.from(hour.minus(DAY)));
    }

    private static SendingStanding standing(ResultSet rs, int row) throws SQLException {
        Optional<Suspension> suspension = rs.getTimestamp("suspended_at") == null ? Optional.empty()
                : Optional.of(suspension(rs));
        return new SendingStanding(rs.getLong("id"), rs.getString("address"), limits(rs, "ul"), limits(rs, "dl"),
                new SendingUsage(rs.getLong("hour_messages"), rs.getLong("day_messages"), rs.getLong("day_recipients"),
                        rs.getLong("limit_hits"), rs.getLong("spam_rejects")),
                suspension);
    }

    /** The four limit columns of the limits table aliased {@code prefix}, as {@link #limits} reads them. */
    static String limitColumns(String prefix) {
        return """
                %1$s.messages_per_hour as %1$s_mph, %1$s.messages_per_day as %1$s_mpd,
                %1$s.recipients_per_message as %1$s_rpm, %1$s.recipients_per_day as %1$s_rpd""".formatted(prefix);
    }

    static SendingLimits limits(ResultSet rs, String prefix) throws SQLException {
        return new SendingLimits(integer(rs, prefix + "_mph"), integer(rs, prefix + "_mpd"), integer(rs, prefix + "_rpm"),
                integer(rs, prefix + "_rpd"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private record Totals(long messages, long recipients) {
    }
}
