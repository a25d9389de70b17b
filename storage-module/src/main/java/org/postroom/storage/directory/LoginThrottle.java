package org.postroom.storage.directory;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.postroom.storage.Database;
import org.postroom.storage.directory.LoginResult.Scope;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts failed logins per client and per account, for SMTP AUTH, POP3 and the web login alike, in
 * the database, so the counts hold across protocols and across Postroom processes sharing it
 * (tables {@code login_client} and {@code login_account}, V7).
 *
 * <p>Every attempt is reserved before its password is checked, as if it were going to fail, in
 * one statement: the client's row and then the account's row are upserted, and a row lock makes
 * parallel attempts take their turns, so a hundred guesses sent at once are counted one after the
 * other and all but the allowed ones are {@link Reservation.Held held} without any check. A right
 * password gives the reservation back ({@link #release}); a wrong one leaves it counted.
 *
 * <p>A client (an IPv4 address or an IPv6 /64, see {@link NetworkRange#clientOf}) that reached
 * {@link LoginLimits#maxFailures} within its window is held until the window has passed. An
 * account that reached {@link LoginLimits#accountFailures} takes one attempt at a time, each
 * holding the next back for a wait that doubles with its failures: guessing spread over many
 * clients slows down, while the real user, from a client of their own, still gets in after the
 * wait. Exempt networks are never counted nor held.
 *
 * <p>Use it through {@link #attempts}, the one login pipeline.
 */
public final class LoginThrottle {

    private static final int MAX_DELAY_STEPS = 10;
    private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);
    private static final Duration MIN_RETRY = Duration.ofSeconds(1);

    /**
     * The reservation. An account's failure count {@code F} holds its next attempt back for
     * 2^(F - accountFailures) seconds once F reaches accountFailures, at most accountMaxDelay (the
     * exponent is capped so the power cannot overflow). Attempts that are held change nothing.
     */
    private static final String RESERVE = """
            with client as (
                insert into login_client as c (network, failures, window_start)
                values (cast(:network as cidr), 1, now())
                on conflict (network) do update
                   set failures = case when c.window_start <= now() - make_interval(secs => :window) then 1
                                       else c.failures + 1 end,
                       window_start = case when c.window_start <= now() - make_interval(secs => :window) then now()
                                           else c.window_start end
                 where c.window_start <= now() - make_interval(secs => :window) or c.failures < :maxFailures
                returning c.failures
            ), account as (
                insert into login_account as a (account, failures, window_start, not_before)
                select :account, 1, now(), %s from client
                on conflict (account) do update
                   set failures = %s,
                       window_start = case when a.window_start <= now() - make_interval(secs => :accountWindow) then now()
                                           else a.window_start end,
                       not_before = %s
                 where a.not_before is null or a.not_before <= now()
                returning a.failures
            )
            select (select failures from client) as client_failures,
                   exists (select 1 from account) as account_reserved,
                   (select extract(epoch from c.window_start + make_interval(secs => :window) - now())
                      from login_client c where c.network = cast(:network as cidr)) as client_wait,
                   (select extract(epoch from a.not_before - now())
                      from login_account a where a.account = :account) as account_wait
            """.formatted(holdAfter("1"), accountFailures(), holdAfter(accountFailures()));

    /**
     * Ends a statement that changes {@code login_client} rows in a CTE named {@code client} and
     * {@code login_account} rows in its main part, so that it locks the client rows first, as
     * {@link #RESERVE} does: an unread data-modifying CTE would run after the main part, and two
     * statements taking the same two rows in opposite orders deadlock (PostgreSQL then cancels
     * one after deadlock_timeout, a second's wait and a login lost). This condition is a
     * one-time filter, evaluated before the main part touches any row, and it reads the CTE.
     */
    private static final String CLIENT_ROWS_FIRST = "(select count(*) from client) >= 0";

    private final Database db;
    private final LoginLimits limits;
    private final MeterRegistry meters;
    private final AtomicReference<Instant> lastCleanup = new AtomicReference<>(Instant.EPOCH);

    /** @param meters where the pipelines count refused logins ({@code postroom.auth.failures}) */
    public LoginThrottle(Database db, LoginLimits limits, MeterRegistry meters) {
        this.db = db;
        this.limits = limits;
        this.meters = meters;
    }

    /** The login pipeline for {@code credentials} over {@code protocol}, throttled here. */
    public <T> LoginAttempts<T> attempts(Credentials<T> credentials, LoginProtocol protocol) {
        return new LoginAttempts<>(this, credentials, protocol, meters);
    }

    /** What {@link #reserve} got for an attempt. */
    sealed interface Reservation {

        /** Go ahead and check the password; {@code network} is null for an exempt client. */
        record Reserved(String network, byte[] account, int clientFailures) implements Reservation {
        }

        /** Do not check: {@code scope} failed too often; it may try again after {@code retryAfter}. */
        record Held(Scope scope, Duration retryAfter) implements Reservation {
        }
    }

    /** Reserves an attempt of {@code login} from {@code client}, counted as a failure until {@link #release}d. */
    Reservation reserve(InetAddress client, String login) {
        if (isExempt(client)) {
            return new Reservation.Reserved(null, null, 0);
        }
        removeExpired();
        String network = NetworkRange.clientOf(client).cidr();
        byte[] account = accountKey(login);
        Counts counts = db.run("reserve a login attempt", jdbc -> jdbc.sql(RESERVE)
                .param("network", network).param("account", account)
                .param("window", seconds(limits.window())).param("maxFailures", limits.maxFailures())
                .param("accountWindow", seconds(limits.accountWindow()))
                .param("accountFailures", limits.accountFailures())
                .param("accountMaxDelay", seconds(limits.accountMaxDelay()))
                .query((rs, n) -> new Counts((Integer) rs.getObject("client_failures"), rs.getBoolean("account_reserved"),
                        (Number) rs.getObject("client_wait"), (Number) rs.getObject("account_wait")))
                .single());
        if (counts.clientFailures() == null) {
            return new Reservation.Held(Scope.CLIENT, retryAfter(counts.clientWait(), limits.window()));
        }
        if (!counts.accountReserved()) {
            // the account's wait is no fault of this client: its reservation is given back
            db.run("give back a held login attempt", jdbc -> jdbc.sql(
                    "update login_client set failures = greatest(failures - 1, 0) where network = cast(? as cidr)")
                    .param(network).update());
            return new Reservation.Held(Scope.ACCOUNT, retryAfter(counts.accountWait(), MIN_RETRY));
        }
        return new Reservation.Reserved(network, account, counts.clientFailures());
    }

    /** The password was right: the attempt no longer counts, and the account's wait is lifted. */
    void release(Reservation.Reserved reserved) {
        if (reserved.network() == null) {
            return;
        }
        db.run("release a login attempt", jdbc -> jdbc.sql("""
                with client as (
                    update login_client set failures = greatest(failures - 1, 0) where network = cast(? as cidr)
                    returning 1
                )
                update login_account set failures = greatest(failures - 1, 0), not_before = null
                 where account = ? and """ + CLIENT_ROWS_FIRST)
                .params(reserved.network(), reserved.account()).update());
    }

    /** How long to wait before telling the client its password was wrong: longer the more its client failed. */
    Duration delayAfterFailure(Reservation.Reserved reserved) {
        return limits.failureDelay().multipliedBy(Math.min(reserved.clientFailures(), MAX_DELAY_STEPS));
    }

    private boolean isExempt(InetAddress client) {
        return limits.exemptNetworks().stream().anyMatch(network -> network.contains(client));
    }

    /**
     * Deletes rows whose window has passed, at most once a minute per process; an account whose
     * wait still runs keeps its row.
     */
    private void removeExpired() {
        Instant last = lastCleanup.get();
        Instant now = Instant.now();
        if (now.isBefore(last.plus(CLEANUP_INTERVAL)) || !lastCleanup.compareAndSet(last, now)) {
            return;
        }
        db.run("remove expired login failures", jdbc -> jdbc.sql("""
                with client as (
                    delete from login_client where window_start <= now() - make_interval(secs => ?)
                    returning 1
                )
                delete from login_account where window_start <= now() - make_interval(secs => ?)
                   and (not_before is null or not_before <= now()) and """ + CLIENT_ROWS_FIRST)
                .params(seconds(limits.window()), seconds(limits.accountWindow())).update());
    }

    /** The account's key: a digest of the login's canonical form, so every spelling of it counts alike. */
    static byte[] accountKey(String login) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(Address.of(login.strip()).toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String accountFailures() {
        return "case when a.window_start <= now() - make_interval(secs => :accountWindow) then 1 else a.failures + 1 end";
    }

    private static String holdAfter(String failures) {
        return "case when (" + failures + ") >= :accountFailures and :accountMaxDelay > 0 then now() + make_interval("
                + "secs => least(power(2, least((" + failures + ") - :accountFailures, 30)), :accountMaxDelay)) end";
    }

    /**
     * The wait the statement saw, at least a second; {@code unknown} when it saw no row, which
     * another process had only just written.
     */
    private static Duration retryAfter(Number seconds, Duration unknown) {
        if (seconds == null) {
            return unknown;
        }
        Duration retry = Duration.ofMillis((long) Math.ceil(seconds.doubleValue() * 1000));
        return retry.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : retry;
    }

    /** One row of the reservation statement: the client's new count (null: held), and the waits it saw. */
    private record Counts(Integer clientFailures, boolean accountReserved, Number clientWait, Number accountWait) {
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
