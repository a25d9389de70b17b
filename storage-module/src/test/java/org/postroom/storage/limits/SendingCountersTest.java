package org.postroom.storage.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.Database;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sending counters, limits and suspensions over a real PostgreSQL, with time given by the test. */
class SendingCountersTest {

    private static final Instant T0 = Instant.parse("2031-03-01T08:10:00Z");
    private static final String ALICE = "alice@example.com";
    private static final SendingPolicy LOCK_AFTER_3 = new SendingPolicy(SendingLimits.NONE, 3);

    private TestDatabase testDatabase;
    private Database db;
    private SendingCounters counters;
    private SendingLimitSettings settings;
    private long alice;

    @BeforeEach
    void createDatabase() {
        testDatabase = TestDatabase.create();
        db = testDatabase.database();
        new DomainRepository(db, "postroom").create("example.com");
        alice = new UserRepository(db).create(ALICE, "alice's long secret 1", null).id();
        counters = new SendingCounters(db);
        settings = new SendingLimitSettings(db);
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void theUsersOwnLimitsComeBeforeTheDomainsAndTheDomainsBeforeTheServers() {
        SendingPolicy server = new SendingPolicy(new SendingLimits(100, 1000, 50, 2000), 3);
        assertThat(counters.standing(ALICE, T0).effective(server)).isEqualTo(new SendingLimits(100, 1000, 50, 2000));
        settings.setForDomain("example.com", new SendingLimits(10, null, null, 500));
        settings.setForUser(ALICE, new SendingLimits(null, null, 5, 400));
        assertThat(settings.ofDomain("EXAMPLE.com")).isEqualTo(new SendingLimits(10, null, null, 500));
        assertThat(counters.standing(alice, T0).effective(server)).isEqualTo(new SendingLimits(10, 1000, 5, 400));
        settings.setForUser(ALICE, SendingLimits.NONE);
        assertThat(counters.standing(ALICE, T0).own()).isEqualTo(SendingLimits.NONE);
        assertThatThrownBy(() -> new SendingLimits(0, null, null, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("messagesPerHour must be at least 1");
        assertThatThrownBy(() -> settings.setForUser("nobody@example.com", SendingLimits.NONE))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> settings.ofDomain("nowhere.test")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void onlyCommittedMessagesCountAndTheOneOverTheHourlyLimitIsRolledBack() throws IOException {
        SendingLimits twoPerHour = new SendingLimits(2, null, null, null);
        send(twoPerHour, 3, T0);
        send(twoPerHour, 1, T0.plusSeconds(60));
        long stored = storedMessages();
        assertThatThrownBy(() -> send(twoPerHour, 1, T0.plusSeconds(120))).isInstanceOf(LimitExceeded.class)
                .extracting(e -> ((LimitExceeded) e).limit()).isEqualTo(SendingLimit.MESSAGES_PER_HOUR);
        // the refused message left nothing behind: neither its bytes nor its count
        assertThat(storedMessages()).isEqualTo(stored);
        assertThat(counters.standing(ALICE, T0.plusSeconds(120)).usage())
                .isEqualTo(new SendingUsage(2, 2, 4, 0, 0));
        // the next clock hour starts a new hour, the day goes on counting
        send(twoPerHour, 1, T0.plus(Duration.ofMinutes(50)));
        assertThat(counters.standing(ALICE, T0.plus(Duration.ofMinutes(50))).usage())
                .isEqualTo(new SendingUsage(1, 3, 5, 0, 0));
    }

    @Test
    void theDayIsTheLast24ClockHoursForMessagesAndRecipientsAlike() throws IOException {
        send(new SendingLimits(null, 2, null, 10), 6, T0);
        send(new SendingLimits(null, 2, null, 10), 4, T0.plus(Duration.ofHours(5)));
        assertThatThrownBy(() -> send(new SendingLimits(null, 3, null, 10), 1, T0.plus(Duration.ofHours(6))))
                .extracting(e -> ((LimitExceeded) e).limit()).isEqualTo(SendingLimit.RECIPIENTS_PER_DAY);
        assertThatThrownBy(() -> send(new SendingLimits(null, 2, null, null), 1, T0.plus(Duration.ofHours(23))))
                .extracting(e -> ((LimitExceeded) e).limit()).isEqualTo(SendingLimit.MESSAGES_PER_DAY);
        // 24 hours after the first message's hour, it no longer counts (and its row is gone)
        send(new SendingLimits(null, 2, null, 10), 1, T0.plus(Duration.ofHours(24)));
        assertThat(counters.standing(ALICE, T0.plus(Duration.ofHours(24))).usage())
                .isEqualTo(new SendingUsage(1, 2, 5, 0, 0));
        assertThat(JdbcClient.create(db.dataSource()).sql("select count(*) from sending_count").query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void twoCommitsAtOnceTakeTurnsOnTheCounterSoOnlyOneFitsUnderTheLimit() throws Exception {
        SendingLimits onePerHour = new SendingLimits(1, null, null, null);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = List.of(1, 2).stream().map(n -> pool.submit(() -> {
                start.await();
                try {
                    send(onePerHour, 1, T0);
                    return true;
                } catch (LimitExceeded e) {
                    return false;
                }
            })).toList();
            start.countDown();
            assertThat(List.of(results.get(0).get(), results.get(1).get())).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdownNow();
        }
        assertThat(counters.standing(ALICE, T0).usage().messagesThisHour()).isEqualTo(1);
    }

    @Test
    void theThirdRefusalOfTheDaySuspendsOnceAndALiftForgetsTheRefusals() {
        assertThat(counters.refused(alice, false, LOCK_AFTER_3, T0)).isEmpty();
        assertThat(counters.refused(alice, false, LOCK_AFTER_3, T0.plus(Duration.ofHours(3)))).isEmpty();
        // spam rejections count on their own
        assertThat(counters.refused(alice, true, LOCK_AFTER_3, T0.plus(Duration.ofHours(4)))).isEmpty();
        Optional<Suspension> suspended = counters.refused(alice, false, LOCK_AFTER_3, T0.plus(Duration.ofHours(5)));
        assertThat(suspended).contains(new Suspension(ALICE, T0.plus(Duration.ofHours(5)), SuspensionReason.LIMIT_HITS));
        // a fourth refusal finds the suspension in force and puts in none
        assertThat(counters.refused(alice, false, LOCK_AFTER_3, T0.plus(Duration.ofHours(5)))).isEmpty();
        Suspensions suspensions = new Suspensions(db);
        assertThat(suspensions.inForce()).containsExactly(suspended.get());
        assertThat(counters.standing(ALICE, T0.plus(Duration.ofHours(5))).suspension()).isEqualTo(suspended);

        suspensions.lift(ALICE, "admin", T0.plus(Duration.ofHours(6)));
        assertThat(suspensions.inForce()).isEmpty();
        assertThat(counters.standing(ALICE, T0.plus(Duration.ofHours(6))).usage().limitHits()).isZero();
        assertThat(JdbcClient.create(db.dataSource())
                .sql("select lifted_by from sending_suspension where lifted_at is not null").query(String.class).list())
                .containsExactly("admin");
        assertThatThrownBy(() -> suspensions.lift(ALICE, "admin", T0.plus(Duration.ofHours(7))))
                .isInstanceOf(NotFoundException.class).hasMessage("the sending of " + ALICE + " is not suspended");
        // after the lift it takes three new refusals again
        assertThat(counters.refused(alice, false, LOCK_AFTER_3, T0.plus(Duration.ofHours(7)))).isEmpty();
    }

    @Test
    void refusalsSpreadOverMoreThanADayAndAPolicyOfZeroNeverSuspend() {
        counters.refused(alice, false, LOCK_AFTER_3, T0);
        counters.refused(alice, false, LOCK_AFTER_3, T0.plus(Duration.ofHours(1)));
        assertThat(counters.refused(alice, false, LOCK_AFTER_3, T0.plus(Duration.ofHours(24)))).isEmpty();
        SendingPolicy never = new SendingPolicy(SendingLimits.NONE, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(counters.refused(alice, true, never, T0)).isEmpty();
        }
    }

    private void send(SendingLimits limits, int recipients, Instant now) throws IOException {
        List<Recipient> to = java.util.stream.IntStream.range(0, recipients)
                .mapToObj(n -> Recipient.remote("r" + n + "@elsewhere.test")).toList();
        new MailStore(db).deliver(ALICE, MessageOrigin.SUBMITTED, to,
                new ByteArrayInputStream("Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)), List.of(),
                Optional.of(new SendingCharge(alice, recipients, limits, now)));
    }

    private long storedMessages() {
        return JdbcClient.create(db.dataSource()).sql("select count(*) from message").query(Long.class).single();
    }
}
