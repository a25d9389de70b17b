package org.postroom.storage.greylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.Database;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.greylist.Attempt.Deferred;
import org.postroom.storage.greylist.Attempt.Known;
import org.postroom.storage.greylist.Attempt.Retried;
import org.postroom.storage.greylist.Attempt.Vouched;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The greylist over a real PostgreSQL, with time given by the test: no test waits for a delay. */
class GreylistTest {

    private static final Duration DELAY = Duration.ofMinutes(5);
    private static final Duration LIFETIME = Duration.ofDays(36);
    private static final Instant T0 = Instant.parse("2031-03-01T08:00:00Z");
    private static final BooleanSupplier NOT_AUTHENTICATED = () -> false;

    private TestDatabase testDatabase;
    private Greylist greylist;

    @BeforeEach
    void createDatabase() {
        testDatabase = TestDatabase.create();
        greylist = new Greylist(testDatabase.database(), DELAY, LIFETIME);
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void aFirstAttemptIsDeferredAnEarlyRetryTooAndARetryAfterTheDelayPassesForGood() throws Exception {
        Triplet triplet = triplet("192.0.2.10", "news@shop.test", "alice@example.com");
        assertThat(greylist.attempt(triplet, T0, NOT_AUTHENTICATED)).isEqualTo(new Deferred(T0.plus(DELAY)));
        // an early retry does not move the first attempt's time
        assertThat(greylist.attempt(triplet, T0.plus(DELAY).minusSeconds(1), NOT_AUTHENTICATED))
                .isEqualTo(new Deferred(T0.plus(DELAY)));
        assertThat(greylist.attempt(triplet, T0.plus(DELAY).plusSeconds(7), NOT_AUTHENTICATED))
                .isEqualTo(new Retried(DELAY.plusSeconds(7)));
        assertThat(greylist.attempt(triplet, T0.plus(DELAY).plusSeconds(8), NOT_AUTHENTICATED)).isEqualTo(new Known());
        assertThat(greylist.attempt(triplet, T0.plus(Duration.ofDays(20)), NOT_AUTHENTICATED)).isEqualTo(new Known());
    }

    @Test
    void aPassLastsThePassLifetimeAfterTheLastPassThenTheTripletStartsOver() throws Exception {
        Triplet triplet = passed(triplet("192.0.2.10", "news@shop.test", "alice@example.com"), T0);
        Instant passedAt = T0.plus(DELAY);
        assertThat(greylist.attempt(triplet, passedAt.plus(LIFETIME).minusSeconds(1), NOT_AUTHENTICATED))
                .isEqualTo(new Known());
        // that pass renewed it
        Instant renewed = passedAt.plus(LIFETIME).minusSeconds(1);
        assertThat(greylist.attempt(triplet, renewed.plus(LIFETIME).minusSeconds(1), NOT_AUTHENTICATED))
                .isEqualTo(new Known());
        Instant lapsed = renewed.plus(LIFETIME).minusSeconds(1).plus(LIFETIME);
        assertThat(greylist.attempt(triplet, lapsed, NOT_AUTHENTICATED)).isEqualTo(new Deferred(lapsed.plus(DELAY)));
    }

    @Test
    void aPassIsWrittenDownAtMostOnceADay() throws Exception {
        Triplet triplet = passed(triplet("192.0.2.10", "news@shop.test", "alice@example.com"), T0);
        Instant passedAt = T0.plus(DELAY);
        greylist.attempt(triplet, passedAt.plus(Duration.ofHours(23)), NOT_AUTHENTICATED);
        assertThat(passedAt()).isEqualTo(passedAt);
        greylist.attempt(triplet, passedAt.plus(Duration.ofHours(25)), NOT_AUTHENTICATED);
        assertThat(passedAt()).isEqualTo(passedAt.plus(Duration.ofHours(25)));
    }

    @Test
    void aFirstAttemptNotRetriedWithinTheRetryWindowIsForgotten() throws Exception {
        Triplet triplet = triplet("192.0.2.10", "news@shop.test", "alice@example.com");
        greylist.attempt(triplet, T0, NOT_AUTHENTICATED);
        Instant late = T0.plus(Greylist.RETRY_WINDOW).plusSeconds(1);
        assertThat(greylist.attempt(triplet, late, NOT_AUTHENTICATED)).isEqualTo(new Deferred(late.plus(DELAY)));
        assertThat(greylist.attempt(triplet, late.plus(DELAY), NOT_AUTHENTICATED)).isEqualTo(new Retried(DELAY));
    }

    @Test
    void theClientCountsByItsIpv4SlashTwentyFourOrIpv6SlashSixtyFourAndAddressesInAnyCase() throws Exception {
        assertThat(triplet("192.0.2.10", "News@Shop.TEST", "Alice@Example.com"))
                .isEqualTo(triplet("192.0.2.250", "news@shop.test", "alice@example.com"))
                .isEqualTo(new Triplet("192.0.2.0/24", "news@shop.test", "alice@example.com"));
        assertThat(triplet("192.0.3.10", "news@shop.test", "alice@example.com").clientNetwork()).isEqualTo("192.0.3.0/24");
        assertThat(triplet("2001:db8:1:2::5", "news@shop.test", "alice@example.com"))
                .isEqualTo(triplet("2001:db8:1:2:ffff:ffff:ffff:1", "news@shop.test", "alice@example.com"));
        assertThat(triplet("2001:db8:1:3::5", "", "alice@example.com").clientNetwork())
                .isEqualTo("2001:db8:1:3:0:0:0:0/64");

        passed(triplet("192.0.2.10", "news@shop.test", "alice@example.com"), T0);
        Instant later = T0.plus(Duration.ofHours(1));
        assertThat(greylist.attempt(triplet("192.0.2.99", "NEWS@shop.test", "alice@EXAMPLE.com"), later,
                NOT_AUTHENTICATED)).isEqualTo(new Known());
        assertThat(greylist.attempt(triplet("2001:db8::1", "news@shop.test", "alice@example.com"), later,
                NOT_AUTHENTICATED)).isInstanceOf(Deferred.class);
    }

    @Test
    void anAuthenticatedSenderOfADomainThatPassedBeforePassesAtOnce() throws Exception {
        passed(triplet("192.0.2.10", "news@shop.test", "alice@example.com"), T0);
        Instant later = T0.plus(Duration.ofHours(1));
        Triplet other = triplet("198.51.100.7", "billing@shop.test", "bob@example.com");
        assertThat(greylist.attempt(other, later, NOT_AUTHENTICATED)).isEqualTo(new Deferred(later.plus(DELAY)));
        // an early retry of a waiting triplet may be vouched for too
        assertThat(greylist.attempt(other, later.plusSeconds(10), () -> true)).isEqualTo(new Vouched("shop.test"));
        assertThat(greylist.attempt(other, later.plusSeconds(11), NOT_AUTHENTICATED)).isEqualTo(new Known());
        assertThat(greylist.attempt(triplet("203.0.113.1", "x@shop.test", "carol@example.com"), later, () -> true))
                .isEqualTo(new Vouched("shop.test"));
    }

    @Test
    void theSendersAuthenticationIsAskedOnlyForADomainThatPassedAndNeverForTheNullSender() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        BooleanSupplier spf = () -> asked.incrementAndGet() > 0;
        assertThat(greylist.attempt(triplet("192.0.2.10", "news@unknown.test", "alice@example.com"), T0, spf))
                .isInstanceOf(Deferred.class);
        passed(triplet("192.0.2.10", "", "alice@example.com"), T0);
        assertThat(greylist.attempt(triplet("192.0.2.10", "", "bob@example.com"), T0.plus(DELAY), spf))
                .isInstanceOf(Deferred.class);
        assertThat(asked).hasValue(0);
        // a known triplet needs no authentication either
        passed(triplet("192.0.2.10", "news@shop.test", "alice@example.com"), T0);
        assertThat(greylist.attempt(triplet("192.0.2.10", "news@shop.test", "alice@example.com"),
                T0.plus(DELAY).plusSeconds(1), spf)).isEqualTo(new Known());
        assertThat(asked).hasValue(0);
    }

