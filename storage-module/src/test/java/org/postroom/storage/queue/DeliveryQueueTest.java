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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
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
        ExecutorService workers = Executors.newFixedThreadPool(6);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            String worker = "worker-" + w;
            Callable<List<Long>> claimAll = () -> {
                List<Long> mine = new ArrayList<>();
                List<QueueEntry> batch;
                while (!(batch = queue.claimDue(worker, 5, Duration.ofMinutes(5))).isEmpty()) {
                    batch.forEach(e -> mine.add(e.id()));
                }
                return mine;
            };
            results.add(workers.submit(claimAll));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> result : results) {
            all.addAll(result.get());
        }
        workers.shutdown();
        assertThat(all).hasSize(200);
        assertThat(new HashSet<>(all)).hasSize(200);
    }

    @Test
    void aClaimedEntryIsClaimedAgainOnlyAfterItsLeaseRunsOut() throws InterruptedException {
        enqueue("x@far.example");
        assertThat(queue.claimDue("a", 10, Duration.ofSeconds(1))).hasSize(1);
        assertThat(queue.claimDue("b", 10, Duration.ofSeconds(1))).isEmpty();
        Thread.sleep(1500);
        List<QueueEntry> reclaimed = queue.claimDue("b", 10, Duration.ofMinutes(1));
        assertThat(reclaimed).hasSize(1);
        assertThat(reclaimed.get(0).state()).isEqualTo("delivering");
    }

    @Test
    void entriesOfOneMessageAndDomainComeTogether() throws IOException {
        store.deliver("a@example.com", MessageOrigin.SUBMITTED,
                List.of(Recipient.remote("x@one.example"), Recipient.remote("y@two.example"),
                Recipient.remote("z@one.example")), content("m"));
        List<QueueEntry> claimed = queue.claimDue("w", 10, Duration.ofMinutes(1));
        assertThat(claimed).extracting(QueueEntry::domain).containsExactly("one.example", "one.example", "two.example");
    }

    @Test
    void aClaimedEntryKnowsWhereItsMessageCameFrom() throws IOException {
        store.deliver("", MessageOrigin.GENERATED, List.of(Recipient.remote("x@one.example")), content("dsn"));
        store.deliver("a@example.com", MessageOrigin.SUBMITTED, List.of(Recipient.remote("y@one.example")),
                content("m"));
        assertThat(queue.claimDue("w", 10, Duration.ofMinutes(1))).extracting(QueueEntry::origin)
                .containsExactly(MessageOrigin.GENERATED, MessageOrigin.SUBMITTED);
    }

    @Test
    void anEntryReachedThroughAnAliasKnowsTheAliasAndADirectOneDoesNot() throws IOException {
        store.deliver("someone@elsewhere.example", MessageOrigin.RECEIVED, List.of(
                new Recipient("fwd@example.com", Set.of(), Set.of("x@one.example", "y@one.example")),
                new Recipient("team@example.com", Set.of(), Set.of("y@one.example")),
                Recipient.remote("z@one.example")), content("m"));
        assertThat(queue.claimDue("w", 10, Duration.ofMinutes(1))).extracting(QueueEntry::recipient,
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
        ExecutorService workers = Executors.newFixedThreadPool(6);
        List<Future<List<List<QueueEntry>>>> results = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            String worker = "worker-" + w;
            results.add(workers.submit(() -> {
                List<List<QueueEntry>> groups = new ArrayList<>();
                List<QueueEntry> group;
                // a claim that lost a race returns empty while others are still due: ask until none is
                while (!(group = queue.claimNext(worker, 10, Duration.ofMinutes(5))).isEmpty()
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
        assertThat(all).hasSize(60).allSatisfy(group -> assertThat(group).hasSize(2));
        assertThat(all.stream().flatMap(List::stream).map(QueueEntry::id).distinct().count()).isEqualTo(120);
    }

    @Test
    void theDelayWarningIsMarkedOnlyOnce() {
        QueueEntry entry = enqueueAndClaim("x@far.example");
        assertThat(queue.markDelayWarned(entry)).isTrue();
        assertThat(queue.markDelayWarned(entry)).isFalse();
    }

    @Test
    void anEntryBeingDeliveredCannotBeDeletedUntilItsAttemptIsOver() {
        QueueEntry entry = enqueueAndClaim("x@far.example");
        assertThatThrownBy(() -> queue.delete(entry.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("being delivered");
        queue.defer(entry, Instant.now().plusSeconds(600), "mx.far.example:25", "451 4.3.0 try later");
        queue.delete(entry.id());
        assertThat(queue.find(entry.id())).isEmpty();
    }

    @Test
    void aDeferredEntryWaitsForItsNextAttempt() {
        enqueue("x@far.example");
        QueueEntry entry = queue.claimDue("w", 1, Duration.ofMinutes(1)).get(0);
        queue.defer(entry, Instant.now().plusSeconds(3600), "mx.far.example:25", "451 4.3.0 try later");

        assertThat(queue.claimDue("w", 1, Duration.ofMinutes(1))).isEmpty();
        QueueEntry waiting = queue.find(entry.id()).orElseThrow();
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.state()).isEqualTo("queued");
        assertThat(waiting.lastError()).isEqualTo("451 4.3.0 try later");

        queue.retryNow(entry.id());
        assertThat(queue.claimDue("w", 1, Duration.ofMinutes(1))).hasSize(1);
    }

    @Test
    void completionRemovesTheEntryKeepsTheAttemptAndFreesTheMessage() throws IOException {
        QueueEntry entry = enqueueAndClaim("x@far.example");
        try (InputStream in = queue.content(entry)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("body x@far.example");
        }
        queue.complete(entry, "mx.far.example:25", "250 2.0.0 queued as 42");

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
        assertThat(queue.summary()).isEqualTo(new QueueSummary(0, null));
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
        return queue.claimDue("w", 1, Duration.ofMinutes(1)).get(0);
    }

    private static InputStream content(String body) {
        return new ByteArrayInputStream(("body " + body).getBytes(StandardCharsets.US_ASCII));
    }
}
