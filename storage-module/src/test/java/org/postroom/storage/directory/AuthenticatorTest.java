package org.postroom.storage.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postroom.storage.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuthenticatorTest {

    private static final String PASSWORD = "correct horse battery";

    private static TestDatabase testDatabase;
    private static Authenticator authenticator;

    @BeforeAll
    static void createUsers() {
        testDatabase = TestDatabase.create();
        new DomainRepository(testDatabase.database(), "postroom").create("example.com");
        UserRepository users = new UserRepository(testDatabase.database());
        users.create("alice@example.com", PASSWORD, null);
        users.create("eve@example.com", PASSWORD, null);
        users.setEnabled("eve@example.com", false);
        authenticator = new Authenticator(testDatabase.database());
    }

    @AfterAll
    static void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void theRightPasswordLogsInWithTheCanonicalAddress() {
        AuthenticatedUser alice = authenticator.verify("Alice@EXAMPLE.com", PASSWORD).orElseThrow();
        assertThat(alice.address()).isEqualTo("alice@example.com");
        assertThat(alice.inboxId()).isPositive();
    }

    @Test
    void aWrongPasswordAnUnknownUserAndADisabledUserAreRefused() {
        assertThat(authenticator.verify("alice@example.com", "wrong password!")).isEmpty();
        assertThat(authenticator.verify("alice@example.com", null)).isEmpty();
        assertThat(authenticator.verify("nobody@example.com", PASSWORD)).isEmpty();
        assertThat(authenticator.verify("alice", PASSWORD)).isEmpty();
        assertThat(authenticator.verify("eve@example.com", PASSWORD)).isEmpty();
    }

    /**
     * PostgreSQL's text holds no NUL, and a login with one names no one: it is refused like an
     * unknown user, not failed as a database error (found by Pop3CommandsFuzzTest: a NUL in USER).
     */
    @Test
    void aLoginWithANulNamesNoOne() {
        assertThat(authenticator.verify("alice@exampl\u0000e.com", PASSWORD)).isEmpty();
        assertThat(authenticator.verify("ali\u0000ce@example.com", PASSWORD)).isEmpty();
    }

    @Test
    void aPlusAddressIsNotALogin() {
        assertThat(authenticator.verify("alice+tag@example.com", PASSWORD)).isEmpty();
    }

    @Test
    void onlyABcryptHashEverAuthenticates() {
        UserRepository users = new UserRepository(testDatabase.database());
        users.create("gina@example.com", PASSWORD, null);
        users.create("hank@example.com", PASSWORD, null);
        String bcrypt = storedHash("gina@example.com");
        // a hash put in by hand or by another tool: its algorithm is not ours to trust
        setStoredHash("gina@example.com", "{noop}" + PASSWORD);
        setStoredHash("hank@example.com", bcrypt.substring("{bcrypt}".length()));

        assertThat(authenticator.verify("gina@example.com", PASSWORD)).isEmpty();
        assertThat(authenticator.verify("hank@example.com", PASSWORD)).isEmpty();
    }

    @Test
    void aPasswordOver72BytesNeverMatchesEvenWhenItsFirst72BytesDo() {
        UserRepository users = new UserRepository(testDatabase.database());
        String exactly72 = "0123456789abcdefghij".repeat(4).substring(0, 72);
        users.create("ivan@example.com", exactly72, null);

        assertThat(authenticator.verify("ivan@example.com", exactly72)).isPresent();
        // bcrypt reads only 72 bytes; nobody can have set the longer one, so it is not this user's password
        assertThat(authenticator.verify("ivan@example.com", exactly72 + "!")).isEmpty();
    }

    private static String storedHash(String address) {
        return JdbcClient.create(testDatabase.dataSource())
                .sql("select password_hash from mail_user where local_part = ?")
                .param(address.substring(0, address.indexOf('@'))).query(String.class).single();
    }

    private static void setStoredHash(String address, String hash) {
        JdbcClient.create(testDatabase.dataSource()).sql("update mail_user set password_hash = ? where local_part = ?")
                .params(hash, address.substring(0, address.indexOf('@'))).update();
    }

    @Test
    void anUnknownUserCostsAsMuchTimeAsAWrongPassword() {
        authenticator.verify("alice@example.com", "warm up the encoder");
        // timed in turns, so that a machine busy with other work slows both alike
        long[] wrongPassword = new long[7];
        long[] unknownUser = new long[7];
        for (int i = 0; i < 7; i++) {
            wrongPassword[i] = nanos(() -> authenticator.verify("alice@example.com", "wrong password!"));
            unknownUser[i] = nanos(() -> authenticator.verify("nobody@example.com", "wrong password!"));
        }
        // a bcrypt check takes tens of milliseconds; skipping it for unknown users would show as ~1 ms
        assertThat(median(unknownUser)).isGreaterThan(median(wrongPassword) / 2);
    }

    @Test
    void aRememberedLoginIsCheapButAChangedPasswordOrDisabledUserTakesEffectAtOnce() {
        UserRepository users = new UserRepository(testDatabase.database());
        users.create("frank@example.com", PASSWORD, null);
        assertThat(authenticator.verify("frank@example.com", PASSWORD)).isPresent();
        long remembered = medianNanos(() -> authenticator.verify("frank@example.com", PASSWORD));
        long wrong = medianNanos(() -> authenticator.verify("frank@example.com", "wrong password!"));
        assertThat(remembered).isLessThan(wrong / 2);

        users.changePassword("frank@example.com", "a brand new phrase");
        assertThat(authenticator.verify("frank@example.com", PASSWORD)).isEmpty();
        assertThat(authenticator.verify("frank@example.com", "a brand new phrase")).isPresent();
        users.setEnabled("frank@example.com", false);
        assertThat(authenticator.verify("frank@example.com", "a brand new phrase")).isEmpty();
    }

    @Test
    void aRememberedLoginIsForgottenAfterItsTime() {
        AtomicLong nanos = new AtomicLong();
        Authenticator timed = new Authenticator(testDatabase.database(), Authenticator.MAX_REMEMBERED, nanos::get);
        assertThat(timed.verify("alice@example.com", PASSWORD)).isPresent();
        long remembered = medianNanos(() -> timed.verify("alice@example.com", PASSWORD));

        nanos.addAndGet(Authenticator.REMEMBER.plusSeconds(1).toNanos());
        long start = System.nanoTime();
        assertThat(timed.verify("alice@example.com", PASSWORD)).isPresent();
        long checkedAgain = System.nanoTime() - start;
        assertThat(checkedAgain).isGreaterThan(2 * remembered);
    }

    @Test
    void theMemoryExpiresEachLoginAfterItsTimeAndNeverHoldsMoreThanItsBound() {
        UserRepository users = new UserRepository(testDatabase.database());
        for (String user : new String[] { "lena", "kim", "judy" }) {
            users.create(user + "@example.com", PASSWORD, null);
        }
        AtomicLong nanos = new AtomicLong();
        Authenticator bounded = new Authenticator(testDatabase.database(), 2, nanos::get);

        assertThat(bounded.verify("lena@example.com", PASSWORD)).isPresent();
        assertThat(bounded.verify("kim@example.com", PASSWORD)).isPresent();
        assertThat(bounded.rememberedLogins()).isEqualTo(2);
        // full: one more makes room for itself instead of wiping everything (as clear() did)
        assertThat(bounded.verify("judy@example.com", PASSWORD)).isPresent();
        assertThat(bounded.rememberedLogins()).isEqualTo(2);

        nanos.addAndGet(Authenticator.REMEMBER.minusSeconds(1).toNanos());
        assertThat(bounded.rememberedLogins()).isEqualTo(2);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(bounded.rememberedLogins()).isZero();
    }

    private static long medianNanos(Supplier<?> call) {
        long[] times = new long[5];
        for (int i = 0; i < times.length; i++) {
            times[i] = nanos(call);
        }
        return median(times);
    }

    private static long nanos(Supplier<?> call) {
        long start = System.nanoTime();
        call.get();
        return System.nanoTime() - start;
    }

    private static long median(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
