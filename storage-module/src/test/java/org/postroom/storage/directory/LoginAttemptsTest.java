package org.postroom.storage.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.Database;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.LoginResult.Accepted;
import org.postroom.storage.directory.LoginResult.Refused;
import org.postroom.storage.directory.LoginResult.Scope;
import org.postroom.storage.directory.LoginResult.Throttled;
import org.postroom.storage.directory.LoginResult.Unavailable;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The login pipeline against a real PostgreSQL: what one attempt, many in a row and many at once
 * get, per client and per account.
 */
class LoginAttemptsTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String ALICE = "alice@example.com";
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration DELAY = Duration.ofMillis(100);

    private TestDatabase testDatabase;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void createUsers() {
        testDatabase = TestDatabase.create();
        new DomainRepository(testDatabase.database(), "postroom").create("example.com");
        new UserRepository(testDatabase.database()).create(ALICE, PASSWORD, null);
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void aWrongPasswordIsAnsweredLaterTheMoreTheClientFailedAndTheClientIsHeldAtTheLimit() {
        LoginAttempts<AuthenticatedUser> logins = logins(limits(3, WINDOW, 100, Duration.ZERO));

        assertThat(logins.attempt(ip("192.0.2.7"), ALICE, "wrong 1")).isEqualTo(new Refused<>(DELAY));
        assertThat(logins.attempt(ip("192.0.2.7"), ALICE, "wrong 2")).isEqualTo(new Refused<>(DELAY.multipliedBy(2)));
        assertThat(logins.attempt(ip("192.0.2.7"), ALICE, "wrong 3")).isEqualTo(new Refused<>(DELAY.multipliedBy(3)));

        // even the right password is not checked now; the client may come back when its window has passed
        LoginResult<AuthenticatedUser> held = logins.attempt(ip("192.0.2.7"), ALICE, PASSWORD);
        assertThat(held).isInstanceOfSatisfying(Throttled.class, t -> {
            assertThat(t.scope()).isEqualTo(Scope.CLIENT);
            assertThat(t.retryAfter()).isBetween(WINDOW.minusSeconds(30), WINDOW);
        });
        assertThat(logins.attempt(ip("192.0.2.8"), ALICE, PASSWORD)).isInstanceOf(Accepted.class);
        assertThat(meters.get("postroom.auth.failures").tag("protocol", "smtp").counter().count()).isEqualTo(4);
    }

    @Test
    void aLoginWithANulOrAControlCharacterIsAWrongLoginThatCounts() {
        LoginAttempts<AuthenticatedUser> logins = logins(limits(3, WINDOW, 100, Duration.ZERO));

        // PostgreSQL's text holds no NUL: looked up, it failed as if the database were down (503 on the web)
        assertThat(logins.attempt(ip("192.0.2.30"), "ali\0ce@example.com", PASSWORD)).isInstanceOf(Refused.class);
        assertThat(logins.attempt(ip("192.0.2.30"), ALICE + "\r\n", PASSWORD)).isInstanceOf(Refused.class);
        assertThat(logins.attempt(ip("192.0.2.30"), "\u0085" + ALICE, PASSWORD)).isInstanceOf(Refused.class);
        assertThat(logins.attempt(ip("192.0.2.30"), ALICE, PASSWORD)).isInstanceOf(Throttled.class);
        assertThat(meters.get("postroom.auth.failures").tag("protocol", "smtp").counter().count()).isEqualTo(4);
    }

    @Test
    void rightPasswordsDoNotCountAgainstTheClient() {
        LoginAttempts<AuthenticatedUser> logins = logins(limits(3, WINDOW, 100, Duration.ZERO));
        for (int i = 0; i < 10; i++) {
            LoginResult<AuthenticatedUser> result = logins.attempt(ip("192.0.2.9"), "Alice@Example.COM", PASSWORD);
            assertThat(result).isInstanceOfSatisfying(Accepted.class,
                    a -> assertThat(((AuthenticatedUser) a.account()).address()).isEqualTo(ALICE));
        }
        assertThat(meters.get("postroom.auth.failures").counter().count()).isZero();
    }

    @Test
    void manyRightLoginsAtOnceOfOneAccountFromOneClientAreAllAcceptedAndLeaveNothingCounted() throws Exception {
        // an application sending through one account over ten connections: reserving locks the
        // client's row and then the account's, and giving back must never take them the other way
        LoginAttempts<AuthenticatedUser> logins = logins(
                new LoginLimits(1000, WINDOW, DELAY, 1000, WINDOW, Duration.ofMinutes(1), List.of()));
        for (int round = 0; round < 20; round++) {
            assertThat(inParallel(10, i -> () -> logins.attempt(ip("192.0.2.11"), ALICE, PASSWORD)))
                    .allSatisfy(result -> assertThat(result).isInstanceOf(Accepted.class));
        }
        assertThat(clientFailures("192.0.2.11/32")).isZero();
        assertThat(meters.get("postroom.auth.failures").counter().count()).isZero();
    }

    @Test
    void manyGuessesAtOnceFromOneClientGetNoMoreChecksThanTheLimit() throws Exception {
        CountingCredentials checks = new CountingCredentials(new Authenticator(testDatabase.database()));
        LoginThrottle throttle = throttle(limits(3, WINDOW, 100, Duration.ZERO));
        LoginAttempts<AuthenticatedUser> logins = throttle.attempts(checks, LoginProtocol.POP3);

        List<LoginResult<AuthenticatedUser>> results = inParallel(40,
                i -> () -> logins.attempt(ip("192.0.2.10"), ALICE, "parallel guess " + i));

        assertThat(checks.count()).isEqualTo(3);
        assertThat(results).filteredOn(Refused.class::isInstance).hasSize(3);
        assertThat(results).filteredOn(Throttled.class::isInstance).hasSize(37);
    }

    @Test
    void everyAddressOfAnIpv6Slash64IsOneClientAndEachIpv4AddressOneOfItsOwn() {
        LoginAttempts<AuthenticatedUser> logins = logins(limits(3, WINDOW, 0, Duration.ZERO));
        for (String address : List.of("2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:8000::3")) {
            assertThat(logins.attempt(ip(address), ALICE, "wrong")).isInstanceOf(Refused.class);
        }
        assertThat(logins.attempt(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"), ALICE, PASSWORD)).isInstanceOf(Throttled.class);
        assertThat(logins.attempt(ip("2001:db8:1:3::1"), ALICE, PASSWORD)).isInstanceOf(Accepted.class);

        for (String address : List.of("192.0.2.20", "192.0.2.21", "192.0.2.22")) {
            assertThat(logins.attempt(ip(address), ALICE, "wrong")).isInstanceOf(Refused.class);
        }
        assertThat(logins.attempt(ip("192.0.2.23"), ALICE, PASSWORD)).isInstanceOf(Accepted.class);
    }

    @Test
    void theCountsAreSharedByEveryProcessOnTheDatabase() {
        LoginLimits limits = limits(3, WINDOW, 0, Duration.ZERO);
        LoginAttempts<AuthenticatedUser> smtp = logins(limits);
        LoginAttempts<AuthenticatedUser> pop3 = throttle(limits).attempts(new Authenticator(testDatabase.database()),
                LoginProtocol.POP3);
        smtp.attempt(ip("2001:db8::1"), ALICE, "wrong");
        smtp.attempt(ip("2001:db8::1"), ALICE, "wrong");
        pop3.attempt(ip("2001:db8::1"), ALICE, "wrong");
        assertThat(smtp.attempt(ip("2001:db8::1"), ALICE, PASSWORD)).isInstanceOf(Throttled.class);
    }

    @Test
    void failuresOutsideTheWindowNoLongerCountAndTheirRowsAreRemoved() {
        LoginLimits limits = limits(3, Duration.ofSeconds(3), 0, Duration.ZERO);
        LoginAttempts<AuthenticatedUser> logins = logins(limits);
        for (int i = 0; i < 3; i++) {
            logins.attempt(ip("192.0.2." + (31 + i)), ALICE, "wrong");
        }
        for (int i = 0; i < 3; i++) {
            logins.attempt(ip("192.0.2.30"), ALICE, "wrong");
        }
        assertThat(logins.attempt(ip("192.0.2.30"), ALICE, PASSWORD)).isInstanceOf(Throttled.class);

        assertThat(eventually(() -> logins.attempt(ip("192.0.2.30"), ALICE, PASSWORD), Accepted.class::isInstance))
                .isInstanceOf(Accepted.class);
        // a process that starts cleaning now finds only the row of the client that just logged in
        logins(limits).attempt(ip("192.0.2.30"), ALICE, PASSWORD);
        assertThat(rows("login_client")).isEqualTo(1);
    }

    @Test
    void exemptNetworksAreNeverCountedNorHeld() {
        LoginLimits limits = new LoginLimits(3, WINDOW, DELAY, 3, WINDOW, Duration.ofMinutes(1),
                List.of(NetworkRange.parse("10.1.0.0/16")));
        LoginAttempts<AuthenticatedUser> logins = logins(limits);
        for (int i = 0; i < 6; i++) {
            assertThat(logins.attempt(ip("10.1.200.3"), ALICE, "wrong")).isEqualTo(new Refused<>(Duration.ZERO));
        }
        assertThat(logins.attempt(ip("10.1.200.3"), ALICE, PASSWORD)).isInstanceOf(Accepted.class);
        assertThat(rows("login_client") + rows("login_account")).isZero();
    }

    @Test
    void guessesAtOneAccountFromManyClientsWaitTheirTurnButTheUserStillGetsIn() {
        LoginAttempts<AuthenticatedUser> logins = logins(limits(3, WINDOW, 0, Duration.ofSeconds(1)));
        for (int i = 0; i < 3; i++) {
            assertThat(logins.attempt(ip("198.51.100." + i), ALICE, "spread guess " + i)).isInstanceOf(Refused.class);
        }

        // the third failure holds the account back for a second, for every client
        LoginResult<AuthenticatedUser> held = logins.attempt(ip("203.0.113.5"), ALICE, PASSWORD);
        assertThat(held).isInstanceOfSatisfying(Throttled.class, t -> {
            assertThat(t.scope()).isEqualTo(Scope.ACCOUNT);
            assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        });
        // another account is not affected
        new UserRepository(testDatabase.database()).create("bob@example.com", PASSWORD, null);
        assertThat(logins.attempt(ip("198.51.100.1"), "bob@example.com", PASSWORD)).isInstanceOf(Accepted.class);

        // the wait is never a lock: after it the right password gets in, and its client was not charged for waiting
        LoginResult<AuthenticatedUser> later = eventually(() -> logins.attempt(ip("203.0.113.5"), ALICE, PASSWORD),
                Accepted.class::isInstance);
        assertThat(later).isInstanceOf(Accepted.class);
        assertThat(clientFailures("203.0.113.5/32")).isZero();
    }

    @Test
    void manyGuessesAtOnceAtAWaitingAccountAreCheckedOneAtATime() throws Exception {
        CountingCredentials checks = new CountingCredentials(new Authenticator(testDatabase.database()));
        LoginAttempts<AuthenticatedUser> logins = throttle(limits(100, WINDOW, 0, Duration.ofMinutes(1)))
                .attempts(checks, LoginProtocol.WEB);
        for (int i = 0; i < 2; i++) {
            logins.attempt(ip("198.51.100." + i), ALICE, "spread guess " + i);
        }

        // the next failure would make the account wait: the attempts that would cause it take turns
        List<LoginResult<AuthenticatedUser>> results = inParallel(30,
                i -> () -> logins.attempt(ip("198.51.100." + (10 + i)), ALICE, "parallel guess " + i));

        assertThat(checks.count()).isEqualTo(3);
        assertThat(results).filteredOn(Refused.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof Throttled<?> t && t.scope() == Scope.ACCOUNT).hasSize(29);
    }

    @Test
    void theAccountsWaitDoublesWithEachFailureUpToTheLimit() {
        LoginAttempts<AuthenticatedUser> logins = logins(limits(100, WINDOW, 0, Duration.ofSeconds(2)));
        logins.attempt(ip("198.51.100.1"), ALICE, "wrong 1");
        logins.attempt(ip("198.51.100.2"), ALICE, "wrong 2");
        logins.attempt(ip("198.51.100.3"), ALICE, "wrong 3");
        assertThat(retryAfter(logins.attempt(ip("198.51.100.4"), ALICE, "wrong"))).isEqualTo(Duration.ofSeconds(1));

        assertWaitAfterTheNextFailure(logins, "198.51.100.4", "198.51.100.5", Duration.ofSeconds(2));
        // 4 s would be next; the limit is 2
        assertWaitAfterTheNextFailure(logins, "198.51.100.5", "198.51.100.6", Duration.ofSeconds(2));
    }

    /**
     * Waits until {@code failing} may try again and fails, then asks from {@code next}: the wait it
     * is told counts from that failure, so it is {@code wait} less the time passed since then,
     * however long a loaded machine took.
     */
    private static void assertWaitAfterTheNextFailure(LoginAttempts<AuthenticatedUser> logins, String failing,
            String next, Duration wait) {
        AtomicLong lastTry = new AtomicLong();
        eventually(() -> {
            lastTry.set(System.nanoTime());
            return logins.attempt(ip(failing), ALICE, "wrong from " + failing);
        }, Refused.class::isInstance);
        Duration told = retryAfter(logins.attempt(ip(next), ALICE, "wrong"));
        Duration passed = Duration.ofNanos(System.nanoTime() - lastTry.get());
        assertThat(told).isBetween(wait.minus(passed), wait);
    }

    @Test
    void aRightPasswordLiftsTheAccountsWait() {
        LoginAttempts<AuthenticatedUser> logins = logins(limits(100, WINDOW, 0, Duration.ofSeconds(2)));
        for (int i = 0; i < 3; i++) {
            logins.attempt(ip("198.51.100." + i), ALICE, "wrong " + i);
        }
        eventually(() -> logins.attempt(ip("198.51.100.9"), ALICE, PASSWORD), Accepted.class::isInstance);

        assertThat(logins.attempt(ip("198.51.100.9"), ALICE, PASSWORD)).isInstanceOf(Accepted.class);
    }

    @Test
    void theAccountLimitIsOffWithAZeroMaximumDelay() {
        LoginAttempts<AuthenticatedUser> logins = logins(limits(100, WINDOW, 0, Duration.ZERO));
        for (int i = 0; i < 10; i++) {
            assertThat(logins.attempt(ip("198.51.100." + i), ALICE, "wrong " + i)).isInstanceOf(Refused.class);
        }
        assertThat(logins.attempt(ip("198.51.100.99"), ALICE, PASSWORD)).isInstanceOf(Accepted.class);
    }

    @Test
    void aDatabaseThatCannotBeReachedMakesTheAttemptUnavailable() {
        HikariDataSource closed = new HikariDataSource();
        closed.setJdbcUrl(testDatabase.url());
        closed.setUsername("postgres");
        closed.close();
        Database down = new Database(closed);
        LoginAttempts<AuthenticatedUser> logins = new LoginThrottle(down, limits(3, WINDOW, 0, Duration.ZERO), meters)
                .attempts(new Authenticator(down), LoginProtocol.SMTP);

        assertThat(logins.attempt(ip("192.0.2.40"), ALICE, PASSWORD)).isInstanceOf(Unavailable.class);
        assertThat(meters.get("postroom.auth.failures").counter().count()).isZero();
    }

    @Test
    void networkRangesParseAndMatchIpv4AndIpv6() throws Exception {
        assertThat(NetworkRange.parse("192.0.2.0/25").contains(ip("192.0.2.127"))).isTrue();
        assertThat(NetworkRange.parse("192.0.2.0/25").contains(ip("192.0.2.128"))).isFalse();
        assertThat(NetworkRange.parse("2001:db8::/32").contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(NetworkRange.parse("2001:db8::/32").contains(ip("192.0.2.1"))).isFalse();
        assertThat(NetworkRange.parse("192.0.2.1").contains(ip("192.0.2.1"))).isTrue();
        assertThat(NetworkRange.parse("0.0.0.0/0").contains(ip("203.0.113.5"))).isTrue();
        for (String bad : List.of("192.0.2.0/33", "mail.example.com", "10.0.0.0/x", "")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetworkRange.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(NetworkRange.clientOf(ip("2001:db8:1:2:3:4:5:6")).cidr()).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(NetworkRange.clientOf(ip("192.0.2.1")).cidr()).isEqualTo("192.0.2.1/32");
    }

    private LoginAttempts<AuthenticatedUser> logins(LoginLimits limits) {
        return throttle(limits).attempts(new Authenticator(testDatabase.database()), LoginProtocol.SMTP);
    }

    private LoginThrottle throttle(LoginLimits limits) {
        return new LoginThrottle(testDatabase.database(), limits, meters);
    }

    /** {@code maxFailures} per client, 3 failures per account before it waits, up to {@code accountMaxDelay}. */
    private static LoginLimits limits(int maxFailures, Duration window, int delayMillis, Duration accountMaxDelay) {
        return new LoginLimits(maxFailures, window, Duration.ofMillis(delayMillis), 3, WINDOW, accountMaxDelay, List.of());
    }

    private static <T> List<T> inParallel(int count, IntFunction<Supplier<T>> task) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CyclicBarrier start = new CyclicBarrier(count);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Supplier<T> call = task.apply(i);
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Tries {@code attempt} every 100 ms until {@code done} holds, for at most 10 seconds. */
    private static LoginResult<AuthenticatedUser> eventually(Supplier<LoginResult<AuthenticatedUser>> attempt,
            Predicate<LoginResult<AuthenticatedUser>> done) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(attempt::get, done);
    }

    private static Duration retryAfter(LoginResult<?> result) {
        assertThat(result).isInstanceOf(Throttled.class);
        return ((Throttled<?>) result).retryAfter();
    }

    private long rows(String table) {
        return JdbcClient.create(testDatabase.dataSource()).sql("select count(*) from " + table).query(Long.class).single();
    }

    private int clientFailures(String network) {
        return JdbcClient.create(testDatabase.dataSource())
                .sql("select failures from login_client where network = cast(? as cidr)").param(network)
                .query(Integer.class).single();
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** The mail users, counting how often a password was actually checked. */
    private static final class CountingCredentials implements Credentials<AuthenticatedUser> {
        private final Authenticator authenticator;
        private final AtomicInteger checks = new AtomicInteger();

        CountingCredentials(Authenticator authenticator) {
            this.authenticator = authenticator;
        }

        @Override
        public Verdict<AuthenticatedUser> check(LoginRequest request) {
            checks.incrementAndGet();
            return authenticator.check(request);
        }

        int count() {
            return checks.get();
        }
    }
}
