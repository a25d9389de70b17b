package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.dkim.MessageSigner;
import org.postroom.smtp.testing.TestSmtpServer.Transaction;
import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.queue.DeliveryAttempt;
import org.postroom.storage.queue.DeliveryAttempt.Outcome;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;
import org.postroom.storage.queue.QueueSignal;
import org.postroom.testing.LogCapture;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The worker pools as processes run them: threads, LISTEN/NOTIFY, leases, several pools on one database. */
class DeliveryWorkersTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int WORKERS = 4;
    private static final String LEASED_WRITES = "org.postroom.smtp.outbound.LeasedWrites";

    private final DeliveryFixture fixture = new DeliveryFixture().route("far.example");
    @RegisterExtension
    final LogCapture log = new LogCapture();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        fixture.close();
    }

    @Test
    void aNewEntryGoesOutAtOnceAlthoughIdleWorkersPollOnlyEveryMinute() {
        DeliveryWorkers workers = startPool(fixture.database.dataSource(), "a", Duration.ofMinutes(5),
                Duration.ofMinutes(1));
        awaitAllIdle(workers);
        Instant queued = Instant.now();
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "now", "hi\r\n"),
                "bob@far.example");
        await(() -> fixture.smtp.transactions().size() == 1);
        // far below the poll interval: the NOTIFY of the storing transaction woke a worker
        assertThat(Duration.between(queued, Instant.now())).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aDeferredEntryIsRetriedOnScheduleAndThenDelivered() {
        fixture.retries = new RetrySchedule(List.of(Duration.ofSeconds(1)), Duration.ofDays(1));
        fixture.smtp.nextDataReplies("451 4.3.0 greylisted, come back soon");
        startPool(fixture.database.dataSource(), "a", Duration.ofMinutes(5), Duration.ofMillis(200));
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "grey", "hi\r\n"),
                "bob@far.example");
        await(() -> fixture.smtp.transactions().size() == 1);
        await(() -> fixture.queue.summary().depth() == 0);
        assertThat(fixture.queue.recentFailures(10)).isEmpty();
        assertThat(fixture.smtp.mailCommands()).isEqualTo(2);
    }

    @Test
    void twoProcessesOnOneDatabaseDeliverEveryEntryExactlyOnce() {
        int messages = 30;
        for (int i = 0; i < messages; i++) {
            fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "m" + i, "hi\r\n"),
                    "a" + i + "@far.example", "b" + i + "@far.example");
        }
        startPool(secondDataSource(), "process-2", Duration.ofMinutes(5), Duration.ofMillis(200));
        startPool(fixture.database.dataSource(), "process-1", Duration.ofMinutes(5), Duration.ofMillis(200));

        await(() -> fixture.queue.summary().depth() == 0);
        List<String> received = fixture.smtp.transactions().stream().flatMap(t -> t.recipients().stream()).toList();
        assertThat(received).hasSize(2 * messages).doesNotHaveDuplicates();
        // both recipients of a message always share its transaction
        assertThat(fixture.smtp.transactions()).hasSize(messages)
                .allSatisfy(t -> assertThat(t.recipients()).hasSize(2));
    }

    @Test
    void entriesOfAWorkerThatDiedAreDeliveredWhenItsLeaseRunsOut() {
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "orphan", "hi\r\n"),
                "bob@far.example");
        // a worker claims the entry and dies before doing anything with it
        assertThat(fixture.queue.claimNext("dead-worker", 10, Duration.ofSeconds(2))).hasSize(1);
        startPool(fixture.database.dataSource(), "a", Duration.ofMinutes(5), Duration.ofMillis(200));

        await(() -> fixture.smtp.transactions().size() == 1);
        await(() -> fixture.queue.summary().depth() == 0);
    }

    @Test
    void theConsoleSeesAnEntryInFlightCannotDeleteItAndFindsItsAttemptAfterwards() {
        fixture.smtp.holdDataReply(Duration.ofSeconds(3));
        startPool(fixture.database.dataSource(), "a", Duration.ofMinutes(5), Duration.ofMillis(200));
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "console", "hi\r\n"),
                "bob@far.example");
        await(() -> fixture.smtp.mailCommands() == 1);

        QueueEntry inFlight = fixture.queue.list(0, 10).get(0);
        assertThat(inFlight.state()).isEqualTo("delivering");
        assertThatThrownBy(() -> fixture.queue.delete(inFlight.id())).isInstanceOf(ConflictException.class);
        fixture.queue.retryNow(inFlight.id());

        await(() -> fixture.queue.find(inFlight.id()).isEmpty());
        assertThat(fixture.queue.attempts(inFlight.id())).extracting(DeliveryAttempt::outcome)
                .containsExactly(Outcome.DELIVERED);
        assertThat(fixture.smtp.transactions()).extracting(Transaction::recipients).hasSize(1);
    }

    /**
     * The remote server took the message while the database was away: the outcome is written once
     * the database is back, within the lease, and the message is not sent a second time when the
     * lease runs out.
     */
    @Test
    void anOutcomeWaitsForTheDatabaseAndTheMessageIsNotSentTwice() throws Exception {
        fixture.smtp.holdDataReply(Duration.ofSeconds(2));
        // one worker, busy with this delivery: what it logs about the database is about its outcome;
        // its pool waits a second for a connection, as postroom.smtp.storage-timeout makes it do
        startPool(secondDataSource(Duration.ofSeconds(1)), "a", Duration.ofSeconds(12), Duration.ofMillis(200), 1);
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "outage", "hi\r\n"),
                "bob@far.example");
        await(() -> fixture.smtp.mailCommands() == 1);

        try (AutoCloseable outage = fixture.database.cutOff()) {
            Awaitility.await().atMost(PATIENCE).until(() -> log.messages(LEASED_WRITES).stream()
                    .anyMatch(line -> line.contains("waits for the database"))
                    || log.messages(DeliveryWorkers.class.getName()).stream()
                            .anyMatch(line -> line.contains("the database failed")));
        }

        // the test's own pooled connections died with the outage too: the first look may fail
        Awaitility.await().atMost(PATIENCE).ignoreExceptions().until(() -> fixture.queue.summary().depth() == 0);
        assertThat(fixture.smtp.transactions()).hasSize(1);
    }

    @Test
    void aDeferredEntryRetriedNowByTheConsoleGoesOutAtOnce() {
        fixture.smtp.nextDataReplies("451 4.3.0 not now");
        DeliveryWorkers workers = startPool(fixture.database.dataSource(), "a", Duration.ofMinutes(5),
                Duration.ofMinutes(1));
        awaitAllIdle(workers);
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "retry-now", "hi\r\n"),
                "bob@far.example");
        await(() -> fixture.queue.list(0, 1).stream().anyMatch(e -> e.attempts() == 1 && e.state().equals("queued")));

        fixture.queue.retryNow(fixture.queue.list(0, 1).get(0).id());
        await(() -> fixture.smtp.transactions().size() == 1);
    }

    private DeliveryWorkers startPool(DataSource dataSource, String name, Duration lease, Duration pollInterval) {
        return startPool(dataSource, name, lease, pollInterval, WORKERS);
    }

    private DeliveryWorkers startPool(DataSource dataSource, String name, Duration lease, Duration pollInterval,
            int workerCount) {
        Database db = new Database(dataSource);
        DeliveryQueue queue = new DeliveryQueue(db);
        OutboundDelivery delivery = OutboundDelivery.create(fixture.settings(), fixture.resolver(),
                new MessageSigner(new DomainRepository(db, "postroom")), fixture.senderRewriting(), queue, new MailStore(db),
                new MailDirectory(db), Clock.systemUTC(), new SimpleMeterRegistry());
        DeliveryWorkers workers = new DeliveryWorkers(queue, new QueueSignal(dataSource), delivery,
                new DeliveryWorkers.Settings(workerCount, name, lease, pollInterval, 100));
        workers.start();
        closing.add(workers);
        return workers;
    }

    /** A second connection pool on the same database: another Postroom process, as far as PostgreSQL can tell. */
    private DataSource secondDataSource() {
        return secondDataSource(Duration.ofSeconds(30));
    }

    /** A pool of its own on the test's database, as another process has; waiting {@code connectionTimeout} for a connection. */
    private DataSource secondDataSource(Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(fixture.database.url());
        config.setUsername("postgres");
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        HikariDataSource dataSource = new HikariDataSource(config);
        closing.add(dataSource);
        return dataSource;
    }

    /**
     * Until every worker of the pool found the queue empty and sleeps: an entry queued now can only
     * be found after a wake-up by NOTIFY (or after the poll interval). A fixed pause could end
     * before the workers' first look, which would find the entry without any NOTIFY.
     */
    private static void awaitAllIdle(DeliveryWorkers workers) {
        Awaitility.await().atMost(PATIENCE).until(workers::idleWorkers, idle -> idle == WORKERS);
    }

    private static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(PATIENCE).until(condition::getAsBoolean);
    }
}