    @Test
    void twoProcessesOnOneDatabaseShareTheTriplets() throws Exception {
        // the other process's own connections to the same database
        Greylist other = new Greylist(new Database(new DriverManagerDataSource(testDatabase.url(), "postgres", "")),
                DELAY, LIFETIME);
        Triplet triplet = triplet("192.0.2.10", "news@shop.test", "alice@example.com");
        assertThat(greylist.attempt(triplet, T0, NOT_AUTHENTICATED)).isInstanceOf(Deferred.class);
        assertThat(other.attempt(triplet, T0.plusSeconds(60), NOT_AUTHENTICATED)).isEqualTo(new Deferred(T0.plus(DELAY)));
        assertThat(other.attempt(triplet, T0.plus(DELAY), NOT_AUTHENTICATED)).isEqualTo(new Retried(DELAY));
        assertThat(greylist.attempt(triplet, T0.plus(DELAY).plusSeconds(1), NOT_AUTHENTICATED)).isEqualTo(new Known());
    }

    @Test
    void expiryForgetsUnretriedFirstAttemptsAndLapsedPassesOnly() throws Exception {
        greylist.attempt(triplet("192.0.2.10", "news@shop.test", "alice@example.com"), T0, NOT_AUTHENTICATED);
        Triplet lapsed = passed(triplet("192.0.2.10", "old@shop.test", "alice@example.com"), T0);
        Instant recentTime = T0.plus(LIFETIME);
        Triplet recent = passed(triplet("192.0.2.10", "new@fresh.test", "alice@example.com"), recentTime);
        Triplet fresh = triplet("192.0.2.10", "first@fresh.test", "bob@example.com");
        Instant now = T0.plus(DELAY).plus(LIFETIME).plusSeconds(1);
        greylist.attempt(fresh, now.minusSeconds(30), NOT_AUTHENTICATED);

        assertThat(greylist.expire(now)).isEqualTo(2);
        assertThat(rows("greylist_triplet")).isEqualTo(2);
        assertThat(greylist.expire(now)).isZero();
        assertThat(greylist.attempt(recent, now, NOT_AUTHENTICATED)).isEqualTo(new Known());
        assertThat(greylist.attempt(fresh, now, NOT_AUTHENTICATED)).isEqualTo(new Deferred(now.minusSeconds(30).plus(DELAY)));
        assertThat(greylist.attempt(lapsed, now, NOT_AUTHENTICATED)).isEqualTo(new Deferred(now.plus(DELAY)));
        // shop.test last passed at T0 + DELAY, more than the lifetime ago; fresh.test did lately
        assertThat(JdbcClient.create(testDatabase.dataSource()).sql("select domain from greylist_domain")
                .query(String.class).list()).containsExactly("fresh.test");
    }

