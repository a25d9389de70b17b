package org.postroom.storage.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.ConflictException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.queue.DeliveryAttempt.Outcome;
import org.springframework.jdbc.core.simple.JdbcClient;

class DeliveryQueueTest {

    private static final Duration MAX_AGE = Duration.ofDays(5);

    private TestDatabase testDatabase;
    private MailStore store;
    private DeliveryQueue queue;
    private JdbcClient sql;

    @BeforeEach
    void createQueue() {
        testDatabase = TestDatabase.create();
        store = new MailStore(testDatabase.database());
        queue = new DeliveryQueue(testDatabase.database());
        sql = JdbcClient.create(testDatabase.dataSource());
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void concurrentWorkersNeverClaimTheSameEntry() throws Exception {
        for (int i = 0; i < 200; i++) {
            enqueue("r" + i + "@far" + (i % 7) + ".example");
        }
        List<Long> all = claimConcurrently(5).stream().flatMap(List::stream).map(QueueEntry::id).toList();
        assertThat(all).hasSize(200);
        assertThat(new HashSet<>(all)).hasSize(200);
    }

    @Test
    void aClaimedEntryIsClaimedAgainOnlyAfterItsLeaseRunsOut() {
        enqueue("x@far.example");
        assertThat(queue.claimNext("a", 10, Duration.ofSeconds(1))).hasSize(1);
        assertThat(queue.claimNext("b", 10, Duration.ofSeconds(1))).isEmpty();
        TestQueue.letTimePass(testDatabase, Duration.ofMillis(1500));
        List<QueueEntry> reclaimed = queue.claimNext("b", 10, Duration.ofMinutes(1));
        assertThat(reclaimed).hasSize(1);
        assertThat(reclaimed.get(0).state()).isEqualTo("delivering");
    }

    @Test
    void aWorkerGivesBackItsOwnClaimsAndNoOneElses() {
        enqueue("x@one.example");
        enqueue("y@two.example");
        assertThat(queue.claimNext("lost-answer", 10, Duration.ofMinutes(15))).hasSize(1);
        assertThat(queue.claimNext("busy", 10, Duration.ofMinutes(15))).hasSize(1);

        assertThat(queue.releaseClaims("lost-answer")).isEqualTo(1);

        List<QueueEntry> again = queue.claimNext("other", 10, Duration.ofMinutes(15));
        assertThat(again).hasSize(1).extracting(QueueEntry::recipient).containsExactly("x@one.example");
        assertThat(queue.releaseClaims("lost-answer")).isZero();
    }

    @Test
    void aClaimedEntryKnowsWhereItsMessageCameFrom() throws IOException {
        store.deliver("", MessageOrigin.GENERATED, List.of(Recipient.remote("x@one.example")), content("dsn"));
        store.deliver("a@example.com", MessageOrigin.SUBMITTED, List.of(Recipient.remote("y@one.example")),
                content("m"));
        assertThat(queue.claimNext("w", 10, Duration.ofMinutes(1))).extracting(QueueEntry::origin)
                .containsExactly(MessageOrigin.GENERATED);
        assertThat(queue.claimNext("w", 10, Duration.ofMinutes(1))).extracting(QueueEntry::origin)
                .containsExactly(MessageOrigin.SUBMITTED);
    }

    @Test
    void anEntryReachedThroughAnAliasKnowsTheAliasAndADirectOneDoesNot() throws IOException {
        store.deliver("someone@elsewhere.example", MessageOrigin.RECEIVED, List.of(
                new Recipient("fwd@example.com", Set.of(), Set.of("x@one.example", "y@one.example")),
                new Recipient("team@example.com", Set.of(), Set.of("y@one.example")),
                Recipient.remote("z@one.example")), content("m"));
        assertThat(queue.claimNext("w", 10, Duration.ofMinutes(1))).extracting(QueueEntry::recipient,
                QueueEntry::forwardedFor).containsExactlyInAnyOrder(tuple("x@one.example", "fwd@example.com"),
                tuple("y@one.example", "fwd@example.com"), tuple("z@one.example", ""));
    }

    @Test
    void theNextGroupIsOneMessagesDueEntriesForOneDomain() throws IOException {
        store.deliver("a@example.com", MessageOrigin.SUBMITTED,
                List.of(Recipient.remote("x@one.example"), Recipient.remote("y@two.example"),
                Recipient.remote("z@one.example")), content("m"));
        enqueue("later@one.example");

        assertThat(queue.claimNext("w", 10, Duration.ofMinutes(1))).extracting(QueueEntry::recipient)
                .containsExactly("x@one.example", "z@one.example");
        assertThat(queue.claimNext("w", 10, Duration.ofMinutes(1))).extracting(QueueEntry::recipient)
                .containsExactly("y@two.example");
        assertThat(queue.claimNext("w", 10, Duration.ofMinutes(1))).extracting(QueueEntry::recipient)
                .containsExactly("later@one.example");
        assertThat(queue.claimNext("w", 10, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void aGroupLargerThanTheLimitIsClaimedInParts() throws IOException {
        store.deliver("a@example.com", MessageOrigin.SUBMITTED,
                List.of(Recipient.remote("a@one.example"), Recipient.remote("b@one.example"),
                Recipient.remote("c@one.example")), content("m"));
        assertThat(queue.claimNext("w", 2, Duration.ofMinutes(1))).hasSize(2);
        assertThat(queue.claimNext("w", 2, Duration.ofMinutes(1))).hasSize(1);
    }

    @Test
    void concurrentClaimsNeitherShareAnEntryNorSplitAGroup() throws Exception {
        for (int i = 0; i < 60; i++) {
            store.deliver("a@example.com", MessageOrigin.SUBMITTED, List.of(Recipient.remote("a" + i + "@far.example"),
                    Recipient.remote("b" + i + "@far.example")), content("m" + i));
        }
        List<List<QueueEntry>> all = claimConcurrently(10);
        assertThat(all).hasSize(60).allSatisfy(group -> assertThat(group).hasSize(2));
        assertThat(all.stream().flatMap(List::stream).map(QueueEntry::id).distinct().count()).isEqualTo(120);
    }

    @Test
    void theDelayWarningIsMarkedOnlyOnce() {
        QueueEntry entry = enqueueAndClaim("x@far.example");
        assertThat(queue.markDelayWarned(entry, Duration.ZERO)).isTrue();
        assertThat(queue.markDelayWarned(entry, Duration.ZERO)).isFalse();
    }

    @Test
    void theDelayWarningWaitsUntilTheEntryHasWaitedLongEnough() {
        QueueEntry entry = enqueueAndClaim("x@far.example");
        assertThat(queue.markDelayWarned(entry, Duration.ofHours(4))).isFalse();

        TestQueue.letTimePass(testDatabase, Duration.ofHours(4));
        assertThat(queue.markDelayWarned(entry, Duration.ofHours(4))).isTrue();
    }

    @Test
    void anEntryBeingDeliveredCannotBeDeletedUntilItsAttemptIsOver() {
        QueueEntry entry = enqueueAndClaim("x@far.example");
        assertThatThrownBy(() -> queue.delete(entry.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("being delivered");
        queue.defer(entry, Duration.ofMinutes(10), MAX_AGE, "mx.far.example:25", "451 4.3.0 try later");
        queue.delete(entry.id());
        assertThat(queue.find(entry.id())).isEmpty();
    }

    @Test
    void aDeferredEntryWaitsForItsNextAttempt() {
        QueueEntry entry = enqueueAndClaim("x@far.example");
        Optional<Instant> next = queue.defer(entry, Duration.ofHours(1), MAX_AGE, "mx.far.example:25",
                "451 4.3.0 try later");

        assertThat(queue.claimNext("w", 1, Duration.ofMinutes(1))).isEmpty();
        QueueEntry waiting = queue.find(entry.id()).orElseThrow();
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.state()).isEqualTo("queued");
        assertThat(waiting.lastError()).isEqualTo("451 4.3.0 try later");
        // an hour after the deferral, by the database's clock
        assertThat(next).contains(waiting.nextAttemptAt());
        assertThat(Duration.between(databaseNow(), waiting.nextAttemptAt()))
                .isBetween(Duration.ofMinutes(59), Duration.ofHours(1));

        queue.retryNow(entry.id());
        assertThat(queue.claimNext("w", 1, Duration.ofMinutes(1))).hasSize(1);
    }

    @Test
    void aDeferredEntryIsDueAgainOnceItsDelayHasPassedOnTheDatabasesClock() {
        QueueEntry entry = enqueueAndClaim("x@far.example");
        queue.defer(entry, Duration.ofMinutes(5), MAX_AGE, "mx.far.example:25", "451 4.3.0 try later");
        TestQueue.letTimePass(testDatabase, Duration.ofMinutes(4));
        assertThat(queue.claimNext("w", 1, Duration.ofMinutes(1))).isEmpty();

        TestQueue.letTimePass(testDatabase, Duration.ofMinutes(1));
        assertThat(queue.claimNext("w", 1, Duration.ofMinutes(1))).extracting(QueueEntry::id)
                .containsExactly(entry.id());
    }

    @Test
    void theLastAttemptIsScheduledRightAtTheMaximumAge() {
        enqueue("x@far.example");
        TestQueue.letTimePass(testDatabase, MAX_AGE.minus(Duration.ofMinutes(30)));
        QueueEntry entry = queue.claimNext("w", 1, Duration.ofMinutes(1)).get(0);

        assertThat(queue.defer(entry, Duration.ofHours(2), MAX_AGE, "mx.far.example:25", "451 4.3.0 try later"))
                .contains(entry.createdAt().plus(MAX_AGE));
    }

    @Test
    void anEntryAtItsMaximumAgeIsNotDeferredAndNothingIsWritten() {
        enqueue("x@far.example");
        TestQueue.letTimePass(testDatabase, MAX_AGE);
        QueueEntry entry = queue.claimNext("w", 1, Duration.ofMinutes(1)).get(0);

        assertThat(queue.defer(entry, Duration.ofMinutes(1), MAX_AGE, "mx.far.example:25", "451 4.3.0 try later"))
                .isEmpty();
        assertThat(queue.attempts(entry.id())).isEmpty();
        assertThat(queue.find(entry.id()).orElseThrow().attempts()).isZero();
    }

    @Test
    void completionRemovesTheEntryKeepsTheAttemptAndFreesTheMessage() throws IOException {
        enqueue("x@far.example");
        TestQueue.letTimePass(testDatabase, Duration.ofMinutes(3));
        QueueEntry entry = queue.claimNext("w", 1, Duration.ofMinutes(1)).get(0);
        try (InputStream in = queue.content(entry)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("body x@far.example");
        }
        // how long the entry waited, by the database's clock
        assertThat(queue.complete(entry, "mx.far.example:25", "250 2.0.0 queued as 42"))
                .isBetween(Duration.ofMinutes(3), Duration.ofMinutes(4));

        assertThat(queue.find(entry.id())).isEmpty();
        assertThat(queue.attempts(entry.id())).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(a.nextHop()).isEqualTo("mx.far.example:25");
            assertThat(a.reply()).startsWith("250");
        });
        assertThat(sql.sql("select count(*) from message").query(Long.class).single()).isZero();
    }

    @Test
    void aPermanentFailureIsLoggedAndListedAmongRecentFailures() {
        QueueEntry entry = enqueueAndClaim("x@far.example");
        queue.fail(entry, "mx.far.example:25", "550 5.1.1 no such user");
        assertThat(queue.find(entry.id())).isEmpty();
        assertThat(queue.recentFailures(10)).singleElement()
                .satisfies(a -> assertThat(a.reply()).isEqualTo("550 5.1.1 no such user"));
    }

    @Test
    void theConsoleCanListSummariseAndDeleteEntries() {
        enqueue("x@far.example");
        enqueue("y@far.example");
        assertThat(queue.list(0, 10)).hasSize(2);
        assertThat(queue.summary().depth()).isEqualTo(2);
        assertThat(queue.summary().oldestCreatedAt()).isBeforeOrEqualTo(Instant.now());

        long id = queue.list(0, 10).get(0).id();
        queue.delete(id);
        assertThat(queue.summary().depth()).isEqualTo(1);
        assertThatThrownBy(() -> queue.delete(id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> queue.retryNow(id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anEmptyQueueSummarisesAsEmpty() {
        assertThat(queue.summary()).isEqualTo(new QueueSummary(0, null, Duration.ZERO));
    }

    @Test
    void theOldestEntrysAgeIsMeasuredOnTheDatabasesClock() {
        enqueue("x@far.example");
        TestQueue.letTimePass(testDatabase, Duration.ofHours(2));
        enqueue("y@far.example");

        assertThat(queue.summary().oldestAge()).isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(1));
    }

    private void enqueue(String recipient) {
        try {
            store.deliver("sender@example.com", MessageOrigin.SUBMITTED,
                    List.of(Recipient.remote(recipient)), content(recipient));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private QueueEntry enqueueAndClaim(String recipient) {
        enqueue(recipient);
        return queue.claimNext("w", 1, Duration.ofMinutes(1)).get(0);
    }

    /** Six workers claim groups of at most {@code limit} until nothing is queued; every group claimed. */
    private List<List<QueueEntry>> claimConcurrently(int limit) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(6);
        List<Future<List<List<QueueEntry>>>> results = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            String worker = "worker-" + w;
            results.add(workers.submit(() -> {
                List<List<QueueEntry>> groups = new ArrayList<>();
                List<QueueEntry> group;
                // a claim that lost a race returns empty while others are still due: ask until none is
                while (!(group = queue.claimNext(worker, limit, Duration.ofMinutes(5))).isEmpty()
                        || sql.sql("select count(*) from queue_entry where state = 'queued'").query(Long.class).single() > 0) {
                    if (!group.isEmpty()) {
                        groups.add(group);
                    }
                }
                return groups;
            }));
        }
        List<List<QueueEntry>> all = new ArrayList<>();
        for (Future<List<List<QueueEntry>>> result : results) {
            all.addAll(result.get());
        }
        workers.shutdown();
        return all;
    }

    private Instant databaseNow() {
        return sql.sql("select now()").query(OffsetDateTime.class).single().toInstant();
    }

    private static InputStream content(String body) {
        return new ByteArrayInputStream(("body " + body).getBytes(StandardCharsets.US_ASCII));
    }
}
