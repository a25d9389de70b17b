package org.postroom.storage.greylist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.postroom.storage.Database;
import org.postroom.storage.greylist.Attempt.Deferred;
import org.postroom.storage.greylist.Attempt.Known;
import org.postroom.storage.greylist.Attempt.Retried;
import org.postroom.storage.greylist.Attempt.Vouched;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The greylist: the triplets port 25 has seen (table {@code greylist_triplet}) and the sender
 * domains that passed (table {@code greylist_domain}), in the database every process shares, so
 * that a retry passes whichever process it reaches. The time of every decision is the {@code now}
 * the caller gives (its clock), the same on every process as far as their clocks agree.
 *
 * <p>A triplet's first attempt is deferred and remembered; a retry from {@code delay} after it on
 * passes, and the triplet then passes at once until {@code passLifetime} after it last passed (that
 * time renewed at most once a day, so that regular mail costs one read and no write). A first
 * attempt not retried within {@link #RETRY_WINDOW} is forgotten, as is a pass older than the
 * lifetime: the next attempt is a first one again. An early retry leaves the first attempt's time
 * as it was. A sender domain passes whenever a triplet of it passes.
 */
public final class Greylist {

    /**
     * How long a deferred first attempt waits for its retry (postgrey's retry window): a real server
     * retries within hours, a spam run that comes back days later starts over.
     */
    public static final Duration RETRY_WINDOW = Duration.ofDays(2);

    /** A pass is written down again at most this often. */
    static final Duration RENEWAL = Duration.ofDays(1);

    /** Triplets forgotten per statement, so that a long backlog does not make one huge transaction. */
    private static final int EXPIRY_BATCH = 1000;

    /** The triplet's primary key. */
    private static final String TRIPLET = """
            client_network = cast(:network as cidr) and sender = :sender and recipient = :recipient
            """;

    /** A row that counts as never seen: a first attempt not retried in time, or a pass past its lifetime. */
    private static final String FORGOTTEN = """
            (greylist_triplet.passed_at is null and greylist_triplet.first_seen <= :retryCutoff
             or greylist_triplet.passed_at <= :passCutoff)
            """;

    /** The one read of {@link #attempt} (package-private for the test of its plan). */
    static final String READ = "select first_seen, passed_at, " + FORGOTTEN + " as forgotten from greylist_triplet where "
            + TRIPLET;

    private final Database db;
    private final Duration delay;
    private final Duration passLifetime;

    /**
     * @param delay how long after a triplet's first attempt a retry passes: positive, shorter than
     *        {@link #RETRY_WINDOW}
     * @param passLifetime how long a passed triplet passes at once after it last passed: a day or more
     * @throws IllegalArgumentException when either is out of range
     */
    public Greylist(Database db, Duration delay, Duration passLifetime) {
        if (delay.isNegative() || delay.isZero() || delay.compareTo(RETRY_WINDOW) >= 0) {
            throw new IllegalArgumentException("the greylisting delay must be positive and shorter than "
                    + RETRY_WINDOW.toDays() + " days: " + delay);
        }
        if (passLifetime.compareTo(RENEWAL) < 0) {
            throw new IllegalArgumentException("a greylisting pass must live a day or more: " + passLifetime);
        }
        this.db = db;
        this.delay = delay;
        this.passLifetime = passLifetime;
    }

    /**
     * Decides an attempt of {@code triplet} at {@code now} and remembers it: a known triplet passes
     * (one read); a retry after the delay passes and the triplet with it (one read, one write); an
     * early retry is deferred and changes nothing; a first attempt is deferred and written down. A
     * triplet that has not passed also passes when its sender's domain passed before and {@code
     * senderAuthenticated} says the client is the domain's (SPF): asked only then, after the domain
     * was found, so that its DNS lookups are spent only where they can help. Each write commits when
     * it is made; two processes deciding the same triplet at once both end up with its first
     * attempt's time.
     *
     * @throws org.postroom.storage.StorageUnavailableException when the database fails (nothing or
     *         a deferral is written; the client is deferred either way)
     */
    public Attempt attempt(Triplet triplet, Instant now, BooleanSupplier senderAuthenticated) {
        Optional<Standing> standing = db.run("read greylist triplet", jdbc -> keyed(jdbc.sql(READ), triplet, now)
                .query((rs, n) -> Standing.of(rs)).optional()).filter(row -> !row.forgotten());
        if (standing.isPresent() && standing.get().passedAt() != null) {
            if (standing.get().passedAt().isBefore(now.minus(RENEWAL))) {
                pass(triplet, now);
            }
            return new Known();
        }
        if (standing.isPresent()) {
            Instant firstSeen = standing.get().firstSeen();
            Instant passesFrom = firstSeen.plus(delay);
            if (!now.isBefore(passesFrom)) {
                pass(triplet, now);
                return new Retried(Duration.between(firstSeen, now));
            }
            return vouched(triplet, now, senderAuthenticated).orElseGet(() -> new Deferred(passesFrom));
        }
        return vouched(triplet, now, senderAuthenticated).orElseGet(() -> firstAttempt(triplet, now));
    }

    /**
     * Forgets the triplets and sender domains that no longer count at {@code now} (see the class
     * comment) and returns how many triplets went. Processes running it at the same time each take
     * other rows; each batch commits on its own.
     */
    public int expire(Instant now) {
        int forgotten = 0;
        int batch;
        do {
            batch = db.run("expire greylist triplets", jdbc -> cutoffs(jdbc.sql("""
                    delete from greylist_triplet where (client_network, sender, recipient) in (
                        select client_network, sender, recipient from greylist_triplet where %s
                         limit :batch for update skip locked)
                    """.formatted(FORGOTTEN)), now).param("batch", EXPIRY_BATCH).update());
            forgotten += batch;
        } while (batch == EXPIRY_BATCH);
        db.run("expire greylist domains", jdbc -> jdbc.sql("delete from greylist_domain where passed_at <= :passCutoff")
                .param("passCutoff", Timestamp.from(now.minus(passLifetime))).update());
        return forgotten;
    }

    /** Passes the triplet now, if its sender's domain passed before and the client is authenticated for it. */
    private Optional<Attempt> vouched(Triplet triplet, Instant now, BooleanSupplier senderAuthenticated) {
        Optional<String> domain = triplet.senderDomain();
        if (domain.isEmpty() || !domainPassed(domain.get(), now) || !senderAuthenticated.getAsBoolean()) {
            return Optional.empty();
        }
        pass(triplet, now);
        return Optional.of(new Vouched(domain.get()));
    }

    private boolean domainPassed(String domain, Instant now) {
        return db.run("read greylist domain", jdbc -> jdbc.sql(
                "select exists (select 1 from greylist_domain where domain = :domain and passed_at > :passCutoff)")
                .param("domain", domain).param("passCutoff", Timestamp.from(now.minus(passLifetime)))
                .query(Boolean.class).single());
    }

    /** Writes a first attempt down (over a forgotten row); another process's fresh row stays as it is. */
    private Attempt firstAttempt(Triplet triplet, Instant now) {
        Standing written = db.run("write greylist first attempt", jdbc -> keyed(jdbc.sql("""
                insert into greylist_triplet (client_network, sender, recipient, first_seen)
                values (cast(:network as cidr), :sender, :recipient, :now)
                on conflict (client_network, sender, recipient) do update
                   set first_seen = case when %1$s then excluded.first_seen else greylist_triplet.first_seen end,
                       passed_at = case when %1$s then null else greylist_triplet.passed_at end
                returning first_seen, passed_at, false as forgotten
                """.formatted(FORGOTTEN)), triplet, now).query((rs, n) -> Standing.of(rs)).single());
        return written.passedAt() != null ? new Known() : new Deferred(written.firstSeen().plus(delay));
    }

    /** Marks the triplet passed at {@code now}, and its sender's domain with it, in one transaction. */
    private void pass(Triplet triplet, Instant now) {
        db.inTransaction("pass greylist triplet", jdbc -> {
            keyed(jdbc.sql("""
                    insert into greylist_triplet (client_network, sender, recipient, first_seen, passed_at)
                    values (cast(:network as cidr), :sender, :recipient, :now, :now)
                    on conflict (client_network, sender, recipient) do update set passed_at = excluded.passed_at
                    """), triplet, now).update();
            triplet.senderDomain().ifPresent(domain -> jdbc.sql("""
                    insert into greylist_domain (domain, passed_at) values (:domain, :now)
                    on conflict (domain) do update set passed_at = excluded.passed_at
                     where greylist_domain.passed_at < :renewBefore
                    """).param("domain", domain).param("now", Timestamp.from(now))
                    .param("renewBefore", Timestamp.from(now.minus(RENEWAL))).update());
            return null;
        });
    }

    /** {@code statement} with the triplet's key, {@code now} and the cutoffs bound. */
    private JdbcClient.StatementSpec keyed(JdbcClient.StatementSpec statement, Triplet triplet, Instant now) {
        return cutoffs(statement, now).param("network", triplet.clientNetwork()).param("sender", triplet.sender())
                .param("recipient", triplet.recipient()).param("now", Timestamp.from(now));
    }

    /** {@code statement} with the times of {@link #FORGOTTEN} bound. */
    private JdbcClient.StatementSpec cutoffs(JdbcClient.StatementSpec statement, Instant now) {
        return statement.param("retryCutoff", Timestamp.from(now.minus(RETRY_WINDOW)))
                .param("passCutoff", Timestamp.from(now.minus(passLifetime)));
    }

    /** A triplet's row: when it was first seen, when it last passed (null: not yet), and whether it counts. */
    private record Standing(Instant firstSeen, Instant passedAt, boolean forgotten) {

        static Standing of(ResultSet rs) throws SQLException {
            Timestamp passedAt = rs.getTimestamp("passed_at");
            return new Standing(rs.getTimestamp("first_seen").toInstant(), passedAt == null ? null : passedAt.toInstant(),
                    rs.getBoolean("forgotten"));
        }
    }
}