    @Test
    void expiryGoesThroughABacklogInBatches() throws Exception {
        JdbcClient.create(testDatabase.dataSource()).sql("""
                insert into greylist_triplet (client_network, sender, recipient, first_seen)
                select '192.0.2.0/24', 'sender' || n || '@shop.test', 'alice@example.com', ?
                  from generate_series(1, 2500) n
                """).param(Timestamp.from(T0)).update();
        assertThat(greylist.expire(T0.plus(Greylist.RETRY_WINDOW))).isEqualTo(2500);
        assertThat(rows("greylist_triplet")).isZero();
    }

    @Test
    void aTripletIsReadByItsPrimaryKey() throws Exception {
        List<String> plan;
        try (Connection connection = testDatabase.dataSource().getConnection()) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            jdbc.sql("set enable_seqscan = off").update();
            plan = jdbc.sql("explain " + Greylist.READ).param("network", "192.0.2.0/24").param("sender", "a@b.test")
                    .param("recipient", "alice@example.com").param("retryCutoff", Timestamp.from(T0))
                    .param("passCutoff", Timestamp.from(T0)).query(String.class).list();
        }
        assertThat(String.join("\n", plan)).as(String.join("\n", plan)).contains("Index Scan using greylist_triplet_pkey");
    }

    @Test
    void theDelayAndTheLifetimeAreChecked() {
        assertThatThrownBy(() -> new Greylist(testDatabase.database(), Duration.ZERO, LIFETIME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        assertThatThrownBy(() -> new Greylist(testDatabase.database(), Greylist.RETRY_WINDOW, LIFETIME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        assertThatThrownBy(() -> new Greylist(testDatabase.database(), DELAY, Duration.ofHours(23)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a day or more");
    }

    /** The triplet, deferred at {@code firstSeen} and passed by its retry after the delay. */
    private Triplet passed(Triplet triplet, Instant firstSeen) {
        assertThat(greylist.attempt(triplet, firstSeen, NOT_AUTHENTICATED)).isInstanceOf(Deferred.class);
        assertThat(greylist.attempt(triplet, firstSeen.plus(DELAY), NOT_AUTHENTICATED)).isInstanceOf(Retried.class);
        return triplet;
    }

    private Instant passedAt() {
        return JdbcClient.create(testDatabase.dataSource()).sql("select passed_at from greylist_triplet")
                .query(Timestamp.class).single().toInstant();
    }

    private long rows(String table) {
        return JdbcClient.create(testDatabase.dataSource()).sql("select count(*) from " + table).query(Long.class)
                .single();
    }

    private static Triplet triplet(String client, String sender, String recipient) throws Exception {
        return Triplet.of(InetAddress.getByName(client), sender, recipient);
    }
}
