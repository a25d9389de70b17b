package org.postroom.storage.directory;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.postroom.storage.Database;

/**
 * Counts failed logins per client IP over a sliding window, for SMTP AUTH, POP3 and the web login
 * alike. The count lives in the database, so it holds across protocols and across Postroom
 * processes sharing one database.
 *
 * <p>After each failure the protocol waits {@link #delayAfterFailure} before answering, longer
 * the more the IP failed recently (it slows password guessing without hurting a user's one
 * typo); at {@code maxFailures} within the window the IP is {@link #isBlocked blocked} until the
 * old failures leave the window. Exempt networks (for example the office's NAT address) are
 * never counted.
 */
public final class LoginThrottle {

    private static final int MAX_DELAY_STEPS = 10;
    private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

    private final Database db;
    private final int maxFailures;
    private final Duration window;
    private final Duration baseDelay;
    private final List<NetworkRange> exemptNetworks;
    private final AtomicReference<Instant> lastCleanup = new AtomicReference<>(Instant.EPOCH);

    public LoginThrottle(Database db, int maxFailures, Duration window, Duration baseDelay,
            List<NetworkRange> exemptNetworks) {
        this.db = db;
        this.maxFailures = maxFailures;
        this.window = window;
        this.baseDelay = baseDelay;
        this.exemptNetworks = List.copyOf(exemptNetworks);
    }

    /** True when the IP failed {@code maxFailures} times within the window: refuse before checking. */
    public boolean isBlocked(InetAddress ip) {
        return !isExempt(ip) && recentFailures(ip) >= maxFailures;
    }

    /**
     * Records one failed login (committed at once) and returns how long to wait before telling the
     * client: the base delay times the IP's recent failures, capped at ten times the base.
     */
    public Duration delayAfterFailure(InetAddress ip) {
        if (isExempt(ip)) {
            return Duration.ZERO;
        }
        removeExpiredFailures();
        db.run("record login failure", jdbc -> jdbc.sql("insert into auth_failure (ip) values (cast(? as inet))")
                .param(ip.getHostAddress()).update());
        long failures = recentFailures(ip);
        return baseDelay.multipliedBy(Math.min(failures, MAX_DELAY_STEPS));
    }

    /** Failed logins of this IP within the window. */
    public long recentFailures(InetAddress ip) {
        return db.run("count login failures", jdbc -> jdbc.sql("""
                select count(*) from auth_failure
                 where ip = cast(? as inet) and failed_at > now() - make_interval(secs => ?)
                """).params(ip.getHostAddress(), (double) window.toSeconds()).query(Long.class).single());
    }

    private boolean isExempt(InetAddress ip) {
        return exemptNetworks.stream().anyMatch(network -> network.contains(ip));
    }

    private void removeExpiredFailures() {
        Instant last = lastCleanup.get();
        Instant now = Instant.now();
        if (now.isBefore(last.plus(CLEANUP_INTERVAL)) || !lastCleanup.compareAndSet(last, now)) {
            return;
        }
        db.run("remove expired login failures", jdbc -> jdbc
                .sql("delete from auth_failure where failed_at <= now() - make_interval(secs => ?)")
                .param((double) window.toSeconds()).update());
    }
}
